import Testing

@testable import SchemaModel

/// Small valid schema sets that tests extend with the one file they break.
enum TestSchemas {
    /// Path of the fixture app's users table.
    static let usersPath = "Schemas/tasks/tables/users.json"

    /// A schema file with the given JSON text.
    static func file(_ path: String, _ json: String) -> SchemaFile {
        SchemaFile(path: path, contents: Array(json.utf8))
    }

    /// `Schemas/loom.json` serving the `tasks` app.
    static let project = file("Schemas/loom.json", #"{"defaultApp": "tasks"}"#)

    /// `Schemas/tasks/app.json` with only the required keys.
    static let app = file(
        "Schemas/tasks/app.json",
        #"{"name": "tasks", "title": "Tasks API", "version": "1.0.0", "description": "Tracks tasks."}"#)

    /// A valid users table.
    static let users = table(
        "users",
        fields: #"""
            "email": {"type": "email", "description": "Login address.", "required": true, "unique": true},
            "name": {"type": "string", "description": "Display name.", "required": true, "maxLength": 100}
            """#)

    /// A table file named `name` with the given `fields` members and extra top-level members.
    static func table(_ name: String, fields: String, extra: String = "") -> SchemaFile {
        let tail = extra.isEmpty ? "" : ",\n\(extra)"
        return file(
            "Schemas/tasks/tables/\(name).json",
            """
            {
              "name": "\(name)",
              "description": "The \(name) table.",
              "fields": {
                \(fields)
              }\(tail)
            }
            """)
    }

    /// An endpoint file named `name` with the given top-level members besides name and description.
    static func endpoint(_ name: String, _ members: String) -> SchemaFile {
        file(
            "Schemas/tasks/endpoints/\(name).json",
            """
            {
              "name": "\(name)",
              "description": "The \(name) endpoint.",
              \(members)
            }
            """)
    }

    /// The project, app and users table, with `overrides` replacing files of the same path
    /// and adding the others.
    static func files(_ overrides: SchemaFile...) -> [SchemaFile] { files(overrides) }

    /// The project, app and users table, with `overrides` replacing files of the same path
    /// and adding the others.
    static func files(_ overrides: [SchemaFile]) -> [SchemaFile] {
        var byPath: [String: SchemaFile] = [:]
        for file in [project, app, users] + overrides { byPath[file.path] = file }
        return byPath.values.sorted { $0.path < $1.path }
    }

    /// Every diagnostic the pipeline reports for `files`: all of them on failure, warnings on success.
    static func diagnostics(_ files: [SchemaFile]) -> [Diagnostic] {
        switch SchemaPipeline.load(files) {
        case .success(let loaded): return loaded.warnings
        case .failure(let list): return list.diagnostics
        }
    }
}

/// Expects exactly one diagnostic with `code` at `file` and `path` whose message contains
/// `fragment`, and returns it.
@discardableResult
func expectDiagnostic(
    _ diagnostics: [Diagnostic], code: String, file: String = TestSchemas.usersPath, path: String,
    contains fragment: String, sourceLocation: SourceLocation = #_sourceLocation
) -> Diagnostic? {
    let matches = diagnostics.filter {
        $0.code == code && $0.file == file && $0.path == path && $0.message.contains(fragment)
    }
    #expect(
        matches.count == 1,
        "expected one \(code) at \(file) [\(path)] containing \"\(fragment)\"; got:\n\(render(diagnostics))",
        sourceLocation: sourceLocation)
    return matches.first
}

/// Diagnostics one per line, for failure messages.
func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { "  [\($0.code)] \($0.description)" }.joined(separator: "\n")
}
