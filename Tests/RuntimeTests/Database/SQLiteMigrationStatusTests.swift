import Foundation
import Testing

@testable import Runtime

/// `plannedMigration(to:)` and `appliedMigrationSteps(app:)` on SQLite (`migrate --status`).
@Suite("SQLite migration status")
struct SQLiteMigrationStatusTests {
    @Test("a planned migration lists the pending steps and changes nothing; the history lists applied ones")
    func plannedAndHistory() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            let schema = SQLiteMigrationTests.schema()
            let planned = try await database.plannedMigration(to: schema)
            #expect(planned.applied == ["create table projects", "create table tasks", "create index tasks_project_id"])
            let before = try await database.appliedMigrationSteps(app: "tracker")
            #expect(before.isEmpty)
            let tables = try await SQLiteTestSupport.scalar(database, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")
            #expect(tables == .integer(0))
            _ = try await database.migrate(to: schema)
            let history = try await database.appliedMigrationSteps(app: "tracker")
            #expect(history.map(\.step) == planned.applied)
            #expect(history.first?.checksum == MigrationChecksum.fnv1a64Hex(SQLiteMigrationTests.projectsSQL))
            let other = try await database.appliedMigrationSteps(app: "eventflow")
            #expect(other.isEmpty)
            let nothing = try await database.plannedMigration(to: schema)
            #expect(nothing.applied.isEmpty)
        }
    }

    @Test("a refused migration is reported by planning too")
    func plannedRefusal() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.migrate(to: SQLiteMigrationTests.schema())
            await #expect(throws: MigrationError.self) {
                _ = try await database.plannedMigration(to: SQLiteMigrationTests.schema(extraTaskColumns: [SQLiteMigrationTests.priorityColumn]))
            }
        }
    }
}
