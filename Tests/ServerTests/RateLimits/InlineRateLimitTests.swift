import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
@testable import Runtime
import Testing

@testable import Server

/// Public key reads answered inline on SQLite count against the anonymous client's quota like
/// routed ones (`InlineRateLimitCounter`): the inline path stays on with rate limits, each
/// answer carries the rate-limit fields, and the read past the quota is the routed 429.
@Suite("Rate limits on inline key reads")
struct InlineRateLimitTests {
    static let settings = RateLimitSettings(perAnonymousIP: RateLimitPolicy(name: "anonymous", quota: 4, window: 3_600), legacyHeaders: true)

    @Test("inline reads spend the quota and say so; past it the read is 429 with Retry-After")
    func inlineReadsCount() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            var configuration = LoomServer.Configuration(port: 0)
            let rejections = NIOLockedValueBox(0)
            try await ServerRateLimits.mount(
                app: app, database: database.client, on: &configuration, settings: Self.settings,
                rejected: { _ in rejections.withLockedValue { $0 += 1 } })
            let routes = LoomServer.buildRoutes(app: app, database: database.client, configuration: configuration)
            #expect(routes.inlineReads.isEmpty == !database.client.readsKeysInline, "rate limits keep bench's key reads inline on SQLite")
            let application = LoomServer.buildApplication(app: app, database: database.client, configuration: configuration, logger: TestDatabase.logger)
            try await application.test(.live) { client in
                let bench = try TestApp(client: client, app: app)
                try await bench.create("/v1/items", #"{"name": "item", "price": 1.5}"#)
                for remaining in [2, 1, 0] {
                    let read = try await bench.request(.get, "/v1/items/1")
                    #expect(read.status == .ok)
                    #expect(read.headers[HTTPField.Name("RateLimit-Policy")!] == #""anonymous";q=4;w=3600"#)
                    #expect(read.headers[.xRateLimitRemaining] == String(remaining), "\(read.headers)")
                }
                // bench's document declares no rate limits, so its checker would refuse the 429: sent unchecked.
                let refused = try await client.executeRequest(uri: "/v1/items/1", method: .get, headers: [:], body: nil)
                #expect(refused.status == .tooManyRequests)
                #expect(refused.headers[.retryAfter] != nil)
                let list = try await client.executeRequest(uri: "/v1/items", method: .get, headers: [:], body: nil)
                #expect(list.status == .tooManyRequests, "one quota for routed and inline requests")
            }
            #expect(rejections.withLockedValue { $0 } == 2)
        }
    }
}
