import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Runtime

@testable import Server

/// Serves an app with rate limits mounted as `serve` mounts them (`ServerRateLimits`), with
/// quotas a test can reach in a few requests.
enum RateLimitServer {
    /// `standard` 5/min per caller, `anonymous` 3/min per IP, `credentials` 2/min per IP on the
    /// layout app's sign-in and register paths, `X-RateLimit-*` on.
    static let tight = RateLimitSettings(
        perCaller: RateLimitPolicy(name: "standard", quota: 5, window: 60),
        perAnonymousIP: RateLimitPolicy(name: "anonymous", quota: 3, window: 60),
        routeGroups: [(RateLimitPolicy(name: "credentials", quota: 2, window: 60), ["/api/accounts/sign-in", "/api/accounts/register"])],
        legacyHeaders: true)

    /// Runs `body` against the app `name` on a fresh database with `settings` (`nil`: the app's own) counting requests;
    /// `.live` so the client address is the socket's (127.0.0.1). `rejected` sees each refusal.
    static func run(
        _ name: String = "layout", settings: RateLimitSettings? = tight, rejected: (@Sendable (RateLimitRejection) -> Void)? = nil,
        _ body: @Sendable (TestApp) async throws -> Void
    ) async throws {
        try await TestDatabase.withMigratedApp(name) { database, app in
            let environment = app.auth.map { [$0.secretVariable: TestApp.jwtSecret] } ?? [:]
            let auth = try await ServerAuth.start(
                app: app, database: database.client, logger: TestDatabase.logger, environment: environment, options: AuthOptions(passwordHashCost: 4))
            var configuration = LoomServer.Configuration(port: 0)
            configuration.auth = TestAuthenticator(base: auth)
            try await ServerRateLimits.mount(app: app, database: database.client, on: &configuration, settings: settings, rejected: rejected)
            let application = LoomServer.buildApplication(app: app, database: database.client, configuration: configuration, logger: TestDatabase.logger)
            try await application.test(.live) { client in
                try await body(try TestApp(client: client, app: app, database: database.client))
            }
        }
    }
}
