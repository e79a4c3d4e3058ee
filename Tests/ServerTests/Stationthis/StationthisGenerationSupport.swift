import Auth
import Crypto
import Foundation
import Generated
import HummingbirdTesting
import Logging
import Runtime
import Testing
import Webhooks

@testable import Server

/// A live stationthis server with what generations need, as `serve` mounts it: the webhooks
/// module (delivering to per-record targets on 127.0.0.1, on a clock the test moves), the audit
/// trail, and `workers` local generation workers (0: the test runs them itself).
struct GenerationHarness: Sendable {
    let app: TestApp
    let receiver: WebhookReceiver
    let database: any DatabaseClient
    let clock: MovableClock
    /// The server's write hooks, as workers get them.
    let hooks: WriteHooks

    /// A worker of this server (another instance's, when the test starts several).
    func worker() -> GenerationWorker {
        var worker = GenerationWorker(database: database, hooks: hooks, logger: TestDatabase.logger)
        worker.pollInterval = .milliseconds(20)
        return worker
    }

    /// Runs `body` with the harness; the receiver answers `script`, then 200.
    static func run(
        script: [WebhookReceiver.Answer] = [], workers: Int = 1, _ body: @Sendable (GenerationHarness) async throws -> Void
    ) async throws {
        try await WebhookReceiver.run(script: script) { receiver in
            try await TestDatabase.with("stationthis") { database in
                let app = try AppCatalog.app(named: "stationthis", eventSettleInterval: 0, allowLoopbackTargets: true)
                try await TestDatabase.migrate(app, on: database.client)
                _ = try await WebhooksModule.migrate(database.client, app: "stationthis")
                let clock = MovableClock()
                var options = WebhookOptions()
                (options.allowLoopback, options.pollInterval, options.clock) = (true, .milliseconds(50), clock.clock)
                let module = try WebhooksModule(settings: Stationthis.webhooks, environment: [:], options: options, logger: TestDatabase.logger)
                let environment = app.auth.map { [$0.secretVariable: TestApp.jwtSecret] } ?? [:]
                let auth = try await ServerAuth.start(
                    app: app, database: database.client, logger: TestDatabase.logger, environment: environment,
                    options: AuthOptions(passwordHashCost: 4))
                var configuration = LoomServer.Configuration(port: 0)
                configuration.auth = TestAuthenticator(base: auth)
                configuration.hooks.append(module.hook)
                try await ServerAudit.mount(app: app, database: database.client, on: &configuration, logger: TestDatabase.logger)
                try await ServerIdempotency.mount(app: app, database: database.client, on: &configuration, logger: TestDatabase.logger)
                let hooks = LoomServer.writeHooks(app: app, configuration: configuration)
                let application = LoomServer.buildApplication(
                    app: app, database: database.client, configuration: configuration, logger: TestDatabase.logger)
                try await application.test(.live) { client in
                    let testApp = try TestApp(client: client, app: app, caller: .anonymous, database: database.client)
                    let harness = GenerationHarness(app: testApp, receiver: receiver, database: database.client, clock: clock, hooks: hooks)
                    let delivery = module.service(database: database.client)
                    var tasks = [Task { try await delivery.run() }]
                    for _ in 0..<workers {
                        let worker = harness.worker()
                        tasks.append(Task { try await worker.run() })
                    }
                    do {
                        try await body(harness)
                    } catch {
                        for task in tasks { task.cancel() }
                        throw error
                    }
                    for task in tasks { task.cancel() }
                    for task in tasks { try await task.value }
                }
            }
        }
    }

    /// A tool made by a new admin, and a signed-in user.
    func toolAndUser(_ username: String = "ann@example.com") async throws -> (tool: String, user: (token: String, id: String)) {
        let admin = try await app.stationUser("admin-\(username)", admin: true)
        let created = try await app.request(
            .post, "/api/v1/tools", json: #"{"name":"Text to image","inputs":{"prompt":"string"},"costPoints":5}"#,
            headers: TestApp.bearer(admin.token))
        #expect(created.status == .created, "\(created.text)")
        return (try #require(created.object["toolId"] as? String), try await app.stationUser(username))
    }

    /// Waits until the caller's job `id` reports `completed` (at most 20 s), returning the status answer.
    func waitForCompletion(_ id: String, token: String) async throws -> Reply {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let status = try await app.request(.get, "/api/v1/generations/status/\(id)", headers: TestApp.bearer(token))
            if status.object["status"] as? String == "completed" || ContinuousClock.now > deadline { return status }
            try await Task.sleep(for: .milliseconds(30))
        }
    }

    /// The one delivery of the outbox as (status, attempts, next attempt, secret still stored).
    func delivery() async throws -> (status: String, attempts: Int64, next: Int64, holdsSecret: Bool)? {
        let rows = try await database.fetch(SQLStatement("SELECT status, attempts, next_attempt_at, target_secret FROM webhook_deliveries"))
        guard let row = rows.first, case .text(let status) = row.values[0], case .integer(let attempts) = row.values[1],
            case .integer(let next) = row.values[2]
        else { return nil }
        if case .text = row.values[3] { return (status, attempts, next, true) }
        return (status, attempts, next, false)
    }

    /// Waits until the delivery has made `attempts` attempts (at most 20 s).
    func waitForAttempts(_ attempts: Int64) async throws -> (status: String, attempts: Int64, next: Int64, holdsSecret: Bool) {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let delivery = try await delivery(), delivery.attempts >= attempts { return delivery }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try #require(try await delivery(), "no delivery was written")
    }

    /// `sha256=<hex HMAC-SHA256(secret, body)>`, computed here independently of the module's signer.
    static func signature(_ body: [UInt8], secret: String) -> String {
        "sha256=" + HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8))).map { String(format: "%02x", $0) }.joined()
    }
}
