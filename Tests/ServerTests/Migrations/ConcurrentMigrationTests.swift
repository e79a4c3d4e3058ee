import Foundation
import Runtime
import Testing

/// Two instances starting at once apply each numbered migration once: `BEGIN EXCLUSIVE` on
/// SQLite (two pools on one file), the advisory lock on PostgreSQL (two pools on one schema).
@Suite("Numbered migrations: concurrent appliers")
struct ConcurrentMigrationTests {
    @Test("two appliers at once: each migration is applied and recorded exactly once")
    func twoAppliers() async throws {
        let first = try MigrationScenario.generate(MigrationScenario.version1)
        let migrations = MigrationScenario.migrations(try MigrationScenario.generate(
            MigrationScenario.version2, history: MigrationScenario.history(first)))
        let schema = MigrationScenario.schema(migrations)
        let (one, two, cleanup) = try await Self.openTwice()
        do {
            async let firstReport = one.migrate(to: schema)
            async let secondReport = two.migrate(to: schema)
            let reports = try await [firstReport, secondReport]
            #expect(reports.flatMap(\.applied).sorted() == migrations.map(\.identifier))
            let history = try await one.appliedMigrationSteps(app: "mini")
            #expect(history.map(\.step) == migrations.map(\.identifier))
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }

    /// Two clients on one database, and what removes it.
    static func openTwice() async throws -> (any DatabaseClient, any DatabaseClient, @Sendable () async -> Void) {
        if let url = TestDatabase.postgresURL {
            let schema = try await TestDatabase.createSchema(url: url)
            var settings = try PostgresConnectionSettings(url: url)
            settings.schema = schema
            settings.poolSize = 2
            let one = PostgresDatabase.started(settings: settings, logger: TestDatabase.logger)
            let two = PostgresDatabase.started(settings: settings, logger: TestDatabase.logger)
            return (one, two, {
                try? await one.close()
                try? await two.close()
                await TestDatabase.dropSchema(schema, url: url)
            })
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-concurrent-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("app.sqlite").path
        let one = try SQLiteDatabase(path: path, logger: TestDatabase.logger)
        let two = try SQLiteDatabase(path: path, logger: TestDatabase.logger)
        return (one, two, {
            try? await one.close()
            try? await two.close()
            try? FileManager.default.removeItem(at: directory)
        })
    }
}
