import Logging
import Runtime

/// Mounting Prometheus metrics on apps that have a `metrics` section, shared by `serve` and
/// the tests: the registry the middleware records into (`LoomServer.Configuration.metrics`) and
/// the `MetricsServer` listener that exposes it. Mount it before rate limits, whose rejections
/// it counts (`RequestMetrics.rateLimitRejected`).
enum ServerMetrics {
    /// Sets `configuration.metrics`, has `database` report its writes' waits and batch sizes to
    /// it, and adds the listener; does nothing when the app measures nothing.
    static func mount(
        app: GeneratedApp, database: any DatabaseClient, on configuration: inout LoomServer.Configuration, logger: Logger,
        onServerRunning: (@Sendable (_ port: Int) async -> Void)? = nil
    ) {
        guard let settings = app.settings.metrics else { return }
        let metrics = RequestMetrics()
        configuration.metrics = metrics
        database.observeWrites(metrics)
        configuration.services.append(MetricsServer(metrics: metrics, settings: settings, logger: logger, onServerRunning: onServerRunning))
    }
}
