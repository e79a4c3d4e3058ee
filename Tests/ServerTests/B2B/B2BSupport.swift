import Auth
import Foundation
import Generated
import HTTPTypes
import Runtime
import Testing
import Webhooks

@testable import Server

/// The steps the B2B contract tests repeat (`reference/b2b-saas-api.md`) against a live `b2b`
/// server: an operator account made admin, and API keys it creates at `/v1/keys`.
extension TestApp {
    /// Runs `body` against a live `b2b` server on a fresh database; requests carry only the
    /// credentials a test puts in them.
    static func b2b(configure: (inout LoomServer.Configuration) -> Void = { _ in }, _ body: @Sendable (TestApp) async throws -> Void)
        async throws
    {
        try await run("b2b", setup: .live, caller: .anonymous, configure: configure, body)
    }

    /// Runs `body` against a live `b2b` server with every module `serve` mounts for it: the
    /// rate limits and their tiers (`/v1/rate-limits/*`) and the webhook management API
    /// (`/v1/webhooks`; no delivery worker runs, so nothing is sent anywhere).
    static func b2bComplete(_ body: @Sendable (TestApp) async throws -> Void) async throws {
        try await TestDatabase.withMigratedApp("b2b") { database, app in
            var options = WebhookOptions()
            options.allowLoopback = true
            let module = try WebhooksModule(settings: B2b.webhooks, environment: [:], options: options, logger: TestDatabase.logger)
            let family = try #require(module.routes(audited: true))
            _ = try await WebhooksModule.migrate(database.client, app: "b2b")
            var limits = LoomServer.Configuration(port: 0)
            try await ServerRateLimits.mount(app: app, database: database.client, on: &limits, settings: nil, rejected: nil)
            try await serve(app, on: database, hooks: [module.hook], setup: .live, caller: .anonymous, configure: {
                $0.middleware += limits.middleware
                $0.routeFamilies += limits.routeFamilies + [family]
            }, body)
        }
    }

    /// A fresh sign-up's access token (`extra`: more body members, e.g. an organization to found).
    func b2bSignUp(email: String, extra: String = "", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let signup = try await request(
            .post, "/v1/auth/signup", json: #"{"email":"\#(email)","password":"correct horse battery","name":"New"\#(extra)}"#)
        #expect(signup.status == .created, "\(signup.text)", sourceLocation: sourceLocation)
        return try #require(signup.object["access_token"] as? String, "\(signup.text)", sourceLocation: sourceLocation)
    }

    /// `X-API-Key: <key>`, the document's only credential.
    static func key(_ key: String) -> HTTPFields { [HTTPField.Name("X-API-Key")!: key] }

    /// An operator who signs up, is made `admin` as `loom-server set-role` does, and logs in:
    /// the access token that manages keys at `/v1/keys`.
    func b2bOperator(email: String = "ops@example.com", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let signup = try await request(
            .post, "/v1/auth/signup", json: #"{"email":"\#(email)","password":"correct horse battery","name":"Ops"}"#)
        #expect(signup.status == .created, "\(signup.text)", sourceLocation: sourceLocation)
        let settings = try #require(try AppCatalog.app(named: "b2b").auth, sourceLocation: sourceLocation)
        _ = try await AuthService.assignRole(
            email: email, role: "admin", settings: settings, database: try #require(database, sourceLocation: sourceLocation), app: "b2b")
        let login = try await request(.post, "/v1/auth/login", json: #"{"email":"\#(email)","password":"correct horse battery"}"#)
        #expect(login.status == .ok, "\(login.text)", sourceLocation: sourceLocation)
        return try #require(login.object["access_token"] as? String, sourceLocation: sourceLocation)
    }

    /// `POST /v1/keys` with `body` (name, environment, scopes, ...) by `token`: the key's id and
    /// the key, shown this once.
    func b2bKey(
        _ body: String, token: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (id: String, key: String) {
        try await b2bKey(body, headers: [.authorization: "Bearer \(token)"], sourceLocation: sourceLocation)
    }

    /// `POST /v1/keys` with `body` and the credentials in `headers` (an operator's token, or an
    /// `admin` key): the key's id and the key, from the answer's `{"data": ...}` envelope.
    func b2bKey(
        _ body: String, headers: HTTPFields, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (id: String, key: String) {
        let created = try await request(.post, "/v1/keys", json: body, headers: headers)
        #expect(created.status == .created, "\(created.text)", sourceLocation: sourceLocation)
        return (try #require(created.data["id"] as? String, sourceLocation: sourceLocation),
                try #require(created.data["key"] as? String, sourceLocation: sourceLocation))
    }

    /// A key holding every scope of the document's permission model.
    func b2bFullKey(token: String, environment: String = "live", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await b2bKey(
            #"{"name":"backend","environment":"\#(environment)","scopes":["users:read","users:write","users:delete","admin"]}"#,
            token: token, sourceLocation: sourceLocation
        ).key
    }
}

extension Reply {
    /// The `data` member of an enveloped answer.
    var data: [String: any Sendable] { object["data"] as? [String: any Sendable] ?? [:] }

    /// The records of an enveloped list (`{"data": [...], "total", "limit", "offset"}`).
    var dataItems: [[String: any Sendable]] { object["data"] as? [[String: any Sendable]] ?? [] }
}
