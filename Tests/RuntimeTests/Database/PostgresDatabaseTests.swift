import Foundation
import Testing

@testable import Runtime

/// `PostgresDatabase` against a real server: value round trips, error codes, transactions,
/// snapshots and concurrent migrations (the numbered migrations themselves: `NumberedMigrationTests`). Skipped unless `LOOM_TEST_DATABASE_URL` is set.
@Suite("PostgreSQL driver", .enabled(if: PostgresTestSupport.isAvailable))
struct PostgresDatabaseTests {
    static let itemsSQL = """
        CREATE TABLE "items" ("id" UUID PRIMARY KEY, "title" TEXT NOT NULL UNIQUE, "count" BIGINT NOT NULL DEFAULT 0 CHECK ("count" >= 0),
            "ratio" DOUBLE PRECISION, "done" BOOLEAN NOT NULL DEFAULT FALSE, "due_on" DATE, "at" TIMESTAMPTZ, "data" JSONB)
        """
    static let notesSQL = #"CREATE TABLE "notes" ("id" BIGSERIAL PRIMARY KEY, "item_id" UUID NOT NULL REFERENCES "items" ("id") ON DELETE RESTRICT)"#

    /// The test schema: one numbered migration creating both tables and an index.
    static func schema() -> SchemaDefinition {
        let index = #"CREATE INDEX IF NOT EXISTS "items_due_on_idx" ON "items" ("due_on")"#
        return SchemaDefinition(
            app: "driver",
            migrations: [SchemaMigration(version: 1, name: "initial", sqlite: [], postgres: [itemsSQL, notesSQL, index], sqliteForeignKeysOff: false)])
    }

    static let insertSQL = #"INSERT INTO "items" ("id", "title", "count", "ratio", "done", "due_on", "at", "data") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING "id", "title", "count", "ratio", "done", "due_on", "at", "data""#

    @Test("every SQLValue round-trips through native column types")
    func roundTrip() async throws {
        try await PostgresTestSupport.withDatabase { database, _ in
            _ = try await database.migrate(to: Self.schema())
            let id = UUID()
            let at = Date(timeIntervalSince1970: 1_700_000_000.123)
            let results = try await database.write([SQLStatement(Self.insertSQL, [
                .uuid(id), .text("first"), .integer(3), .double(0.25), .bool(true), .date("2026-02-28"), .timestamp(at), .json(#"{"a": [1, 2]}"#),
            ])])
            #expect(results.first?.changes == 1)
            let row = try #require(results.first?.rows.first)
            #expect(row.values[0] == .uuid(id))
            #expect(row.values[1] == .text("first"))
            #expect(row.values[2] == .integer(3))
            #expect(row.values[3] == .double(0.25))
            #expect(row.values[4] == .bool(true))
            #expect(row.values[5] == .date("2026-02-28"))
            guard case .timestamp(let stored) = row.values[6] else {
                Issue.record("expected a timestamp, got \(row.values[6])")
                return
            }
            #expect(TimestampFormat.makeTimestamp(stored) == "2023-11-14T22:13:20.123Z")
            #expect(row.values[7] == .json(#"{"a": [1, 2]}"#))
            var reader = RowReader(row)
            #expect(try reader.uuid() == id)
            let sum = try await database.fetch(SQLStatement(#"SELECT SUM("count"), COUNT(*) FROM "items" WHERE "id" = $1"#, [.uuid(id)]))
            #expect(sum.first?.values == [.integer(3), .integer(1)])
        }
    }

    @Test("constraint failures carry the same codes as on SQLite")
    func constraintCodes() async throws {
        try await PostgresTestSupport.withDatabase { database, _ in
            _ = try await database.migrate(to: Self.schema())
            let insert = { (title: SQLValue, count: Int64) in
                SQLStatement(Self.insertSQL, [.uuid(UUID()), title, .integer(count), .null, .bool(false), .null, .null, .null])
            }
            _ = try await database.write([insert(.text("taken"), 0)])
            await expectCode(.uniqueViolation(columns: ["title"])) { _ = try await database.write([insert(.text("taken"), 0)]) }
            await expectCode(.notNullViolation(column: "title")) { _ = try await database.write([insert(.null, 0)]) }
            await expectCode(.checkViolation) { _ = try await database.write([insert(.text("negative"), -1)]) }
            await expectCode(.foreignKeyViolation) {
                _ = try await database.write([SQLStatement(#"INSERT INTO "notes" ("item_id") VALUES ($1)"#, [.uuid(UUID())])])
            }
        }
    }

    @Test("a failing statement rolls back the whole write")
    func rollback() async throws {
        try await PostgresTestSupport.withDatabase { database, _ in
            _ = try await database.migrate(to: Self.schema())
            let first = SQLStatement(Self.insertSQL, [.uuid(UUID()), .text("a"), .integer(0), .null, .bool(false), .null, .null, .null])
            let clash = SQLStatement(Self.insertSQL, [.uuid(UUID()), .text("a"), .integer(0), .null, .bool(false), .null, .null, .null])
            await expectCode(.uniqueViolation(columns: ["title"])) { _ = try await database.write([first, clash]) }
            let count = try await database.fetch(SQLStatement(#"SELECT COUNT(*) FROM "items""#))
            #expect(count.first?.values == [.integer(0)])
            let updated = try await database.write([SQLStatement(#"UPDATE "items" SET "count" = 1"#)])
            #expect(updated.first?.changes == 0)
        }
    }

    @Test("snapshots read several statements consistently")
    func snapshot() async throws {
        try await PostgresTestSupport.withDatabase { database, _ in
            _ = try await database.migrate(to: Self.schema())
            let results = try await database.fetchSnapshot([SQLStatement("SELECT 1"), SQLStatement(#"SELECT COUNT(*) FROM "items""#)])
            #expect(results.map { $0.first?.values } == [[.integer(1)], [.integer(0)]])
        }
    }

    @Test("instances migrating one schema at once apply each step exactly once")
    func concurrentMigrations() async throws {
        try await PostgresTestSupport.withDatabase { database, settings in
            let instances = (0..<4).map { _ in PostgresDatabase.started(settings: settings, logger: .init(label: "instance")) }
            let reports = try await withThrowingTaskGroup(of: MigrationReport.self) { group in
                for instance in instances { group.addTask { try await instance.migrate(to: Self.schema()) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for instance in instances { try await instance.close() }
            #expect(reports.map(\.applied.count).sorted() == [0, 0, 0, 1])
            let history = try await database.fetch(SQLStatement("SELECT COUNT(*) FROM loom_migrations"))
            #expect(history.first?.values == [.integer(1)])
        }
    }

    @Test("sslmode=require connects over TLS", .enabled(if: PostgresTestSupport.url?.contains("sslmode=require") == true))
    func tls() async throws {
        try await PostgresTestSupport.withDatabase { database, settings in
            #expect(settings.sslMode == .require)
            let rows = try await database.fetch(SQLStatement("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
            #expect(rows.first?.values == [.bool(true)])
        }
    }

    @Test("an unreachable server is reported as unavailable")
    func unreachable() async throws {
        let database = PostgresDatabase.started(settings: PostgresConnectionSettings(host: "127.0.0.1", port: 1, username: "nobody", database: "none"), logger: .init(label: "unreachable"))
        await expectCode(.unavailable) { try await database.ping() }
        try await database.close()
    }

    /// Expects `body` to throw a `DatabaseError` with `code`.
    private func expectCode(_ code: DatabaseError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(code), nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as DatabaseError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
        }
    }
}
