import Foundation
import HummingbirdCore
import Testing

@testable import Runtime

/// Relation filters and expansions over a `softDelete` target, run on the suite's engine
/// (`.ci/with-postgres` runs them on PostgreSQL). Tracker has no relation pointing at its
/// soft-delete table, so two small tables stand in: `owners` (soft-deleted) and `pets`.
@Suite("Soft-deleted relation targets")
struct SoftDeletedTargetTests {
    static let ownerRules: [FieldRule] = [FieldRule("name", .string(pattern: nil))]
    static let petRules: [FieldRule] = [FieldRule("owner_id", .relation(.integer)), FieldRule("name", .string(pattern: nil))]
    static let noSQL = DialectSQL(sqlite: "", postgres: "")

    /// The tables are only listed: their point statements stay empty.
    static func statements(_ table: String, columns: String) -> TableStatements {
        let empty = StatementTemplate(sqlite: "", postgres: "", slots: [])
        return TableStatements(
            table: "\"\(table)\"", selectColumns: columns, primaryKeyColumn: #""id""#,
            guarded: GuardedStatements(replace: empty, patch: empty, delete: empty), selectByID: empty, lockByID: empty,
            insert: empty, replace: empty, patch: empty, delete: empty)
    }

    static let owners: TableDescriptor = TableDescriptor(
        name: "owners", path: "/owners", primaryKeyName: "id", primaryKeyKind: .integer, timestamps: false, fields: ownerRules,
        members: ["id", "name", "deleted_at"], filters: [FilterColumn(name: "name", rule: ownerRules[0], column: #""name""#)], relations: [],
        statements: statements("owners", columns: #""id", "name", "deleted_at""#), softDelete: true,
        reverseRelations: [ReverseRelation(name: "pets", field: "owner_id", target: { pets }, writeTarget: { _, writer in writer.null() })])

    static let pets: TableDescriptor = TableDescriptor(
        name: "pets", path: "/pets", primaryKeyName: "id", primaryKeyKind: .integer, timestamps: false, fields: petRules,
        members: ["id", "owner_id", "name"], filters: petRules.map { FilterColumn(name: $0.name, rule: $0, column: "\"\($0.name)\"") },
        relations: [RelationCheck(fieldIndex: 0, table: "owners", exists: noSQL, target: { owners }, writeTarget: { _, writer in writer.null() })],
        statements: statements("pets", columns: #""id", "owner_id", "name""#))

    /// Ann (live) owns rex; Bob (soft-deleted) owns tom.
    static func seed(_ database: any DatabaseClient) async throws {
        let integer = database.dialect == .sqlite ? "INTEGER" : "BIGINT"
        let stamp = database.dialect == .sqlite ? "TEXT" : "TIMESTAMPTZ"
        _ = try await database.write([
            SQLStatement(#"CREATE TABLE "owners" ("id" \#(integer) PRIMARY KEY, "name" TEXT NOT NULL, "deleted_at" \#(stamp))"#),
            SQLStatement(#"CREATE TABLE "pets" ("id" \#(integer) PRIMARY KEY, "owner_id" \#(integer) NOT NULL REFERENCES "owners" ("id"), "name" TEXT NOT NULL)"#),
            SQLStatement(#"INSERT INTO "owners" ("id", "name", "deleted_at") VALUES (1, 'ann', NULL), (2, 'bob', '2026-01-01T00:00:00.000Z')"#),
            SQLStatement(#"INSERT INTO "pets" ("id", "owner_id", "name") VALUES (10, 1, 'rex'), (11, 2, 'tom')"#),
        ])
    }

    /// The rows of each statement of `GET <table>?<query>`: page, expansions, count.
    static func list(_ table: TableDescriptor, _ query: String, on database: any DatabaseClient) async throws -> [[SQLRow]] {
        let parsed = try ListQuery.parse(URI("/x?" + query), table: table, limits: PageLimits(defaultSize: 50, maximumSize: 100))
        let statements = try ResolvedStatements(table, dialect: database.dialect).list(parsed)
        return try await database.fetchSnapshot(statements.all)
    }

    static func names(_ rows: [SQLRow], column: Int) -> [String] {
        rows.compactMap { if case .text(let name) = $0.values[column] { name } else { nil } }
    }

    @Test("relation filters never match a soft-deleted target; expansions in both directions leave it out")
    func softDeletedTargetsStayHidden() async throws {
        let opened = try await TestDatabase.open("soft-targets")
        do {
            let database = opened.client
            try await Self.seed(database)
            let byDeleted = try await Self.list(Self.pets, "filter=owner_id.name%20%3D%20'bob'", on: database)
            #expect(byDeleted[0].isEmpty, "tom's owner is deleted")
            let byLive = try await Self.list(Self.pets, "filter=owner_id.name%20~%20'AN'", on: database)
            #expect(Self.names(byLive[0], column: 2) == ["rex"])

            // pets?expand=owner_id,owner_id.pets: page (both pets), owners (ann only), ann's pets, count.
            let expanded = try await Self.list(Self.pets, "expand=owner_id.pets", on: database)
            #expect(expanded.count == 4)
            #expect(Self.names(expanded[0], column: 2) == ["rex", "tom"])
            #expect(Self.names(expanded[1], column: 1) == ["ann"])
            #expect(Self.names(expanded[2], column: 2) == ["rex"])

            // owners?expand=pets hides bob and so his pets; deleted=include is about the listed table.
            let reverse = try await Self.list(Self.owners, "expand=pets", on: database)
            #expect(Self.names(reverse[0], column: 1) == ["ann"])
            #expect(Self.names(reverse[1], column: 2) == ["rex"])
            let included = try await Self.list(Self.owners, "expand=pets&deleted=include", on: database)
            #expect(Self.names(included[0], column: 1) == ["ann", "bob"])
            #expect(Self.names(included[1], column: 2) == ["rex", "tom"])
        } catch {
            await opened.cleanup()
            throw error
        }
        await opened.cleanup()
    }
}
