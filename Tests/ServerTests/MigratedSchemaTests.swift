import Foundation
import Runtime
import Testing

@testable import Server

/// After `migrate`, the database holds exactly the tables and columns each app's statements use,
/// on whichever engine the tests run on (SQLite, or PostgreSQL with `LOOM_TEST_DATABASE_URL`).
@Suite("Migrated schema")
struct MigratedSchemaTests {
    @Test("every table holds exactly its columns and access columns after migrating; a second run applies nothing", arguments: AppCatalog.names)
    func migratedSchema(appName: String) async throws {
        let database = try await TestDatabase.open(appName)
        do {
            let app = try AppCatalog.app(named: appName, eventSettleInterval: 0)
            let report = try await database.client.migrate(to: app.schema)
            #expect(report.warnings.isEmpty)
            for table in app.tables {
                let columns = try await columnNames(of: table.name, in: database.client)
                #expect(columns == table.columns + (table.access?.columns ?? []), "columns of \(table.name)")
            }
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
}
