import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator

/// `loom generate` writing numbered migrations: the initial one, the next one after a schema
/// edit, refusals of lossy edits, and the hints that allow them.
@Suite("Migrations: generation from schema edits")
struct MigrationGenerationTests {
    typealias F = MigrationFixtures

    /// The first run and its output fed back as history.
    private func initial() throws -> [String: String] {
        try F.generate(F.initialTables).files()
    }

    private func sql(_ files: [String: String], _ dialect: String) -> String {
        files.first { $0.key.hasSuffix(".\(dialect).sql") }?.value ?? ""
    }

    @Test("the first generation writes 0001_initial for both dialects, referenced tables first, plus snapshot and Swift")
    func initialMigration() throws {
        let files = try initial()
        let sqlite = try #require(files["\(F.directory)/0001_initial.sqlite.sql"])
        let postgres = try #require(files["\(F.directory)/0001_initial.postgres.sql"])
        #expect(files["\(F.directory)/snapshot.json"] != nil)
        let owners = try #require(postgres.range(of: "CREATE TABLE \"owners\""))
        let notes = try #require(postgres.range(of: "CREATE TABLE \"notes\""))
        #expect(owners.lowerBound < notes.lowerBound)
        #expect(sqlite.contains("CREATE UNIQUE INDEX IF NOT EXISTS \"notes_title_key\" ON \"notes\" (\"title\");"))
        let swift = try #require(files["Generated/Mini/Mini+Migrations.swift"])
        #expect(swift.contains("public static let migrations: [SchemaMigration] = ["))
        #expect(swift.contains("name: \"initial\""))
    }

    @Test("an unchanged schema writes no new migration and passes existing files through byte for byte")
    func unchangedSchema() throws {
        let first = try initial()
        let second = try F.generate(F.initialTables, history: F.history(first)).files()
        #expect(F.history(second) == F.history(first))
        #expect(second["Generated/Mini/Mini+Migrations.swift"] == first["Generated/Mini/Mini+Migrations.swift"])
    }

    @Test("an added optional field becomes 0002_add_<table>_<field> with ADD COLUMN on both engines")
    func addColumn() throws {
        let first = try initial()
        let fields = F.notesFields + #", "pinned": {"type": "boolean", "description": "Pinned.", "default": false}"#
        let second = try F.generate(["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(fields)], history: F.history(first)).files()
        let added = F.added(second, since: first)
        #expect(Set(added.keys) == ["\(F.directory)/0002_add_notes_pinned.sqlite.sql", "\(F.directory)/0002_add_notes_pinned.postgres.sql"])
        #expect(sql(added, "sqlite").contains("ALTER TABLE \"notes\" ADD COLUMN \"pinned\" INTEGER NOT NULL DEFAULT 0;"))
        #expect(sql(added, "postgres").contains("ALTER TABLE \"notes\" ADD COLUMN \"pinned\" BOOLEAN NOT NULL DEFAULT FALSE;"))
        #expect(second["\(F.directory)/0001_initial.sqlite.sql"] == first["\(F.directory)/0001_initial.sqlite.sql"])
        let third = try F.generate(["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(fields)], history: F.history(second)).files()
        #expect(F.history(third) == F.history(second))
    }

    @Test("dropping a field is refused naming the table file and the fix")
    func dropColumnRefused() throws {
        let first = try initial()
        let fields = F.notesFields.replacingOccurrences(of: #""rank": {"type": "integer", "description": "Rank.", "default": 0},"#, with: "")
        let result = try F.generate(["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(fields)], history: F.history(first))
        guard case .refused(let diagnostics) = result else { Issue.record("a lossy edit was accepted"); return }
        let diagnostic = try #require(diagnostics.first { $0.code == "migration-drops-column" })
        #expect(diagnostic.file == "Schemas/mini/tables/notes.json")
        #expect(diagnostic.message.contains("allowDataLoss"))
        #expect(diagnostic.message.contains("renamedFrom"))
    }

    @Test("renamedFrom renames the column and its constraint-free index instead of dropping it")
    func renameColumn() throws {
        let first = try initial()
        let fields = F.notesFields.replacingOccurrences(
            of: #""title": {"type": "string", "description": "Title.", "required": true, "unique": true}"#,
            with: #""headline": {"type": "string", "description": "Title.", "required": true, "unique": true, "renamedFrom": "title"}"#)
        let second = try F.generate(["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(fields)], history: F.history(first)).files()
        let added = F.added(second, since: first)
        let sqlite = sql(added, "sqlite"), postgres = sql(added, "postgres")
        #expect(added.keys.contains { $0.contains("0002_rename_notes_title_to_headline") })
        #expect(sqlite.contains("ALTER TABLE \"notes\" RENAME COLUMN \"title\" TO \"headline\";"))
        #expect(sqlite.contains("DROP INDEX IF EXISTS \"notes_title_key\";"))
        #expect(sqlite.contains("CREATE UNIQUE INDEX IF NOT EXISTS \"notes_headline_key\" ON \"notes\" (\"headline\");"))
        #expect(!sqlite.contains("DROP COLUMN") && !sqlite.contains("loom_new_"))
        #expect(postgres.contains("ALTER TABLE \"notes\" RENAME COLUMN \"title\" TO \"headline\";"))
    }

    @Test("allowDataLoss lets a column go: a table rebuild on SQLite with foreign keys off, DROP COLUMN on PostgreSQL")
    func dropColumnAllowed() throws {
        let first = try initial()
        let fields = F.notesFields.replacingOccurrences(of: #""rank": {"type": "integer", "description": "Rank.", "default": 0},"#, with: "")
        let tables = ["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(fields, extra: #", "allowDataLoss": true"#)]
        let added = F.added(try F.generate(tables, history: F.history(first)).files(), since: first)
        let sqlite = sql(added, "sqlite")
        #expect(sqlite.contains(MigrationFile.foreignKeysOffDirective))
        #expect(sqlite.contains("CREATE TABLE \"loom_new_notes\""))
        #expect(sqlite.contains("INSERT INTO \"loom_new_notes\" (rowid, \"id\", \"title\", \"owner\", \"created_at\", \"updated_at\") SELECT rowid, \"id\", \"title\", \"owner\", \"created_at\", \"updated_at\" FROM \"notes\";"))
        #expect(sqlite.contains("DROP TABLE \"notes\";\nALTER TABLE \"loom_new_notes\" RENAME TO \"notes\";"))
        #expect(sqlite.contains("CREATE UNIQUE INDEX IF NOT EXISTS \"notes_title_key\""))
        #expect(sql(added, "postgres").contains("ALTER TABLE \"notes\" DROP COLUMN \"rank\";"))
    }

    @Test("a removed table is refused unless app.json lists it in droppedTables")
    func dropTable() throws {
        let first = try initial()
        let refused = try F.generate(["tables/owners.json": Fixtures.ownersTable], history: F.history(first))
        guard case .refused(let diagnostics) = refused else { Issue.record("dropping a table was accepted"); return }
        #expect(diagnostics.contains { $0.code == "migration-drops-table" && $0.file == "Schemas/mini/app.json" && $0.path == "droppedTables" })
        let allowed = try F.generate(["tables/owners.json": Fixtures.ownersTable], history: F.history(first), appKeys: #""droppedTables": ["notes"]"#).files()
        let added = F.added(allowed, since: first)
        #expect(sql(added, "postgres").contains("DROP TABLE \"notes\";"))
        #expect(sql(added, "sqlite").contains(MigrationFile.foreignKeysOffDirective))
    }

    @Test("widening integer to number alters the type; narrowing string to integer is refused")
    func typeChanges() throws {
        let first = try initial()
        let widened = F.notesFields.replacingOccurrences(of: #""rank": {"type": "integer""#, with: #""rank": {"type": "number""#)
        let added = F.added(
            try F.generate(["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(widened)], history: F.history(first)).files(),
            since: first)
        #expect(sql(added, "postgres").contains("ALTER TABLE \"notes\" ALTER COLUMN \"rank\" TYPE DOUBLE PRECISION USING \"rank\"::DOUBLE PRECISION;"))
        #expect(sql(added, "sqlite").contains("CREATE TABLE \"loom_new_notes\""))
        let narrowed = F.notesFields.replacingOccurrences(
            of: #""title": {"type": "string", "description": "Title.", "required": true, "unique": true}"#,
            with: #""title": {"type": "integer", "description": "Title.", "required": true, "unique": true}"#)
        let result = try F.generate(["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(narrowed)], history: F.history(first))
        guard case .refused(let diagnostics) = result else { Issue.record("a narrowing change was accepted"); return }
        #expect(diagnostics.contains { $0.code == "migration-narrows-type" && $0.path == "fields.title" })
    }

    @Test("a table with renamedFrom is renamed, with its constraints on PostgreSQL")
    func renameTable() throws {
        let first = try initial()
        let tables = [
            "tables/owners.json": Fixtures.ownersTable,
            "tables/memos.json": F.notes(F.notesFields, extra: #", "renamedFrom": "notes""#).replacingOccurrences(of: #""name": "notes""#, with: #""name": "memos""#),
        ]
        let added = F.added(try F.generate(tables, history: F.history(first)).files(), since: first)
        let postgres = sql(added, "postgres")
        #expect(postgres.contains("ALTER TABLE \"notes\" RENAME TO \"memos\";"))
        #expect(postgres.contains("ALTER TABLE \"memos\" RENAME CONSTRAINT \"notes_owner_fkey\" TO \"memos_owner_fkey\";"))
        #expect(!postgres.contains("DROP TABLE"))
        #expect(sql(added, "sqlite").contains("ALTER TABLE \"notes\" RENAME TO \"memos\";"))
    }
}
