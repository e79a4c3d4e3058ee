import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import Runtime

/// Who runs a `PostgresDatabase`'s pool (`PooledDatabase`): a task of its own (`start()`), or a
/// `ServiceGroup` service (`makePoolService()`); a pool nobody runs refuses at once.
@Suite("PostgreSQL pool lifecycle")
struct PostgresPoolLifecycleTests {
    static var logger: Logger {
        var logger = Logger(label: "loom.tests.pool")
        logger.logLevel = .warning
        return logger
    }

    @Test("a pool nobody runs refuses statements at once instead of waiting for ever, and so does a closed one")
    func idleAndClosed() async throws {
        let database = PostgresDatabase(
            settings: PostgresConnectionSettings(host: "127.0.0.1", port: 1, username: "nobody", database: "none"),
            logger: Self.logger)
        await Self.expectRefusal(containing: "not running") { try await database.ping() }
        try await database.close()
        await Self.expectRefusal(containing: "closed") { _ = try await database.write([SQLStatement("SELECT 1")]) }
    }

    @Test(
        "a pool run as a service answers while its group runs and is closed by the group's shutdown",
        .enabled(if: PostgresTestSupport.isAvailable))
    func service() async throws {
        let settings = try PostgresConnectionSettings(url: try #require(PostgresTestSupport.url))
        let database = PostgresDatabase(settings: settings, logger: Self.logger)
        let group = ServiceGroup(services: [database.makePoolService()], logger: Self.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let rows = try await database.fetch(SQLStatement("SELECT 1"))
            #expect(rows.first?.values == [.integer(1)])
            await group.triggerGracefulShutdown()
            try await tasks.next()
        }
        await Self.expectRefusal(containing: "closed") { try await database.ping() }
    }

    /// Expects `body` to fail with `.unavailable` naming `reason` (a pool waited for would fail
    /// later, with `ping`'s timeout or a connection error instead).
    static func expectRefusal(
        containing reason: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
    ) async {
        do {
            try await body()
            Issue.record("expected a refusal, nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as DatabaseError {
            #expect(error.code == .unavailable && error.message.contains(reason), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a DatabaseError, got \(error)", sourceLocation: sourceLocation)
        }
    }
}
