import Foundation
import SchemaModel

@testable import CodeGenerator
@testable import loom

/// Shared inputs for generator tests: the repository's own files and small schemas.
enum Fixtures {
    /// The repository root (this file is `Tests/CodeGeneratorTests/Fixtures.swift`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The repository as the `loom` command sees it.
    static var workspace: Workspace { Workspace(root: root) }

    /// The checked-in templates.
    static func templates() throws -> [String: String] { try workspace.templates() }

    /// A one-app schema set from in-memory files: `files` maps paths below `Schemas/mini/` to JSON;
    /// without an `app.json` among them the app has only the required keys.
    static func schemaFiles(_ files: [String: String], app: String = "mini") -> [SchemaFile] {
        var result = [SchemaFile(path: "Schemas/loom.json", contents: Array(#"{"defaultApp": "\#(app)"}"#.utf8))]
        let appJSON = files["app.json"] ?? #"{"name": "\#(app)", "title": "Mini", "version": "1.0.0", "description": "A small app."}"#
        result.append(SchemaFile(path: "Schemas/\(app)/app.json", contents: Array(appJSON.utf8)))
        for (path, json) in files.sorted(by: { $0.key < $1.key }) where path != "app.json" {
            result.append(SchemaFile(path: "Schemas/\(app)/\(path)", contents: Array(json.utf8)))
        }
        return result
    }

    /// Generates from in-memory schema files with the real templates, failing on diagnostics.
    static func generate(_ files: [String: String]) throws -> [String: String] {
        switch try Generator.generate(schemaFiles: schemaFiles(files), templates: templates()) {
        case .generated(let outputs, _):
            return Dictionary(uniqueKeysWithValues: outputs.map { ($0.path, $0.contents) })
        case .invalid(let diagnostics):
            throw FixtureError(message: diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    /// A table with one of each constraint, used by snippet tests.
    static let notesTable = """
        {
          "name": "notes",
          "description": "Notes.",
          "fields": {
            "title": {"type": "string", "description": "Title.", "required": true, "maxLength": 80, "unique": true},
            "rank": {"type": "integer", "description": "Rank.", "min": 0, "default": 0},
            "owner": {"type": "relation", "description": "Owner.", "table": "owners", "onDelete": "setNull", "nullable": true}
          }
        }
        """

    /// The table `notes` references.
    static let ownersTable = """
        {"name": "owners", "description": "Owners.", "primaryKey": {"name": "owner_id", "type": "integer"}, "timestamps": false,
         "fields": {"email": {"type": "email", "description": "Email.", "required": true}}}
        """
}

/// A fixture that could not be generated.
struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
