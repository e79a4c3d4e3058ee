import Foundation
import SchemaModel

@testable import CodeGenerator

/// Runs the generator over a small app with a migration history, the way `loom generate` does.
enum MigrationFixtures {
    /// The migration folder of the `mini` fixture app.
    static let directory = "Generated/Mini/Migrations"

    /// The generator's result: every output file by path, or the diagnostics.
    enum Result {
        case files([String: String])
        case refused([Diagnostic])

        /// The files, or a thrown error naming the diagnostics.
        func files() throws -> [String: String] {
            switch self {
            case .files(let files): return files
            case .refused(let diagnostics): throw FixtureError(message: diagnostics.map(\.description).joined(separator: "\n"))
            }
        }
    }

    /// Generates `tables` (paths below `Schemas/mini/`) with `history` as the migration folder.
    static func generate(_ tables: [String: String], history: [String: String] = [:], appKeys: String = "") throws -> Result {
        var schemaFiles = Fixtures.schemaFiles(tables)
        if !appKeys.isEmpty {
            let appJSON = #"{"name": "mini", "title": "Mini", "version": "1.0.0", "description": "A small app.", "# + appKeys + "}"
            schemaFiles = schemaFiles.map { $0.path == "Schemas/mini/app.json" ? SchemaFile(path: $0.path, contents: Array(appJSON.utf8)) : $0 }
        }
        switch try Generator.generate(schemaFiles: schemaFiles, templates: Fixtures.templates(), migrationFiles: history) {
        case .generated(let files, _): return .files(Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) }))
        case .invalid(let diagnostics): return .refused(diagnostics)
        }
    }

    /// Only the migration folder of `files`, as the next run's history.
    static func history(_ files: [String: String]) -> [String: String] {
        files.filter { $0.key.hasPrefix(directory + "/") }
    }

    /// Migration files `after` has that `before` lacked.
    static func added(_ after: [String: String], since before: [String: String]) -> [String: String] {
        history(after).filter { before[$0.key] == nil && !$0.key.hasSuffix("snapshot.json") }
    }

    /// A notes table like `Fixtures.notesTable` with `fields` as its fields object and `extra` keys.
    static func notes(_ fields: String, extra: String = "") -> String {
        #"{"name": "notes", "description": "Notes."\#(extra), "fields": {\#(fields)}}"#
    }

    /// The fields of the first version of `notes`.
    static let notesFields = """
        "title": {"type": "string", "description": "Title.", "required": true, "unique": true},
        "rank": {"type": "integer", "description": "Rank.", "default": 0},
        "owner": {"type": "relation", "description": "Owner.", "table": "owners", "onDelete": "setNull", "nullable": true}
        """

    /// The first version of the app: owners and notes.
    static var initialTables: [String: String] {
        ["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": notes(notesFields)]
    }
}
