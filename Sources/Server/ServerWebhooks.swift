import ArgumentParser
import Foundation
import Logging
import Runtime
import Webhooks

/// Mounting the `Webhooks` module on apps that have a `webhooks` section, shared by `serve`
/// and the tests.
enum ServerWebhooks {
    /// Creates the module's tables on `database` and, when a subscription is configured or the
    /// app declares the management API, adds its write hook and delivery service to
    /// `configuration` (without either, writes pay nothing for webhooks) and the management
    /// routes; with `configuration.metrics` set (mount `ServerMetrics` first), attempts are
    /// counted by outcome and the backlog is sampled into gauges. Does nothing when the app has
    /// no `webhooks` section.
    /// - Throws: `ValidationError` naming the variable when a subscription's URL or secret is malformed.
    /// `settings` replaces the app's own (tests shorten the retry schedule).
    static func mount(
        app: GeneratedApp, database: any DatabaseClient, on configuration: inout LoomServer.Configuration, logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment, settings: WebhookSettings? = nil
    ) async throws {
        guard let settings = settings ?? app.webhooks else { return }
        let module: WebhooksModule
        var options = WebhookOptions(environment: environment)
        let metrics = configuration.metrics
        options.attempted = metrics?.webhookAttempted(outcome:)
        options.requestLoad = configuration.requestLoad
        do {
            module = try WebhooksModule(settings: settings, environment: environment, options: options, logger: logger)
        } catch let error as WebhookConfigurationError {
            throw ValidationError("cannot start the webhooks module of \(app.settings.name): \(error.message)")
        }
        _ = try await WebhooksModule.migrate(database, app: app.schema.app)
        guard module.delivers else { return }
        configuration.hooks.append(module.hook)
        configuration.services.append(module.service(database: database, audited: app.audit != nil))
        configuration.services.append(module.purgeService(database: database))
        if let metrics {
            configuration.services.append(module.queueSampler(database: database) { state in
                metrics.webhookQueue(pending: state.pending, oldestPendingAgeSeconds: state.oldestPendingAgeSeconds)
            })
        }
        if let routes = module.routes(audited: app.audit != nil) {
            configuration.routeFamilies.append(routes)
        }
    }
}
