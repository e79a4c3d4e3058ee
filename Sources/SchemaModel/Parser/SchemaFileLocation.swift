/// What a file under `Schemas/` is, decided from its relative path alone.
enum SchemaFileLocation: Hashable, Sendable {
    /// `Schemas/loom.json`.
    case project
    /// `Schemas/<app>/app.json`.
    case appConfig(app: String)
    /// `Schemas/<app>/tables/<stem>.json`.
    case table(app: String, stem: String)
    /// `Schemas/<app>/endpoints/<stem>.json`.
    case endpoint(app: String, stem: String)
    /// Files that are not schemas and are skipped silently: the editor schema
    /// `Schemas/loom-schema.json` and hidden files such as `.DS_Store`.
    case ignored
    /// Anything else; reported so that a misplaced schema is never silently skipped.
    case unexpected

    /// Path of the project file.
    static let projectFile = "Schemas/loom.json"
    /// Path of the JSON Schema for editors, which is not itself a schema file.
    static let editorSchemaFile = "Schemas/loom-schema.json"

    /// Classifies a path relative to the repository root.
    init(path: String) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard components.first == "Schemas", let last = components.last else {
            self = .unexpected
            return
        }
        if path == Self.editorSchemaFile || last.hasPrefix(".") {
            self = .ignored
            return
        }
        let stem = last.hasSuffix(".json") ? String(last.dropLast(".json".count)) : nil
        switch components.count {
        case 2 where last == "loom.json":
            self = .project
        case 3 where last == "app.json" && !components[1].isEmpty:
            self = .appConfig(app: components[1])
        case 4 where components[2] == "tables" && !components[1].isEmpty && stem?.isEmpty == false:
            self = .table(app: components[1], stem: stem!)
        case 4 where components[2] == "endpoints" && !components[1].isEmpty && stem?.isEmpty == false:
            self = .endpoint(app: components[1], stem: stem!)
        default:
            self = .unexpected
        }
    }

    /// The app directory the file belongs to, if any.
    var app: String? {
        switch self {
        case .appConfig(let app), .table(let app, _), .endpoint(let app, _): return app
        case .project, .ignored, .unexpected: return nil
        }
    }

    /// Path of an app's `app.json`.
    static func appConfigFile(app: String) -> String { "Schemas/\(app)/app.json" }
}
