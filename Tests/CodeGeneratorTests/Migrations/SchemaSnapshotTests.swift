import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator

/// The snapshot `loom generate` keeps per app, and the planner's ordering rules.
@Suite("Migrations: snapshot and planner")
struct SchemaSnapshotTests {
    private func snapshot() throws -> SchemaSnapshot {
        let files = try MigrationFixtures.generate(MigrationFixtures.initialTables).files()
        return try SchemaSnapshot.parse(try #require(files["\(MigrationFixtures.directory)/snapshot.json"]))
    }

    @Test("the snapshot is canonical JSON: parsing and writing it again gives the same text")
    func roundTrip() throws {
        let snapshot = try snapshot()
        #expect(try SchemaSnapshot.parse(snapshot.json()) == snapshot)
        #expect(snapshot.tables.map(\.name) == ["notes", "owners"])
        let owner = try #require(snapshot.table("notes")?.column("owner"))
        #expect(owner.references == "REFERENCES \"owners\" (\"owner_id\") ON DELETE SET NULL")
        #expect(owner.nullable && owner.sqliteType == "INTEGER" && owner.postgresType == "BIGINT")
    }

    @Test("created tables are ordered after the tables they reference, dropped ones before")
    func dependencyOrder() throws {
        let snapshot = try snapshot()
        let ordered = MigrationPlanner.dependencyOrder(snapshot.tables)
        #expect(ordered.map(\.name) == ["owners", "notes"])
    }

    @Test("the migration file format round-trips statements and the foreign-key directive")
    func fileFormat() {
        let sql = MigrationSQL(statements: ["DROP TABLE \"a\"", "CREATE TRIGGER x AFTER INSERT ON \"b\" BEGIN SELECT 1; END;"], foreignKeysOff: true)
        let text = MigrationFile.text(sql, identifier: "0002_drop_a", dialect: "sqlite")
        #expect(MigrationFile.parse(text) == MigrationSQL(statements: ["DROP TABLE \"a\";", sql.statements[1]], foreignKeysOff: true))
        #expect(MigrationFile.parseFileName("0002_drop_a.sqlite.sql")?.version == 2)
        #expect(MigrationFile.parseFileName("0002_drop_a.mysql.sql") == nil)
        #expect(MigrationFile.parseFileName("snapshot.json") == nil)
    }

    @Test("a column made required with a default fills NULLs with it first on PostgreSQL")
    func requiredWithDefault() throws {
        let old = ColumnSnapshot(
            name: "rank", kind: "integer", sqliteType: "INTEGER", postgresType: "BIGINT", nullable: true, sqliteDefault: nil,
            postgresDefault: nil, check: nil, values: nil, references: nil, sqlite: "\"rank\" INTEGER", postgres: "\"rank\" BIGINT")
        var new = old
        new.nullable = false
        new.postgresDefault = "0"
        new.sqliteDefault = "0"
        let plan = PostgresPlan(old: SchemaSnapshot(app: "mini", tables: []), dataLossTables: [])
        #expect(plan.statements(for: [.alterColumn(table: "notes", from: old, to: new)]) == [
            "ALTER TABLE \"notes\" ALTER COLUMN \"rank\" SET DEFAULT 0",
            "UPDATE \"notes\" SET \"rank\" = 0 WHERE \"rank\" IS NULL",
            "ALTER TABLE \"notes\" ALTER COLUMN \"rank\" SET NOT NULL",
        ])
    }
}
