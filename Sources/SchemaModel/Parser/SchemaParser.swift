/// The parse stage: schema files in, typed `ParsedSchemas` out.
///
/// Every file is read completely and every problem in every file is reported, so one run of
/// the generator shows the developer all there is to fix.
public enum SchemaParser {
    /// Parses every file under `Schemas/` (paths relative to the repository root).
    ///
    /// - Returns: the typed schemas, or `nil` when any error was found, together with all
    ///   diagnostics sorted by file, path and message. Apps, and each app's tables and
    ///   endpoints, are sorted by name.
    public static func parse(_ files: [SchemaFile]) -> (schemas: ParsedSchemas?, diagnostics: [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        var contents = ParsedContents()
        for file in files.sorted(by: { $0.path < $1.path }) {
            read(file, into: &contents, diagnostics: diagnostics)
        }
        reportMissingFiles(contents, diagnostics: diagnostics)
        reportBorrowedTables(contents, diagnostics: diagnostics)
        let sorted = diagnostics.diagnostics.sorted()
        guard !diagnostics.hasErrors, let project = contents.project else { return (nil, sorted) }
        return (contents.assemble(project: project), sorted)
    }

    private static func read(_ file: SchemaFile, into contents: inout ParsedContents, diagnostics: DiagnosticCollector)
    {
        let location = SchemaFileLocation(path: file.path)
        switch location {
        case .ignored:
            return
        case .unexpected:
            diagnostics.error(
                .unexpectedFile, file: file.path, path: "",
                "unexpected file; schema files live in Schemas/<app>/app.json, tables/ or endpoints/ "
                    + "(plus Schemas/loom.json); move or remove it")
            return
        case .project, .appConfig, .table, .endpoint:
            contents.seen.insert(location)
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(file.contents)
        } catch {
            diagnostics.error(
                .invalidJSON, file: file.path, path: "",
                "invalid JSON at line \(error.line), column \(error.column): \(error.message)")
            return
        }
        let values = ValueReader(file: file.path, diagnostics: diagnostics)
        switch location {
        case .project:
            contents.project = ProjectConfigReader.read(root, values: values)
        case .appConfig(let app):
            contents.configs[app] = AppConfigReader.read(root, values: values)
        case .table(let app, _):
            if let table = TableSchemaReader.read(root, values: values) {
                contents.tables[app, default: []].append(table)
            }
        case .endpoint(let app, _):
            if let endpoint = EndpointSchemaReader.read(root, values: values) {
                contents.endpoints[app, default: []].append(endpoint)
            }
        case .ignored, .unexpected:
            break
        }
    }

    private static func reportMissingFiles(_ contents: ParsedContents, diagnostics: DiagnosticCollector) {
        if !contents.seen.contains(.project) {
            diagnostics.error(
                .missingFile, file: SchemaFileLocation.projectFile, path: "",
                "missing Schemas/loom.json; create it with {\"defaultApp\": \"<app>\"} naming the app loom-server serves"
            )
        }
        let appsWithFiles = Set(contents.seen.compactMap(\.app))
        for app in appsWithFiles.sorted() where !contents.seen.contains(.appConfig(app: app)) {
            diagnostics.error(
                .missingFile, file: SchemaFileLocation.appConfigFile(app: app), path: "",
                "app directory Schemas/\(app)/ has no app.json; create it with \"name\": \"\(app)\", "
                    + "\"title\", \"version\" and \"description\"")
        }
    }
}

extension SchemaParser {
    /// Checks every `tablesFrom`: it names another app directory with an `app.json`, which serves
    /// tables of its own, and the borrowing app has no `tables/` (one place declares each table).
    fileprivate static func reportBorrowedTables(_ contents: ParsedContents, diagnostics: DiagnosticCollector) {
        for (directory, config) in contents.configs.sorted(by: { $0.key < $1.key }) {
            guard let source = config.tablesFrom else { continue }
            let problem: String? =
                if source == directory {
                    "an app cannot borrow its own tables; remove tablesFrom"
                } else if contents.configs[source] == nil {
                    "no app directory Schemas/\(source)/ with an app.json; "
                        + Suggestion.useOneOf(contents.configs.keys.filter { $0 != directory }.sorted(), for: source)
                } else if let chained = contents.configs[source]?.tablesFrom {
                    "Schemas/\(source)/ borrows its tables from \(chained) itself; name \(chained) instead"
                } else if contents.seen.contains(where: { if case .table(directory, _) = $0 { true } else { false } }) {
                    "Schemas/\(directory)/tables/ exists; an app either declares tables or borrows them: "
                        + "remove the directory or tablesFrom"
                } else {
                    nil
                }
            if let problem {
                diagnostics.error(.invalidTablesFrom, file: config.file, path: "/tablesFrom", problem)
            }
        }
    }
}

/// What the parser has read so far, grouped by app directory.
private struct ParsedContents {
    /// Every schema file location met, readable or not, to tell "missing" from "broken".
    var seen: Set<SchemaFileLocation> = []
    /// `Schemas/loom.json`, once read.
    var project: ProjectConfig?
    /// App configs by directory name.
    var configs: [String: AppConfig] = [:]
    /// Tables by app directory name.
    var tables: [String: [TableSchema]] = [:]
    /// Endpoints by app directory name.
    var endpoints: [String: [EndpointSchema]] = [:]

    /// Builds the sorted result; only called when no error was reported.
    func assemble(project: ProjectConfig) -> ParsedSchemas {
        let apps = configs.map { directory, config in
            AppSchema(
                config: config,
                tables: (tables[config.tablesFrom ?? directory] ?? []).sorted { ($0.name, $0.file) < ($1.name, $1.file) },
                endpoints: (endpoints[directory] ?? []).sorted { ($0.name, $0.file) < ($1.name, $1.file) })
        }
        return ParsedSchemas(
            project: project,
            apps: apps.sorted { ($0.config.name, $0.config.file) < ($1.config.name, $1.config.file) })
    }
}
