import AsyncHTTPClient
import Auth
import Foundation
import Hummingbird
import HummingbirdTesting
import Runtime
import Testing

@testable import Server

/// The tracker app signing in through a `FakeOAuthProvider` on 127.0.0.1: GitHub and Google
/// point at the fake through `AuthOptions.oauthEndpoints`, and their client credentials are in
/// the environment given to the auth module.
struct OAuthHarness: Sendable {
    let app: TestApp
    let provider: FakeOAuthProvider
    let database: any DatabaseClient
    /// Plays the browser at the provider (redirects are read, not followed).
    let browser: HTTPClient

    /// `publicURL` of the tracker's `auth.oauth`: the origin of every callback URL.
    static let publicURL = "http://localhost:8080"

    /// Runs `body` with the app `appName` (the tracker by default; its auth settings passed
    /// through `configure`) and a fake provider; every provider the app declares gets the
    /// fake's client credentials.
    static func run(
        appName: String = "tracker", clock: TestClock? = nil,
        configure: @escaping @Sendable (AuthSettings, FakeOAuthProvider) -> AuthSettings = { settings, _ in settings },
        endpoints: (@Sendable (FakeOAuthProvider) -> [String: OAuthEndpoints])? = nil,
        _ body: @Sendable @escaping (OAuthHarness) async throws -> Void
    ) async throws {
        try await FakeOAuthProvider.run { provider in
            let database = try await TestDatabase.open(appName)
            let browser = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
            do {
                let base = try AppCatalog.app(named: appName, eventSettleInterval: 0)
                let settings = configure(try #require(base.auth), provider)
                let app = GeneratedApp(
                    settings: base.settings, schema: base.schema, tables: base.tables, openAPIDocument: base.openAPIDocument, title: base.title,
                    auth: settings, registerRoutes: base.registerRoutes)
                _ = try await database.client.migrate(to: app.schema)
                var options = AuthOptions(passwordHashCost: 4)
                if let clock { options.clock = { clock.now } }
                options.oauthEndpoints = endpoints?(provider) ?? [
                    "github": OAuthEndpoints(
                        authorize: provider.origin + "/authorize", token: provider.origin + "/token",
                        userInfo: provider.origin + "/userinfo", emails: provider.origin + "/user/emails"),
                    "google": OAuthEndpoints(
                        authorize: provider.origin + "/authorize", token: provider.origin + "/token",
                        userInfo: provider.origin + "/userinfo"),
                ]
                var environment = [
                    settings.secretVariable: TestApp.jwtSecret,
                    "TRACKER_GITHUB_CLIENT_ID": FakeOAuthProvider.clientID, "TRACKER_GITHUB_CLIENT_SECRET": FakeOAuthProvider.clientSecret,
                    "TRACKER_GOOGLE_CLIENT_ID": FakeOAuthProvider.clientID, "TRACKER_GOOGLE_CLIENT_SECRET": FakeOAuthProvider.clientSecret,
                    "FAKE_CLIENT_ID": FakeOAuthProvider.clientID, "FAKE_CLIENT_SECRET": FakeOAuthProvider.clientSecret,
                ]
                for declared in settings.oauth?.providers ?? [] {
                    environment[declared.clientIDVariable] = FakeOAuthProvider.clientID
                    environment[declared.clientSecretVariable] = FakeOAuthProvider.clientSecret
                }
                let auth = try await ServerAuth.start(
                    app: app, database: database.client, logger: TestDatabase.logger, environment: environment, options: options)
                let router = LoomServer.buildRouter(app: app, database: database.client, auth: auth)
                try await Application(router: router, logger: TestDatabase.logger).test(.router) { client in
                    try await body(OAuthHarness(app: try TestApp(client: client, app: app), provider: provider, database: database.client, browser: browser))
                }
            } catch {
                try? await browser.shutdown()
                await database.cleanup()
                throw error
            }
            try? await browser.shutdown()
            await database.cleanup()
        }
    }

    /// `GET /oauth/<provider>`: must redirect to the fake provider; returns that URL.
    func start(_ name: String, query: String = "", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let reply = try await app.request(.get, TestApp.auth + "/oauth/\(name)" + query)
        #expect(reply.status == .found, "start answered \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
        return try #require(reply.headers[.location], sourceLocation: sourceLocation)
    }

    /// Visits `authorizeURL` at the fake provider as a browser would; returns the app-relative
    /// callback path (with `code` and `state`) the provider redirects to.
    func authorize(_ authorizeURL: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let response = try await browser.execute(HTTPClientRequest(url: authorizeURL), timeout: .seconds(10))
        #expect(response.status == .found, "the fake provider answered \(response.status)", sourceLocation: sourceLocation)
        let location = try #require(response.headers.first(name: "location"), sourceLocation: sourceLocation)
        #expect(location.hasPrefix(Self.publicURL), sourceLocation: sourceLocation)
        return String(location.dropFirst(Self.publicURL.count))
    }

    /// The whole flow for `name` as `user`: start, authorize at the provider, callback.
    func signIn(_ name: String, as user: FakeOAuthProvider.User) async throws -> Reply {
        await provider.signInNext(user)
        let callback = try await authorize(try await start(name))
        return try await app.request(.get, callback)
    }

    /// Sets an account's status directly (no ban route exists on this branch).
    func setStatus(_ status: String, email: String) async throws {
        let placeholders = database.dialect == .postgres ? ("$1", "$2") : ("?", "?")
        _ = try await database.write([
            SQLStatement("UPDATE auth_users SET status = \(placeholders.0) WHERE email = \(placeholders.1)", [.text(status), .text(email)])
        ])
    }
}

extension Reply {
    /// The `code` of an error body in any of the three formats (the tracker uses `problem`).
    var errorCode: String? {
        let object = self.object
        return object["code"] as? String ?? (object["error"] as? [String: any Sendable])?["code"] as? String
    }

    /// `user.id` of a token response.
    var userID: String? { (object["user"] as? [String: any Sendable])?["id"] as? String }
}
