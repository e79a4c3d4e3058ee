import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator
@testable import loom

/// `loom generate --check` on disk: a schema edit without its migration is stale, and a
/// written migration is never rewritten.
@Suite("Migrations: loom generate --check")
struct MigrationCheckTests {
    @Test("after a schema edit, check names the missing migration files; after generating, nothing is stale")
    func checkNamesMissingMigration() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-migration-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Schemas/mini/tables"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        func write(_ tables: [String: String]) throws {
            for file in Fixtures.schemaFiles(tables) { try Data(file.contents).write(to: root.appendingPathComponent(file.path)) }
        }
        let workspace = Workspace(root: root)
        func generated() throws -> [OutputFile] {
            let outcome = try Generator.generate(
                schemaFiles: try workspace.schemaFiles(), templates: try workspace.templates(), migrationFiles: try workspace.migrationFiles())
            guard case .generated(let files, _) = outcome else { throw FixtureError(message: "\(outcome)") }
            return files
        }
        try write(MigrationFixtures.initialTables)
        try workspace.apply(try workspace.changes(for: try generated()))
        let initial = try String(contentsOf: root.appendingPathComponent("\(MigrationFixtures.directory)/0001_initial.sqlite.sql"), encoding: .utf8)

        let fields = MigrationFixtures.notesFields + #", "pinned": {"type": "boolean", "description": "Pinned.", "default": false}"#
        try write(["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": MigrationFixtures.notes(fields)])
        let stale = Dictionary(uniqueKeysWithValues: try workspace.changes(for: try generated()).map { ($0.path, $0.kind) })
        #expect(stale["\(MigrationFixtures.directory)/0002_add_notes_pinned.sqlite.sql"] == .added)
        #expect(stale["\(MigrationFixtures.directory)/0002_add_notes_pinned.postgres.sql"] == .added)
        #expect(stale["\(MigrationFixtures.directory)/snapshot.json"] == .modified)
        #expect(stale["\(MigrationFixtures.directory)/0001_initial.sqlite.sql"] == nil)

        try workspace.apply(try workspace.changes(for: try generated()))
        #expect(try workspace.changes(for: try generated()).isEmpty)
        #expect(try String(contentsOf: root.appendingPathComponent("\(MigrationFixtures.directory)/0001_initial.sqlite.sql"), encoding: .utf8) == initial)
    }
}
