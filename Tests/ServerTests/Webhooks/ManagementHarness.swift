import Crypto
import Foundation
import Generated
import Runtime
import Testing
import Webhooks

@testable import Server

/// The tracker with its webhook management API and a delivery service, and a receiver on
/// 127.0.0.1 (loopback allowed, as an explicit test setting).
struct ManagementHarness: Sendable {
    let app: TestApp
    let receiver: WebhookReceiver
    let database: any DatabaseClient

    /// The management routes' path in the tracker.
    static let path = "/v1/webhooks"

    /// Runs `body` with the tracker's webhooks settings changed by `settings`.
    static func run(
        settings: WebhookSettings = Tracker.webhooks, allowLoopback: Bool = true, script: [WebhookReceiver.Answer] = [],
        clock: WebhookClock = .system, auditedDelivery: Bool = false, _ body: @Sendable (ManagementHarness) async throws -> Void
    ) async throws {
        try await WebhookReceiver.run(script: script) { receiver in
            var options = WebhookOptions()
            (options.allowLoopback, options.pollInterval, options.clock) = (allowLoopback, .milliseconds(100), clock)
            let module = try WebhooksModule(settings: settings, environment: [:], options: options, logger: TestDatabase.logger)
            let family = try #require(module.routes(audited: true))
            try await TestApp.run("tracker", hooks: [module.hook], configure: { $0.routeFamilies.append(family) }) { app in
                let database = try #require(app.database)
                _ = try await WebhooksModule.migrate(database, app: "tracker")
                let service = module.service(database: database, audited: auditedDelivery)
                let delivery = Task { try await service.run() }
                do {
                    try await body(ManagementHarness(app: app, receiver: receiver, database: database))
                } catch {
                    delivery.cancel()
                    _ = try? await delivery.value
                    throw error
                }
                delivery.cancel()
                _ = try? await delivery.value
            }
        }
    }

    /// How many rows `table` holds.
    func count(_ table: String) async throws -> Int { try await database.rowCount(table) }

    /// Creates a subscription to the receiver as `caller`; returns its id and secret.
    func subscribe(_ events: [String] = ["*"], as caller: TestCaller = .standard) async throws -> (id: String, secret: String) {
        let list = events.map { "\"\($0)\"" }.joined(separator: ", ")
        let reply = try await app.as(caller).request(
            .post, Self.path, json: #"{"url": "\#(receiver.url)", "description": "test receiver", "event_types": [\#(list)]}"#)
        #expect(reply.status == .created, "\(reply.text)")
        return (try #require(reply.object["id"] as? String), try #require(reply.object["secret"] as? String))
    }

    /// Whether `request` carries a Standard Webhooks signature under `secret` (checked here,
    /// independently of the module's signer).
    static func verifies(_ request: WebhookReceiver.Received, secret: String) throws -> Bool {
        let key = try WebhookSecret(secret).key
        guard let id = request.headers["webhook-id"], let timestamp = request.headers["webhook-timestamp"],
            let signatures = request.headers["webhook-signature"]
        else { return false }
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(id).\(timestamp).".utf8) + request.body, using: SymmetricKey(data: key))
        return signatures.split(separator: " ").contains { $0 == "v1," + Data(mac).base64EncodedString() }
    }

    /// The message list of subscription `id` (optionally `?status=`).
    func messages(_ id: String, _ query: String = "") async throws -> [[String: any Sendable]] {
        let reply = try await app.request(.get, "\(Self.path)/\(id)/messages\(query)")
        #expect(reply.status == .ok, "\(reply.text)")
        return reply.object["items"] as? [[String: any Sendable]] ?? []
    }

    /// Waits until the messages of `id` satisfy `condition` (at most 20 s).
    func waitForMessages(_ id: String, _ condition: ([[String: any Sendable]]) -> Bool) async throws -> [[String: any Sendable]] {
        let deadline = ContinuousClock.now + .seconds(20)
        var last: [[String: any Sendable]] = []
        while ContinuousClock.now < deadline {
            last = try await messages(id)
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the messages never reached the expected state: \(last)")
        return last
    }
}
