import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Runtime
import Testing

@testable import Server

/// Two `loom-server` instances (each with its own pool, HTTP server and middleware) on one
/// PostgreSQL schema share one quota: the counters live in `loom_rate_limits`. Skipped unless
/// `LOOM_TEST_DATABASE_URL` is set.
@Suite("Rate limits shared by two instances on one PostgreSQL", .enabled(if: TestDatabase.usesPostgres))
struct SharedRateLimitTests {
    /// An hour's window: under a loaded full suite the 100 requests may take longer than a minute,
    /// and a window that ends mid-test would (rightly) start counting again.
    static let settings = RateLimitSettings(perCaller: RateLimitPolicy(name: "default", quota: 100, window: 3_600))

    @Test("100 requests spread over both instances are served; the 101st, on either, is 429")
    func oneQuotaOverTwoInstances() async throws {
        let url = try #require(TestDatabase.postgresURL)
        try await TestDatabase.withTwoInstances(url: url) { first, second in
            let app = try AppCatalog.app(named: "layout", eventSettleInterval: 0)
            _ = try await first.migrate(to: app.schema)
            let one = try await Self.application(app: app, database: first)
            let two = try await Self.application(app: app, database: second)
            try await one.test(.router) { oneClient in
                try await two.test(.router) { twoClient in
                    let clients = [try TestApp(client: oneClient, app: app), try TestApp(client: twoClient, app: app)]
                    // Ten at a time, alternating instances: concurrent enough to race on the counter
                    // row, gentle enough for a loaded CI machine.
                    for batch in stride(from: 0, to: 100, by: 10) {
                        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                            for index in batch..<(batch + 10) {
                                group.addTask { try await clients[index % 2].request(.get, "/api/shop/customers").status }
                            }
                            for try await status in group { #expect(status == .ok) }
                        }
                    }
                    for client in clients {
                        let refused = try await client.request(.get, "/api/shop/customers")
                        #expect(refused.status == .tooManyRequests)
                        #expect(refused.headers[HTTPField.Name("RateLimit")!]?.hasPrefix(#""default";r=0;"#) == true)
                    }
                }
            }
            let rows = try await first.fetch(SQLStatement("SELECT hits FROM loom_rate_limits"))
            #expect(rows.map(\.values) == [[.integer(102)]], "one counter for the caller, counted by both instances")
        }
    }

    /// One instance: its own pool, middleware and counter object, rate limits mounted as `serve` does
    /// (driven through the router: a loaded CI machine timed out 100 socket requests).
    static func application(app: GeneratedApp, database: PostgresDatabase) async throws -> some ApplicationProtocol {
        var configuration = LoomServer.Configuration(port: 0)
        configuration.auth = TestAuthenticator()
        try await ServerRateLimits.mount(app: app, database: database, on: &configuration, settings: settings)
        return LoomServer.buildApplication(app: app, database: database, configuration: configuration, logger: TestDatabase.logger)
    }
}
