import SchemaModel

/// The files `loom new` writes for an app: an `app.json` and one sample table that generate and
/// serve as they are, and the lines that say how to run it.
struct AppScaffold {
    /// A file to write, relative to the repository root.
    struct File {
        var path: String
        var contents: String
    }

    /// The app's name (`blog`).
    let name: String

    /// Whether `name` is an app name the schema accepts: the validator's own rule.
    static func isValidName(_ name: String) -> Bool { NameRules.isValid(name) }

    /// `app.json` and `tables/notes.json`.
    var files: [File] {
        [
            File(path: "Schemas/\(name)/app.json", contents: appJSON),
            File(path: "Schemas/\(name)/tables/notes.json", contents: notesJSON),
        ]
    }

    /// What to run next, printed after the files are written.
    func nextSteps(generated: Bool) -> String {
        var lines = ["", "Next:"]
        if !generated { lines.append("  swift run loom generate") }
        lines += [
            "  swift run loom-server serve --app \(name) --port 8080",
            "  curl -s -X POST http://127.0.0.1:8080/v1/notes -H 'Content-Type: application/json' -d '{\"title\": \"First note\"}'",
            "  curl -s http://127.0.0.1:8080/v1/notes",
            "  open http://127.0.0.1:8080/docs",
            "Add tables under Schemas/\(name)/tables/, then run `swift run loom generate` again.",
        ]
        return lines.joined(separator: "\n")
    }

    private var title: String {
        name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ") + " API"
    }

    private var appJSON: String {
        """
        {
          "$schema": "../loom-schema.json#/$defs/app",
          "name": "\(name)",
          "title": "\(title)",
          "version": "0.1.0",
          "description": "The \(name) app, created by `loom new`.",
          "basePath": "/v1",
          "errorFormat": "problem"
        }

        """
    }

    private var notesJSON: String {
        """
        {
          "$schema": "../../loom-schema.json#/$defs/table",
          "name": "notes",
          "description": "A sample table: rename it, add fields, or add more tables beside it.",
          "primaryKey": { "name": "id", "type": "uuid" },
          "timestamps": true,
          "operations": ["list", "get", "create", "replace", "update", "delete"],
          "fields": {
            "title": { "type": "string", "description": "What the note is about.", "required": true, "minLength": 1, "maxLength": 200, "example": "Call the printer" },
            "body": { "type": "text", "description": "The note itself.", "maxLength": 10000, "nullable": true, "example": "Ask about the invoice from March." },
            "done": { "type": "boolean", "description": "Whether it is dealt with.", "default": false, "example": false }
          }
        }

        """
    }
}
