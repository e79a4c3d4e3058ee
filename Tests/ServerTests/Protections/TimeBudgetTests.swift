import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Runtime
@testable import Server

/// Issue 14's time budgets (`TimeBudget`): an operation past its budget is 504 in the app's
/// format with nothing committed; a write that started in time is never reported as failed
/// while it commits; a committed write is reported even when the budget runs out after it.
/// The slow routes are this test's own (a sleep in the handler), documented for its checker.
@Suite("Time budgets")
struct TimeBudgetTests {
    /// One test route as an operation of the document.
    static func operation(_ id: String) -> String {
        ##"{"operationId": "\##(id)", "responses": {"200": {"description": "Done."}, "504": {"$ref": "#/components/responses/GatewayTimeout"}}}"##
    }

    /// Runs `body` against bench with a 1 s budget and four routes: `/test/slow` sleeps 30 s,
    /// `/test/late-write` sleeps 2 s then writes a row, `/test/write-then-sleep` writes a row
    /// then sleeps 2 s, `/test/slow-commit` holds a write open for 2 s before it commits.
    static func run(_ body: @Sendable (TestApp, any DatabaseClient) async throws -> Void) async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            let client = database.client
            _ = try await client.write([SQLStatement("CREATE TABLE budget_probe (x INTEGER)")])
            var settings = app.settings
            settings.requestLimits.standardBudget = .seconds(1)
            var registry = RouteRegistry(database: client, settings: settings)
            registry.add(.get, "/test/slow") { _, _ in
                try await Task.sleep(for: .seconds(30))
                return Response(status: .ok)
            }
            registry.add(.post, "/test/late-write") { _, _ in
                try? await Task.sleep(for: .seconds(2))   // ignores cancellation, as a busy handler would
                _ = try await client.write([SQLStatement("INSERT INTO budget_probe VALUES (1)")])
                return Response(status: .ok)
            }
            registry.add(.post, "/test/write-then-sleep") { _, _ in
                _ = try await client.write([SQLStatement("INSERT INTO budget_probe VALUES (2)")])
                try await Task.sleep(for: .seconds(2))
                return Response(status: .ok)
            }
            registry.add(.post, "/test/slow-commit") { _, _ in
                // A write whose transaction is still running when the deadline passes (a long commit, a lock wait).
                _ = try await TimeBudget.guardingWrite {
                    try? await Task.sleep(for: .seconds(2))
                    return try await client.write([SQLStatement("INSERT INTO budget_probe VALUES (3)")])
                }
                return Response(status: .ok)
            }
            let router = Router(context: LoomRequestContext.self)
            router.add(middleware: LoomMiddleware(errorFormat: settings.errorFormat, routes: registry.table, maxBodyBytes: settings.maxBodyBytes))
            registry.install(on: router)
            let document = try DocumentedAPI(text: app.openAPIDocument)
                .adding("GET", "/test/slow", operation: operation("testSlow"))
                .adding("POST", "/test/late-write", operation: operation("testLateWrite"))
                .adding("POST", "/test/write-then-sleep", operation: operation("testWriteThenSleep"))
                .adding("POST", "/test/slow-commit", operation: operation("testSlowCommit"))
            try await Application(router: router, logger: TestDatabase.logger).test(.router) { testClient in
                try await body(TestApp(client: testClient, checker: ResponseChecker(document: document)), client)
            }
        }
    }

    /// The probe rows written, ascending.
    static func probes(_ database: any DatabaseClient) async throws -> [Int64] {
        try await database.fetch(SQLStatement("SELECT x FROM budget_probe ORDER BY x")).compactMap { row in
            if case .integer(let value) = row.values.first { value } else { nil }
        }
    }

    @Test("a handler past its budget is cancelled and answered 504 in the app's format, long before the handler would end")
    func slowOperation() async throws {
        try await Self.run { app, _ in
            let started = ContinuousClock.now
            let reply = try await app.request(.get, "/test/slow")
            #expect(reply.status == .gatewayTimeout)
            #expect(reply.object["code"] as? String == "GATEWAY_TIMEOUT")
            #expect(ContinuousClock.now - started < .seconds(10), "cancelled long before its 30 s sleep ends")
        }
    }

    @Test("a write asked for after the budget ran out is refused before the database: 504 and no row")
    func lateWriteRefused() async throws {
        try await Self.run { app, database in
            let reply = try await app.request(.post, "/test/late-write")
            #expect(reply.status == .gatewayTimeout)
            #expect(try await Self.probes(database) == [])
        }
    }

    @Test("a write committed within the budget is reported, never turned into a 504 by what follows it")
    func committedWriteReported() async throws {
        try await Self.run { app, database in
            let reply = try await app.request(.post, "/test/write-then-sleep")
            #expect(reply.status == .ok)
            #expect(try await Self.probes(database) == [2])
        }
    }

    @Test("a write still running at the deadline is not interrupted: it commits and its answer is the request's own, late")
    func slowCommitReported() async throws {
        try await Self.run { app, database in
            let reply = try await app.request(.post, "/test/slow-commit")
            #expect(reply.status == .ok)
            #expect(try await Self.probes(database) == [3])
        }
    }
}
