import Foundation
import Runtime

/// Settles what the outbox owes a static subscription that was removed from `app.json`.
///
/// Deliveries are kept for subscriptions this instance does not run, since the instances of a
/// rolling deploy may differ (`DeliveryFanOut`). Once every instance runs without the
/// subscription, nothing claims its pending deliveries, so their messages would never be
/// purged. `loom-server webhooks retire NAME` ends them: it first writes the deliveries of every
/// message still marked for fan-out (as any instance's loop would, so no mark can name the
/// subscription afterwards), then fails the subscription's pending deliveries with
/// `retiredError`, in one transaction. The messages are then purged with the rest once the
/// retention has passed (`OutboxPurge`), and the delivery log shows why they were not sent.
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
        if settings.management != nil, try await isStored(name) {
            throw Refusal(code: .stored, message: "\"\(name)\" is a stored subscription: delete it through the management API")
        }
        let store = DeliveryStore(database: database)
        let milliseconds = WebhookClock.milliseconds(now)
        let fanOut = DeliveryFanOut(store: store)
        while try await fanOut.run(at: milliseconds) > 0 {}
        let results = try await database.write(store.settlePending(subscription: name, error: Self.retiredError, at: milliseconds))
        return results.last?.changes ?? 0
    }

    /// The subscriptions with pending deliveries that the app no longer delivers to (neither a
    /// static subscription, a targeted event's stream nor a stored subscription), with how many
    /// each has: candidates for `retire` once no instance runs an older configuration. The
    /// delivery service logs them at start-up.
    public func unclaimed() async throws -> [(name: String, pending: Int)] {
        let statement = SQLStatement(
            """
            SELECT d.subscription, COUNT(*) FROM webhook_deliveries d WHERE d.status = 'pending' \
            AND NOT EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = d.subscription) GROUP BY d.subscription ORDER BY d.subscription
            """, [])
        let delivered = Set(settings.subscriptions.map(\.name) + ActiveSubscription.targets(settings).map(\.name))
        return try await database.fetch(statement).compactMap { row in
            guard case .text(let name) = row.values[0], !delivered.contains(name), case .integer(let count) = row.values[1] else { return nil }
            return (name, Int(count))
        }
    }

    /// Whether `name` is the id of a subscription stored through the management API.
    private func isStored(_ name: String) async throws -> Bool {
        let statement = SQLStatement(
            PlaceholderSequence.render("SELECT 1 FROM webhook_subscriptions WHERE id = ?", for: database.dialect), [.text(name)])
        return try await !database.fetch(statement).isEmpty
    }
}
