import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Runtime
import Testing

@testable import Server

/// The steps the stationthis contract tests repeat (`reference/stationthis-external-api.md`)
/// against a live `stationthis` server mounted as `serve` mounts it: audit trail, idempotency
/// records and, when a test asks, the app's own rate limit.
extension TestApp {
    /// Runs `body` against a live `stationthis` server on a fresh database; requests carry only
    /// the credentials a test puts in them. `rateLimited` mounts the app's rate limit (100
    /// requests per window per client IP), which the other tests would run into.
    static func stationthis(rateLimited: Bool = false, _ body: @Sendable (TestApp) async throws -> Void) async throws {
        try await TestDatabase.withMigratedApp("stationthis") { database, app in
            let environment = app.auth.map { [$0.secretVariable: jwtSecret] } ?? [:]
            let auth = try await ServerAuth.start(
                app: app, database: database.client, logger: TestDatabase.logger, environment: environment,
                options: AuthOptions(passwordHashCost: 4))
            var configuration = LoomServer.Configuration(port: 0)
            configuration.auth = TestAuthenticator(base: auth)
            try await ServerAudit.mount(app: app, database: database.client, on: &configuration, logger: TestDatabase.logger)
            if rateLimited { try await ServerRateLimits.mount(app: app, database: database.client, on: &configuration) }
            try await ServerIdempotency.mount(app: app, database: database.client, on: &configuration, logger: TestDatabase.logger)
            let application = LoomServer.buildApplication(
                app: app, database: database.client, configuration: configuration, logger: TestDatabase.logger)
            try await application.test(.live) { client in
                try await body(try TestApp(client: client, app: app, caller: .anonymous, database: database.client))
            }
        }
    }

    /// The password every stationthis test account has.
    static let stationPassword = "correct horse battery"

    /// Signs up `username` (an email: the account's sign-in name), makes it `admin` when asked
    /// (as `loom-server set-role` does), signs in at `POST /api/v1/auth/password` and returns
    /// its access token and user id.
    func stationUser(
        _ username: String, admin: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (token: String, id: String) {
        let signup = try await request(
            .post, "/api/v1/auth/signup", json: #"{"email":"\#(username)","password":"\#(Self.stationPassword)","name":"Tester"}"#,
            sourceLocation: sourceLocation)
        #expect(signup.status == .created, "\(signup.text)", sourceLocation: sourceLocation)
        if admin {
            let settings = try #require(try AppCatalog.app(named: "stationthis").auth, sourceLocation: sourceLocation)
            _ = try await AuthService.assignRole(
                email: username, role: "admin", settings: settings, database: try #require(database, sourceLocation: sourceLocation),
                app: "stationthis")
        }
        let login = try await request(
            .post, "/api/v1/auth/password", json: #"{"username":"\#(username)","password":"\#(Self.stationPassword)"}"#,
            sourceLocation: sourceLocation)
        #expect(login.status == .ok, "\(login.text)", sourceLocation: sourceLocation)
        let token = try #require(login.object["accessToken"] as? String, sourceLocation: sourceLocation)
        let id = try #require((login.object["user"] as? [String: any Sendable])?["id"] as? String, sourceLocation: sourceLocation)
        return (token, id)
    }

    /// Grants `amount` points to `user` as the admin `adminToken`.
    func grantPoints(_ amount: Int, to user: String, adminToken: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let granted = try await request(
            .post, "/api/v1/points/grant", json: #"{"userId":"\#(user)","amount":\#(amount)}"#, headers: Self.bearer(adminToken),
            sourceLocation: sourceLocation)
        #expect(granted.status == .created, "\(granted.text)", sourceLocation: sourceLocation)
    }
}

extension Reply {
    /// The `error` object of a stationthis error body (`{"error": {"code", "message"}}`).
    var stationError: (code: String?, message: String?) {
        let error = object["error"] as? [String: any Sendable]
        return (error?["code"] as? String, error?["message"] as? String)
    }
}
