import Foundation
import Runtime

/// Settles what the outbox owes a static subscription that was removed from `app.json`.
///
/// Deliveries are kept for subscriptions this instance does not run, since the instances of a
/// rolling deploy may differ (`DeliveryFanOut`). Once every instance runs without the
/// subscription, nothing claims its pending deliveries, so their messages would never be
/// purged. `loom-server webhooks retire NAME` ends them: it first writes the deliveries of the
/// messages marked for fan-out when it starts (as any instance's loop would, in its batches, so
/// no mark written before the command names the subscription afterwards; marks naming it can
/// only come from an instance still configured with it), then fails the subscription's pending
/// deliveries with `retiredError` in one transaction. The messages are then purged with the rest
/// once the retention has passed (`OutboxPurge`), and the delivery log shows why they were not
/// sent.
///
/// A name the app still delivers to is refused: a static subscription of the configuration,
/// the stream of a targeted event (`target:<type>`), or a subscription stored through the
/// management API (deleted with `DELETE .../webhooks/{id}` instead).
public struct SubscriptionRetirement: Sendable {
    /// Why a retirement is refused.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        /// What kind of refusal it is.
        public enum Code: String, Sendable {
            /// The name is a static subscription of the app's configuration.
            case configured = "still-configured"
            /// The name is the delivery stream of a targeted event.
            case targetStream = "target-stream"
            /// The name is a subscription stored through the management API.
            case stored = "stored-subscription"
        }

        /// What kind of refusal it is.
        public let code: Code
        /// What to do instead, naming the subscription.
        public let message: String

        /// `still-configured: ...`.
        public var description: String { "\(code.rawValue): \(message)" }
    }

    /// The error recorded on each delivery a retirement fails.
    public static let retiredError = "the subscription was retired: it is no longer in the app's configuration"

    /// The outbox's database.
    let database: any DatabaseClient
    /// The app's webhooks section.
    let settings: WebhookSettings

    /// A retirement over `database` for the app whose webhooks section is `settings`.
    public init(database: any DatabaseClient, settings: WebhookSettings) {
        self.database = database
        self.settings = settings
    }

    /// Fails the pending deliveries of `name` at `now`, after fanning out the marked messages;
    /// returns how many deliveries it failed.
    /// - Throws: `Refusal` when the app still delivers to `name`.
    public func retire(_ name: String, at now: Date) async throws -> Int {
        if settings.subscriptions.contains(where: { $0.name == name }) {
            throw Refusal(code: .configured, message: "\"\(name)\" is a static subscription of the app's configuration: remove it from app.json and restart every instance first")
        }
        if ActiveSubscription.targets(settings).contains(where: { $0.name == name }) {
            throw Refusal(code: .targetStream, message: "\"\(name)\" delivers a targeted event of the app's configuration")
        }
        if try await isStored(name) {
            throw Refusal(code: .stored, message: "\"\(name)\" is a stored subscription: delete it through the management API")
        }
        let store = DeliveryStore(database: database)
        let milliseconds = WebhookClock.milliseconds(now)
        // The marks there are now, in batches: live instances keep marking new messages, so
        // fanning out until none is left might never end.
        let fanOut = DeliveryFanOut(store: store)
        var marked = try await markedMessages()
        while marked > 0 {
            let taken = try await fanOut.run(at: milliseconds)
            if taken == 0 { break }
            marked -= taken
        }
        let results = try await database.write(store.settlePending(subscription: name, error: Self.retiredError, at: milliseconds))
        return results.last?.changes ?? 0
    }

    /// The subscriptions with pending deliveries that the app no longer delivers to (neither a
    /// static subscription, a targeted event's stream nor a stored subscription), with how many
    /// each has: candidates for `retire` once no instance runs an older configuration. The
    /// delivery service logs them at start-up.
    ///
    /// A message still marked for fan-out counts for each subscription its mark names: when the
    /// removed subscription was the app's only static one, no loop fans its messages out.
    public func unclaimed() async throws -> [(name: String, pending: Int)] {
        let deliveries = SQLStatement(
            """
            SELECT d.subscription, COUNT(*) FROM webhook_deliveries d WHERE d.status = 'pending' \
            AND NOT EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = d.subscription) GROUP BY d.subscription
            """, [])
        // Marks are few distinct texts (one per set of receivers), so this groups many rows into few.
        let marks = SQLStatement("SELECT fan_out, COUNT(*) FROM webhook_messages WHERE fan_out IS NOT NULL GROUP BY fan_out", [])
        let delivered = Set(settings.subscriptions.map(\.name) + ActiveSubscription.targets(settings).map(\.name))
        var pending: [String: Int] = [:]
        for row in try await database.fetch(deliveries) {
            guard case .text(let name) = row.values[0], case .integer(let count) = row.values[1] else { continue }
            pending[name, default: 0] += Int(count)
        }
        for row in try await database.fetch(marks) {
            guard case .text(let mark) = row.values[0], case .integer(let count) = row.values[1] else { continue }
            for name in DeliveryFanOut.names(mark) { pending[name, default: 0] += Int(count) }
        }
        return pending.filter { !delivered.contains($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// How many messages are marked for fan-out now.
    private func markedMessages() async throws -> Int {
        let rows = try await database.fetch(SQLStatement("SELECT COUNT(*) FROM webhook_messages WHERE fan_out IS NOT NULL", []))
        guard let row = rows.first, case .integer(let count) = row.values[0] else { return 0 }
        return Int(count)
    }

    /// Whether `name` is the id of a subscription stored through the management API (the table
    /// exists, empty, in an app that does not manage subscriptions).
    private func isStored(_ name: String) async throws -> Bool {
        let statement = SQLStatement(
            PlaceholderSequence.render("SELECT 1 FROM webhook_subscriptions WHERE id = ?", for: database.dialect), [.text(name)])
        return try await !database.fetch(statement).isEmpty
    }
}
