import Foundation
import Runtime
import SchemaModel

@testable import CodeGenerator

/// Runs the real generator over a small two-table app (`mini`) the way `loom generate` does,
/// and turns the migration files it writes into the `SchemaMigration`s a binary embeds, so
/// tests can take a schema through versions and apply each one to a live database.
enum MigrationScenario {
    /// The migration folder of the app.
    static let directory = "Generated/Mini/Migrations"

    /// The repository root (this file is `Tests/ServerTests/Migrations/MigrationScenario.swift`).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The real templates, by name.
    static func templates() throws -> [String: String] {
        var result: [String: String] = [:]
        for name in Renderer.templateNames {
            result[name] = try String(contentsOf: root.appendingPathComponent("Templates/\(name).mustache"), encoding: .utf8)
        }
        return result
    }

    /// Version 1: owners, and notes with a title, a rank (indexed), a body and an owner.
    static let version1 = [
        "tables/owners.json": #"""
            {"name": "owners", "description": "Owners.", "primaryKey": {"name": "id", "type": "integer"}, "timestamps": false,
             "fields": {"email": {"type": "email", "description": "Email.", "required": true}}}
            """#,
        "tables/notes.json": #"""
            {"name": "notes", "description": "Notes.", "primaryKey": {"name": "id", "type": "integer"}, "timestamps": false,
             "fields": {
               "title": {"type": "string", "description": "Title.", "required": true},
               "rank": {"type": "integer", "description": "Rank.", "default": 0},
               "body": {"type": "string", "description": "Body.", "nullable": true},
               "owner": {"type": "relation", "description": "Owner.", "table": "owners", "onDelete": "setNull", "nullable": true}
             },
             "indexes": [{"fields": ["rank"]}]}
            """#,
    ]

    /// Version 2: `pinned` added, `title` renamed to `headline`, `rank` widened to a number,
    /// the rank index replaced by a pinned index, `body` dropped (`allowDataLoss`).
    static let version2 = [
        "tables/owners.json": version1["tables/owners.json"]!,
        "tables/notes.json": #"""
            {"name": "notes", "description": "Notes.", "primaryKey": {"name": "id", "type": "integer"}, "timestamps": false,
             "allowDataLoss": true,
             "fields": {
               "headline": {"type": "string", "description": "Title.", "required": true, "renamedFrom": "title"},
               "rank": {"type": "number", "description": "Rank.", "default": 0},
               "owner": {"type": "relation", "description": "Owner.", "table": "owners", "onDelete": "setNull", "nullable": true},
               "pinned": {"type": "boolean", "description": "Pinned.", "default": false}
             },
             "indexes": [{"fields": ["pinned"]}]}
            """#,
    ]

    /// Generates `tables` with `history` (the migration folder of the previous run); returns
    /// every output file by path.
    static func generate(_ tables: [String: String], history: [String: String] = [:]) throws -> [String: String] {
        var files = [
            SchemaFile(path: "Schemas/loom.json", contents: Array(#"{"defaultApp": "mini"}"#.utf8)),
            SchemaFile(
                path: "Schemas/mini/app.json",
                contents: Array(#"{"name": "mini", "title": "Mini", "version": "1.0.0", "description": "A small app."}"#.utf8)),
        ]
        for (path, json) in tables.sorted(by: { $0.key < $1.key }) {
            files.append(SchemaFile(path: "Schemas/mini/\(path)", contents: Array(json.utf8)))
        }
        switch try Generator.generate(schemaFiles: files, templates: try templates(), migrationFiles: history) {
        case .generated(let output, _):
            return Dictionary(uniqueKeysWithValues: output.map { ($0.path, $0.contents) })
        case .invalid(let diagnostics):
            throw ScenarioError(message: diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    /// The migration folder of `files`, as the next run's history.
    static func history(_ files: [String: String]) -> [String: String] {
        files.filter { $0.key.hasPrefix(directory + "/") }
    }

    /// The migrations of `files` as a binary embeds them, oldest first.
    static func migrations(_ files: [String: String]) -> [SchemaMigration] {
        var byVersion: [Int: (name: String, sqlite: MigrationSQL?, postgres: MigrationSQL?)] = [:]
        for (path, text) in history(files) {
            guard let parsed = MigrationFile.parseFileName(String(path.dropFirst(directory.count + 1))) else { continue }
            var entry = byVersion[parsed.version] ?? (parsed.name, nil, nil)
            if parsed.dialect == "sqlite" { entry.sqlite = MigrationFile.parse(text) } else { entry.postgres = MigrationFile.parse(text) }
            byVersion[parsed.version] = entry
        }
        return byVersion.keys.sorted().compactMap { version in
            guard let entry = byVersion[version], let sqlite = entry.sqlite, let postgres = entry.postgres else { return nil }
            return SchemaMigration(
                version: version, name: entry.name, sqlite: sqlite.statements, postgres: postgres.statements,
                sqliteForeignKeysOff: sqlite.foreignKeysOff)
        }
    }

    /// A schema definition carrying only `migrations` (the numbered path ignores `tables`).
    static func schema(_ migrations: [SchemaMigration]) -> SchemaDefinition {
        SchemaDefinition(app: "mini", migrations: migrations)
    }
}

/// The scenario's generator refused the schema.
struct ScenarioError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
