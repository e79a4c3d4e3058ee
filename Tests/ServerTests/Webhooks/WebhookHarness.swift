import Crypto
import Foundation
import Generated
import NIOSSL
import NIOConcurrencyHelpers
import Runtime
import SchemaModel
import Testing

@testable import Server
@testable import Webhooks

/// The server-level webhook suites, run one after another: each starts a server, a receiver
/// and delivery loops, and PostgreSQL runs of the whole suite are loaded enough already.
@Suite("Webhooks against a receiver", .serialized)
enum WebhookServerSuites {}

/// A clock the tests move forward, so retry schedules are checked without waiting.
final class MovableClock: Sendable {
    private let value = NIOLockedValueBox(Date(timeIntervalSince1970: 1_800_000_000))
    /// The clock as the webhooks module reads it.
    var clock: WebhookClock { WebhookClock { [value] in value.withLockedValue { $0 } } }
    /// Now, as the module sees it.
    var now: Date { value.withLockedValue { $0 } }
    /// Moves time forward.
    func advance(by seconds: TimeInterval) { value.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
}

/// The tracker with its webhooks module delivering to a receiver on 127.0.0.1.
struct WebhookHarness: Sendable {
    let app: TestApp
    let receiver: WebhookReceiver
    let database: any DatabaseClient
    let secret: WebhookSecret
    /// The module whose hook the server writes through.
    let module: WebhooksModule

    /// A delivery service on the harness's database (as another instance would run one).
    func startDelivery() -> Task<Void, any Error> {
        let service = module.service(database: database)
        return Task { try await service.run() }
    }

    /// Runs `body` against the tracker with `settings` (default: its own), a receiver answering
    /// `script`, and `instances` delivery services running (0: the test starts them).
    static func run(
        settings: WebhookSettings = Tracker.webhooks, script: [WebhookReceiver.Answer] = [], clock: WebhookClock = .system,
        instances: Int = 1, requestLoad: RequestLoad? = nil, busyPause: Duration = .milliseconds(100),
        tls: (server: TLSConfiguration, client: TLSConfiguration)? = nil,
        _ body: @Sendable (WebhookHarness) async throws -> Void
    ) async throws {
        try await WebhookReceiver.run(script: script, tls: tls?.server) { receiver in
            let secret = WebhookSecret.generate()
            var options = WebhookOptions()
            (options.allowLoopback, options.pollInterval, options.clock) = (true, .milliseconds(100), clock)
            (options.requestLoad, options.busyPause) = (requestLoad, busyPause)
            options.tlsConfiguration = tls?.client
            let module = try WebhooksModule(
                settings: settings, environment: ["TRACKER_WEBHOOK_URL": receiver.url, "TRACKER_WEBHOOK_SECRET": secret.text],
                options: options, logger: TestDatabase.logger)
            try await TestApp.run("tracker", hooks: [module.hook]) { app in
                let database = try #require(app.database)
                _ = try await WebhooksModule.migrate(database, app: "tracker")
                let harness = WebhookHarness(app: app, receiver: receiver, database: database, secret: secret, module: module)
                let deliveries = (0..<instances).map { _ in harness.startDelivery() }
                do {
                    try await body(harness)
                } catch {
                    for delivery in deliveries { delivery.cancel() }
                    throw error
                }
                for delivery in deliveries { delivery.cancel() }
                for delivery in deliveries { try await delivery.value }
            }
        }
    }

    /// The deliveries as `status attempts next_attempt_at last_status`, oldest message first.
    func deliveries() async throws -> [(status: String, attempts: Int64, next: Int64, lastStatus: Int64?)] {
        try await database.fetch(SQLStatement(
            """
            SELECT d.status, d.attempts, d.next_attempt_at, d.last_status FROM webhook_deliveries d \
            JOIN webhook_messages m ON m.id = d.message_id ORDER BY m.created_at, m.id
            """)).map { row in
            guard case .text(let status) = row.values[0], case .integer(let attempts) = row.values[1], case .integer(let next) = row.values[2] else {
                return ("?", -1, -1, nil)
            }
            if case .integer(let last) = row.values[3] { return (status, attempts, next, last) }
            return (status, attempts, next, nil)
        }
    }

    /// Writes the deliveries of the messages not fanned out yet, as each delivery loop of a
    /// static subscription does first (`DeliveryFanOut`); returns how many messages it took.
    @discardableResult
    func fanOut(at time: Date) async throws -> Int {
        try await DeliveryFanOut(store: DeliveryStore(database: database))
            .run(at: WebhookClock.milliseconds(time))
    }

    /// How many rows `table` holds.
    func count(_ table: String) async throws -> Int { try await database.rowCount(table) }

    /// Waits until `condition` holds for the deliveries (at most 20 s).
    func waitForDeliveries(_ condition: ([(status: String, attempts: Int64, next: Int64, lastStatus: Int64?)]) -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if condition(try await deliveries()) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the deliveries never reached the expected state: \(try await deliveries())")
    }

    /// Whether `request` carries a valid Standard Webhooks signature under `secret`, checked
    /// here independently of the module's signer.
    func verifies(_ request: WebhookReceiver.Received) -> Bool {
        guard let id = request.headers["webhook-id"], let timestamp = request.headers["webhook-timestamp"],
            let signatures = request.headers["webhook-signature"]
        else { return false }
        let signed = Array("\(id).\(timestamp).".utf8) + request.body
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: secret.key))
        return signatures.split(separator: " ").contains { $0 == "v1," + Data(mac).base64EncodedString() }
    }

    /// Violations of `body` against the document's `webhooks.<type>` payload schema.
    func payloadViolations(_ body: [UInt8], type: String) throws -> [String] {
        let document = try DocumentedAPI(text: Tracker.openAPIDocument)
        let schema = try #require(document.root["webhooks"]?[type]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"])
        return JSONSchemaValidator(document: document).violations(of: try JSONParser.parse(body), against: schema)
    }
}

extension WebhookSettings {
    /// The same settings with another delivery section.
    func with(delivery: WebhookSettings.Delivery) -> WebhookSettings {
        WebhookSettings(
            tenantScoped: tenantScoped, signature: signature, delivery: delivery, events: events, customEvents: customEvents, subscriptions: subscriptions,
            management: management)
    }
}
