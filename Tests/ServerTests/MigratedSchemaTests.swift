import Foundation
import Runtime
import Testing

@testable import Server

/// After `migrate`, the database holds exactly the tables, columns and indexes each app declares,
/// on whichever engine the tests run on (SQLite, or PostgreSQL with `LOOM_TEST_DATABASE_URL`).
@Suite("Migrated schema")
struct MigratedSchemaTests {
    @Test("every declared table, column and index exists after migrating; a second run applies nothing", arguments: AppCatalog.names)
    func migratedSchema(appName: String) async throws {
        let database = try await TestDatabase.open(appName)
        do {
            let app = try AppCatalog.app(named: appName, eventSettleInterval: 0)
            let report = try await database.client.migrate(to: app.schema)
            #expect(report.warnings.isEmpty)
            for table in app.schema.tables {
                let columns = try await columnNames(of: table.name, in: database.client)
                #expect(columns == table.columns.map(\.name), "columns of \(table.name)")
            }
            let indexes = try await indexNames(in: database.client)
            let declared = Set(app.schema.tables.flatMap { $0.indexes.map(\.name) })
            #expect(declared.isSubset(of: indexes), "missing indexes: \(declared.subtracting(indexes).sorted())")
            let again = try await database.client.migrate(to: app.schema)
            #expect(again.applied.isEmpty)
            let history = try await database.client.appliedMigrationSteps(app: app.schema.app)
            #expect(history.map(\.step) == report.applied)
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    @Test("PostgreSQL columns use native types", .enabled(if: TestDatabase.usesPostgres))
    func nativeTypes() async throws {
        let database = try await TestDatabase.open("tracker")
        do {
            _ = try await database.client.migrate(to: try AppCatalog.app(named: "tracker").schema)
            let rows = try await database.client.fetch(SQLStatement(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'tasks' ORDER BY ordinal_position"))
            var types: [String: String] = [:]
            for row in rows {
                var reader = RowReader(row)
                types[try reader.string()] = try reader.string()
            }
            #expect(types["id"] == "uuid")
            #expect(types["project_id"] == "uuid")
            #expect(types["priority"] == "bigint")
            #expect(types["estimate_hours"] == "double precision")
            #expect(types["billable"] == "boolean")
            #expect(types["due_on"] == "date")
            #expect(types["completed_at"] == "timestamp with time zone")
            #expect(types["labels"] == "jsonb")
            #expect(types["title"] == "text")
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    /// Column names of `table` in table order, read from the engine's catalog.
    private func columnNames(of table: String, in database: any DatabaseClient) async throws -> [String] {
        let statement: SQLStatement
        switch database.dialect {
        case .sqlite:
            statement = SQLStatement("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)])
        case .postgres:
            statement = SQLStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                [.text(table)])
        }
        return try await database.fetch(statement).map { row in
            var reader = RowReader(row)
            return try reader.string()
        }
    }

    /// Names of every index in the database (or the test's schema).
    private func indexNames(in database: any DatabaseClient) async throws -> Set<String> {
        let sql = database.dialect == .sqlite
            // A search index is an FTS5 virtual table on SQLite.
            ? "SELECT name FROM sqlite_master WHERE type = 'index' OR sql LIKE 'CREATE VIRTUAL TABLE%'"
            : "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        return Set(try await database.fetch(SQLStatement(sql)).map { row in
            var reader = RowReader(row)
            return try reader.string()
        })
    }
}
