import Hummingbird
import Logging
import ServiceLifecycle

/// Serves `GET /metrics` (Prometheus text exposition of `RequestMetrics`) on a listener of its
/// own, apart from the API: no API route, credential, rate limit or OpenAPI operation is
/// involved, and the operator keeps the port off the public network (`127.0.0.1` by default).
/// Every other path is 404. A swift-service-lifecycle `Service`: `LoomServer.Configuration.services`
/// runs it beside the API and stops it on graceful shutdown; a port it cannot bind stops the
/// group, as any misconfiguration does.
public struct MetricsServer: Service, CustomStringConvertible {
    /// The media type of the Prometheus text format, version 0.0.4.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    let metrics: RequestMetrics
    let settings: MetricsSettings
    let logger: Logger
    let onServerRunning: (@Sendable (_ port: Int) async -> Void)?

    /// A listener for `metrics` at `settings.host:port`; `onServerRunning` gets the port bound (0 picks one).
    public init(
        metrics: RequestMetrics, settings: MetricsSettings, logger: Logger, onServerRunning: (@Sendable (_ port: Int) async -> Void)? = nil
    ) {
        self.metrics = metrics
        self.settings = settings
        self.logger = logger
        self.onServerRunning = onServerRunning
    }

    public var description: String { "metrics listener" }

    /// Listens until graceful shutdown.
    public func run() async throws {
        let router = Router()
        let metrics = self.metrics
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: Self.contentType],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        let (logger, onServerRunning, port) = (self.logger, self.onServerRunning, settings.port)
        let application = Application(
            router: router, configuration: .init(address: .hostname(settings.host, port: port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                logger.info("metrics on http://\(channel.localAddress?.ipAddress ?? "?"):\(bound)/metrics")
                await onServerRunning?(bound)
            },
            logger: logger)
        try await application.run()
    }
}
