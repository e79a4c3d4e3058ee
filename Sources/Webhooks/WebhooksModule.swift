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
    /// Wakes the delivery services after the management API changed a subscription.
    let changes = DeliverySignal()
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
        OutboxHook(settings: settings, subscriptions: subscriptions, signal: signal, clock: options.clock, stored: managed)
    }

    /// Delivers the events stored in `database`; goes into `LoomServer.Configuration.services`
    /// once the module's tables exist (`migrate`). `audited`: the app keeps an audit trail, so a
    /// subscription disabled for failing too long is audited.
    public func service(database: any DatabaseClient, audited: Bool = false) -> DeliveryService {
        DeliveryService(
            store: DeliveryStore(database: database), settings: settings, subscriptions: subscriptions, signal: signal, options: options,
            logger: logger, changes: changes, stored: managed, audited: audited)
    }

    /// Samples the outbox's pending deliveries every `interval` for the metrics (`report` gets
    /// how many and the age of the oldest one's message); goes into `LoomServer.Configuration.services`.
    public func queueSampler(
        database: any DatabaseClient, interval: Duration = .seconds(10), report: @escaping @Sendable (WebhookQueueState) -> Void
    ) -> WebhookQueueSampler {
        WebhookQueueSampler(database: database, clock: options.clock, interval: interval, logger: logger, report: report)
    }

    /// Deletes the finished messages past `webhooks.delivery.retentionDays` (with their
    /// deliveries and attempts) every `interval`, until graceful shutdown (`OutboxPurge`); goes
    /// into `LoomServer.Configuration.services`.
    public func purgeService(database: any DatabaseClient, interval: Duration = .seconds(3600)) -> PeriodicPurge {
        let purge = OutboxPurge(database: database, retentionDays: settings.delivery.retentionDays, clock: options.clock)
        return PeriodicPurge(rows: "webhook messages past their retention", interval: interval, logger: logger) { try await purge.purge() }
    }

    /// Whether the app declares the management API (subscriptions stored in the database).
    public var managed: Bool { settings.management != nil }

    /// Whether the server needs the write hook and the delivery service: a static subscription
    /// is configured, subscriptions may be stored through the API, or an event type is
    /// delivered to per-record targets.
    public var delivers: Bool { !subscriptions.isEmpty || managed || !settings.targetedEvents.isEmpty }

    /// The management routes, served on the server's database, or `nil` when the app declares
    /// none; goes into `LoomServer.Configuration.routeFamilies`. `audited`: the app keeps an
    /// audit trail, which then records every subscription change.
    public func routes(audited: Bool) -> (any RouteFamily)? {
        guard managed else { return nil }
        return ManagementFamily(settings: settings, options: options, signal: signal, changes: changes, audited: audited)
    }

    /// Creates or updates the `webhook_` tables (recorded in `loom_migrations` as `<app>.webhooks`).
    public static func migrate(_ database: any DatabaseClient, app: String) async throws -> [String] {
        let report = try await database.migrate(to: WebhookMigrations.schema(app: app))
        return report.applied.map { "webhooks migration \($0)" }
    }
}
