import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator

/// The change kinds `MigrationGenerationTests` does not cover: indexes alone, required columns,
/// enum checks and a nullable column made required.
@Suite("Migrations: more change kinds")
struct SchemaDifferTests {
    typealias F = MigrationFixtures

    private func next(_ fields: String, extra: String = "") throws -> F.Result {
        let first = try F.generate(F.initialTables).files()
        return try F.generate(["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(fields, extra: extra)], history: F.history(first))
    }

    private func added(_ result: F.Result, _ dialect: String) throws -> String {
        let first = try F.generate(F.initialTables).files()
        return F.added(try result.files(), since: first).first { $0.key.hasSuffix(".\(dialect).sql") }?.value ?? ""
    }

    @Test("a declared index added is CREATE INDEX only; removed again it is DROP INDEX only")
    func indexes() throws {
        let withIndex = try next(F.notesFields, extra: #", "indexes": [{"fields": ["rank"]}]"#)
        let sqlite = try added(withIndex, "sqlite")
        #expect(sqlite.contains("CREATE INDEX IF NOT EXISTS \"notes_rank_idx\" ON \"notes\" (\"rank\");"))
        #expect(!sqlite.contains("loom_new_") && !sqlite.contains("ALTER TABLE"))
        let files = try withIndex.files()
        let dropped = try F.generate(F.initialTables, history: F.history(files)).files()
        let text = F.added(dropped, since: files).first { $0.key.hasSuffix(".postgres.sql") }?.value ?? ""
        #expect(text.contains("DROP INDEX IF EXISTS \"notes_rank_idx\";"))
        #expect(F.added(dropped, since: files).keys.contains { $0.contains("0003_drop_notes_index_notes_rank_idx") })
    }

    @Test("a new required field without default is refused naming the field and the fix")
    func requiredColumnRefused() throws {
        let result = try next(F.notesFields + #", "code": {"type": "string", "description": "Code.", "required": true}"#)
        guard case .refused(let diagnostics) = result else { Issue.record("a required column was added to a table with rows"); return }
        let diagnostic = try #require(diagnostics.first { $0.code == "migration-required-column" })
        #expect(diagnostic.path == "fields.code")
        #expect(diagnostic.message.contains("default"))
    }

    @Test("enum values: adding one widens the check (constraint replaced); removing one is refused")
    func enumCheck() throws {
        let status = #", "status": {"type": "enum", "description": "S.", "values": ["a", "b"], "default": "a"}"#
        let first = try F.generate(["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(F.notesFields + status)]).files()
        let widened = try F.generate(
            ["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(F.notesFields + status.replacingOccurrences(of: #"["a", "b"]"#, with: #"["a", "b", "c"]"#))],
            history: F.history(first)).files()
        let postgres = F.added(widened, since: first).first { $0.key.hasSuffix(".postgres.sql") }?.value ?? ""
        #expect(postgres.contains("ALTER TABLE \"notes\" DROP CONSTRAINT IF EXISTS \"notes_status_check\";"))
        #expect(postgres.contains("ALTER TABLE \"notes\" ADD CONSTRAINT \"notes_status_check\" CHECK (\"status\" IN ('a', 'b', 'c'));"))
        let narrowed = try F.generate(
            ["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(F.notesFields + status.replacingOccurrences(of: #"["a", "b"]"#, with: #"["a"]"#))],
            history: F.history(first))
        guard case .refused(let diagnostics) = narrowed else { Issue.record("a narrowed enum was accepted"); return }
        #expect(diagnostics.contains { $0.code == "migration-narrows-check" && $0.path == "fields.status" })
    }

    @Test("a nullable field made required with a default: NULLs take the default on both engines")
    func nullableToRequired() throws {
        let fields = F.notesFields.replacingOccurrences(
            of: #""owner": {"type": "relation", "description": "Owner.", "table": "owners", "onDelete": "setNull", "nullable": true}"#,
            with: #""owner": {"type": "relation", "description": "Owner.", "table": "owners", "onDelete": "setNull", "nullable": true}, "memo": {"type": "string", "description": "Memo.", "nullable": true}"#)
        let first = try F.generate(["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(fields)]).files()
        let required = fields.replacingOccurrences(
            of: #""memo": {"type": "string", "description": "Memo.", "nullable": true}"#,
            with: #""memo": {"type": "string", "description": "Memo.", "default": "none"}"#)
        let second = F.added(
            try F.generate(["tables/owners.json": Fixtures.ownersTable, "tables/notes.json": F.notes(required)], history: F.history(first)).files(),
            since: first)
        let sqlite = second.first { $0.key.hasSuffix(".sqlite.sql") }?.value ?? ""
        let postgres = second.first { $0.key.hasSuffix(".postgres.sql") }?.value ?? ""
        #expect(sqlite.contains("coalesce(\"memo\", 'none')"))
        #expect(postgres.contains("UPDATE \"notes\" SET \"memo\" = 'none' WHERE \"memo\" IS NULL;"))
        #expect(postgres.contains("ALTER TABLE \"notes\" ALTER COLUMN \"memo\" SET NOT NULL;"))
    }
}
