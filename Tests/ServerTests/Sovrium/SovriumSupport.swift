import Auth
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Generated
import Runtime
import Testing

@testable import Server

/// The Sovrium app (`Schemas/sovrium/`) served as `loom-server serve --app sovrium` serves it:
/// auth with a mail outbox, webhooks (loopback receivers allowed, as
/// `LOOM_WEBHOOKS_ALLOW_LOOPBACK=1` does), audit trail, usage statistics, rate limits and the
/// incoming webhook's secret, with every background service running, on a live server. Every
/// answer is checked against the app's OpenAPI document by `TestApp`.
struct SovriumHarness: Sendable {
    let app: TestApp
    let receiver: WebhookReceiver
    let outbox: MailOutbox

    /// The password of every test account.
    static let password = "correct horse battery"
    /// The incoming webhook's secret (`SOVRIUM_CONTACTS_WEBHOOK_SECRET`); `hmac-sha256` keys by its UTF-8 bytes.
    static let contactsSecret = "sovrium-contacts-secret"

    /// Runs `body` against a new server on a fresh database, with a webhook receiver on 127.0.0.1.
    /// `delivery` replaces the app's webhook delivery settings (a shorter retry schedule).
    static func run(
        script: [WebhookReceiver.Answer] = [], delivery: WebhookSettings.Delivery? = nil, _ body: @Sendable (SovriumHarness) async throws -> Void
    ) async throws {
        try await WebhookReceiver.run(script: script) { receiver in
            try await TestDatabase.withMigratedApp("sovrium") { database, app in
                let outbox = MailOutbox()
                let environment = [
                    "SOVRIUM_JWT_SECRET": TestApp.jwtSecret, "LOOM_WEBHOOKS_ALLOW_LOOPBACK": "1",
                    "SOVRIUM_CONTACTS_WEBHOOK_SECRET": contactsSecret,
                ]
                let auth = try await ServerAuth.start(
                    app: app, database: database.client, logger: TestDatabase.logger, environment: environment,
                    options: AuthOptions(passwordHashCost: 4, mailSender: outbox))
                var configuration = LoomServer.Configuration(port: 0)
                configuration.auth = TestAuthenticator(base: auth)
                let logger = TestDatabase.logger
                try await ServerWebhooks.mount(
                    app: app, database: database.client, on: &configuration, logger: logger, environment: environment,
                    settings: delivery.map { Sovrium.webhooks.with(delivery: $0) })
                try await ServerAudit.mount(app: app, database: database.client, on: &configuration, logger: logger)
                try await ServerUsage.mount(app: app, database: database.client, on: &configuration, logger: logger)
                try await ServerRateLimits.mount(app: app, database: database.client, on: &configuration)
                try await ServerIncomingWebhooks.mount(
                    app: app, database: database.client, on: &configuration, environment: environment, logger: logger)
                let services = configuration.services
                let application = LoomServer.buildApplication(
                    app: app, database: database.client, configuration: configuration, logger: logger)
                try await application.test(.live) { client in
                    let tasks = services.map { service in Task { try await service.run() } }
                    defer { for task in tasks { task.cancel() } }
                    let testApp = try TestApp(client: client, app: app, caller: .anonymous, database: database.client)
                    try await body(SovriumHarness(app: testApp, receiver: receiver, outbox: outbox))
                }
            }
        }
    }

    /// `Authorization: Bearer <token>`.
    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    /// Signs `email` up at `POST /api/auth/signup`, makes it an admin when asked (as
    /// `loom-server set-role` does) and signs in at `POST /api/auth/login`; returns its access
    /// token and the whole login answer.
    /// `viaSignIn: false` takes the tokens of the sign-up answer instead (when the sign-in route group is exhausted).
    func user(
        _ email: String, admin: Bool = false, viaSignIn: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (token: String, login: Reply) {
        let signup = try await app.request(
            .post, "/api/auth/signup", json: #"{"email": "\#(email)", "password": "\#(Self.password)", "name": "Tester"}"#,
            sourceLocation: sourceLocation)
        #expect(signup.status == .ok, "\(signup.text)", sourceLocation: sourceLocation)
        if !viaSignIn { return (try #require(signup.object["accessToken"] as? String, sourceLocation: sourceLocation), signup) }
        if admin {
            let settings = try #require(try AppCatalog.app(named: "sovrium").auth, sourceLocation: sourceLocation)
            _ = try await AuthService.assignRole(
                email: email, role: "admin", settings: settings, database: try #require(app.database, sourceLocation: sourceLocation),
                app: "sovrium")
        }
        let login = try await app.request(
            .post, "/api/auth/login", json: #"{"email": "\#(email)", "password": "\#(Self.password)"}"#, sourceLocation: sourceLocation)
        #expect(login.status == .ok, "\(login.text)", sourceLocation: sourceLocation)
        return (try #require(login.object["accessToken"] as? String, sourceLocation: sourceLocation), login)
    }

    /// Creates a record of `table` as `token` and returns it (`{id, fields, createdAt, updatedAt}`).
    @discardableResult
    func create(
        _ table: String, _ json: String, token: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: any Sendable] {
        let reply = try await app.request(.post, "/api/tables/\(table)/records", json: json, headers: Self.bearer(token), sourceLocation: sourceLocation)
        #expect(reply.status == .created, "\(reply.text)", sourceLocation: sourceLocation)
        return reply.object
    }

    /// `sha256=<hex HMAC-SHA256 of body>` keyed by `secret`'s UTF-8 bytes: the `X-Signature` value.
    static func signature(_ body: String, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(body.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }
}

extension Reply {
    /// The `{"success": false, "message", "code", "details"}` error body of the app.
    var sovriumError: (success: Bool?, code: String?, message: String?, fields: [String]) {
        let object = self.object
        let details = object["details"] as? [[String: any Sendable]] ?? []
        return (object["success"] as? Bool, object["code"] as? String, object["message"] as? String, details.compactMap { $0["field"] as? String })
    }

    /// `fields` of a record answer.
    var fields: [String: any Sendable] { object["fields"] as? [String: any Sendable] ?? [:] }

    /// `records` of a list answer.
    var records: [[String: any Sendable]] { object["records"] as? [[String: any Sendable]] ?? [] }

    /// `pagination` of a list answer.
    var pagination: [String: any Sendable] { object["pagination"] as? [String: any Sendable] ?? [:] }
}
