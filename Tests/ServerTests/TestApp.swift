import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Runtime
import Testing

@testable import Server

/// A response as the tests look at it.
struct Reply: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let bytes: [UInt8]

    /// The body parsed as a JSON object (empty when it is not one).
    var object: [String: any Sendable] {
        ((try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: any Sendable]) ?? [:]
    }

    /// The body as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Field names listed in an error body (`errors` or `details`).
    var errorFields: [String] {
        let object = self.object
        let list = (object["errors"] ?? (object["error"] as? [String: any Sendable])?["details"]) as? [[String: any Sendable]] ?? []
        return list.compactMap { $0["field"] as? String }
    }

    /// The items of a list response.
    var items: [[String: any Sendable]] { object["items"] as? [[String: any Sendable]] ?? [] }
}

/// Runs a generated app on a fresh database through HummingbirdTesting: SQLite by default, or
/// PostgreSQL when `LOOM_TEST_DATABASE_URL` is set (see `TestDatabase`).
///
/// Every answer is checked against the app's OpenAPI document (`ResponseChecker`): an
/// undocumented status, content type or body fails the test that made the request.
struct TestApp: Sendable {
    let client: any TestClientProtocol
    /// Holds every answer to the app's document.
    let checker: ResponseChecker
    /// Who requests run as (through `TestAuthenticator`), unless a request says otherwise or
    /// carries real credentials.
    var caller: TestCaller = .standard
    /// The app's database, for tests that prepare rows the API cannot create (platform admins).
    var database: (any DatabaseClient)? = nil
    /// The app's auth routes, which only ever see real credentials (never the test caller).
    var authRoutePrefix = "/v1/auth"

    /// A client of `app` served by `client`; its answers are checked against `app`'s document.
    init(client: any TestClientProtocol, app: GeneratedApp, caller: TestCaller = .standard, database: (any DatabaseClient)? = nil) throws {
        self.init(client: client, checker: try ResponseChecker(openAPIDocument: app.openAPIDocument), caller: caller, database: database)
        authRoutePrefix = app.auth?.routePrefix ?? authRoutePrefix
    }

    /// A client whose answers `checker` checks.
    init(client: any TestClientProtocol, checker: ResponseChecker, caller: TestCaller = .standard, database: (any DatabaseClient)? = nil) {
        self.client = client
        self.checker = checker
        self.caller = caller
        self.database = database
    }

    /// The signing secret tests give apps with an `auth` section (forging tests sign with it too).
    static let jwtSecret = "loom-test-secret-0123456789abcdefghijklmnopqrstuvwxyz"

    /// The secret tests give every incoming webhook endpoint (a Standard Webhooks `whsec_`
    /// text; the other schemes use its bytes as they are). Signing tests sign with it.
    static let incomingWebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    /// Runs `body` against a new app `name` with an empty migrated database; apps with an
    /// `auth` section get the `Auth` module with `authOptions` (bcrypt cost 4 keeps tests fast).
    /// Requests run as `caller` (see `request`). `inlineReads: false` sends every request of a
    /// `.live` server through Hummingbird (`InlineReads`); `configure` changes the server's configuration last.
    static func run(
        _ name: String, hooks: [any WriteHook] = [], setup: TestingSetup = .router,
        authOptions: AuthOptions = AuthOptions(passwordHashCost: 4), caller: TestCaller = .standard, inlineReads: Bool = true,
        configure: (inout LoomServer.Configuration) -> Void = { _ in }, _ body: @Sendable (TestApp) async throws -> Void
    ) async throws {
        try await TestDatabase.withMigratedApp(name) { database, app in
            try await serve(
                app, on: database, hooks: hooks, setup: setup, authOptions: authOptions, caller: caller, inlineReads: inlineReads,
                configure: configure, body)
        }
    }

    /// `run` on a database the test prepared (migrated to `app`'s schema, as `serve` leaves it).
    static func serve(
        _ app: GeneratedApp, on database: TestDatabase, hooks: [any WriteHook] = [], setup: TestingSetup = .router,
        authOptions: AuthOptions = AuthOptions(passwordHashCost: 4), caller: TestCaller = .standard, inlineReads: Bool = true,
        configure: (inout LoomServer.Configuration) -> Void = { _ in }, _ body: @Sendable (TestApp) async throws -> Void
    ) async throws {
        let environment = app.auth.map { [$0.secretVariable: jwtSecret] } ?? [:]
        let auth = try await ServerAuth.start(
            app: app, database: database.client, logger: TestDatabase.logger, environment: environment,
            options: authOptions)
        // The server `loom-server` runs (live tests go through its HTTP channel and inline reads).
        var configuration = LoomServer.Configuration(port: 0)
        (configuration.hooks, configuration.auth, configuration.inlineReads) = (hooks, TestAuthenticator(base: auth), inlineReads)
        if app.settings.usage != nil { configuration.usage = UsageRecorder() }
        for webhook in app.incomingWebhooks { configuration.incomingWebhookSecrets[webhook.secretVariable] = incomingWebhookSecret }
        configure(&configuration)
        let application = LoomServer.buildApplication(
            app: app, database: database.client, configuration: configuration, logger: TestDatabase.logger)
        try await application.test(setup) { client in
            try await body(try TestApp(client: client, app: app, caller: caller, database: database.client))
        }
    }

    /// The same app, with requests running as `caller`.
    func `as`(_ caller: TestCaller) -> TestApp {
        var copy = self
        copy.caller = caller
        return copy
    }

    /// Sends a request; `json` is sent as the body with `Content-Type: application/json`.
    ///
    /// The request runs as `caller` unless it carries real credentials (`Authorization`,
    /// `X-API-Key`, a cookie) or goes to the auth routes: those always see only real credentials.
    /// The answer is checked against the document; each violation is an issue at `sourceLocation`.
    @discardableResult
    func request(
        _ method: HTTPRequest.Method, _ uri: String, json: String? = nil, headers: HTTPFields = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Reply {
        var headers = headers
        let credentials = headers[.authorization] != nil || headers[.cookie] != nil || headers[HTTPField.Name("X-API-Key")!] != nil
        if !credentials, !uri.hasPrefix(authRoutePrefix), headers[TestAuthenticator.header] == nil, let value = caller.headerValue {
            headers[TestAuthenticator.header] = value
        }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(string: json)
            if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        let reply = Reply(status: response.status, headers: response.headers, bytes: Array(buffer: response.body))
        for violation in checker.violations(
            method: method.rawValue, uri: uri, status: reply.status.code, headers: reply.headers, body: reply.bytes)
        {
            Issue.record(Comment(rawValue: "The answer breaks the OpenAPI document: \(violation)"), sourceLocation: sourceLocation)
        }
        return reply
    }

    /// Creates a record and returns its JSON object, failing the test unless the answer is 201.
    @discardableResult
    func create(
        _ path: String, _ json: String, headers: HTTPFields = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: any Sendable] {
        let reply = try await request(.post, path, json: json, headers: headers, sourceLocation: sourceLocation)
        #expect(reply.status == .created, "POST \(path) answered \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
        return reply.object
    }
}

/// Collects the record changes the runtime reports after commit (`WriteHook.committed`).
actor RecordingHook: WriteHook {
    private(set) var changes: [RecordChange] = []
    nonisolated func statements(for change: RecordChange, dialect: SQLDialect) throws -> [SQLStatement] { [] }
    func committed(_ changes: [RecordChange]) async { self.changes += changes }
}
