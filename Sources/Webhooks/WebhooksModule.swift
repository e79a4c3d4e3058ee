import Foundation
import Logging
import Runtime

/// The `Webhooks` module mounted on a server whose app has a `webhooks` section: the outbox
/// write hook and the delivery service, sharing the subscriptions configured in the
/// environment and the wake-up signal.
public struct WebhooksModule: Sendable {
    /// The app's webhooks section.
    public let settings: WebhookSettings
    /// The subscriptions this process delivers to.
    public let subscriptions: [ActiveSubscription]
    /// Run-time options.
    public let options: WebhookOptions
    /// Wakes the delivery loops after commits.
    let signal = DeliverySignal()
    /// Logs deliveries.
    let logger: Logger

    /// Reads the static subscriptions from `environment`.
    /// - Throws: `WebhookConfigurationError` for a malformed URL or secret, naming the variable.
    public init(settings: WebhookSettings, environment: [String: String], options: WebhookOptions, logger: Logger) throws {
        self.settings = settings
        self.subscriptions = try ActiveSubscription.configured(settings, environment: environment)
        self.options = options
        self.logger = logger
        if options.allowLoopback {
            logger.warning("webhook deliveries may go to loopback addresses (\(WebhookOptions.allowLoopbackVariable)=1); never in production")
        }
        logger.info("webhooks: \(subscriptions.count) active subscription(s) \(subscriptions.map(\.name))")
    }

    /// Writes each event in its change's transaction; goes into `LoomServer.Configuration.hooks`.
    public var hook: any WriteHook {
        OutboxHook(settings: settings, subscriptions: subscriptions, signal: signal, clock: options.clock)
    }

    /// Delivers the events stored in `database`; goes into `LoomServer.Configuration.services`
    /// once the module's tables exist (`migrate`).
    public func service(database: any DatabaseClient) -> DeliveryService {
        DeliveryService(
            store: DeliveryStore(database: database), settings: settings, subscriptions: subscriptions, signal: signal, options: options,
            logger: logger)
    }

    /// Creates or updates the `webhook_` tables (recorded in `loom_migrations` as `<app>.webhooks`).
    public static func migrate(_ database: any DatabaseClient, app: String) async throws -> [String] {
        let report = try await database.migrate(to: WebhookMigrations.schema(app: app))
        return report.applied.map { "webhooks migration \($0)" }
    }
}
