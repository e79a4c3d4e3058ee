import CoreMetrics
import HTTPTypes
import NIOCore
import Prometheus

/// The metrics of one server, recorded through swift-metrics into a Prometheus registry of its
/// own (not the process-wide `MetricsSystem`, so several servers in one process, as in the
/// tests, keep separate counts) and exposed by `MetricsServer`:
///
/// | name | type | labels |
/// | --- | --- | --- |
/// | `http_requests_total` | counter | `method`, `route` (the route template, `NotFound` when none matched), `status` |
/// | `http_request_duration_seconds` | histogram | `method`, `route` |
/// | `http_requests_in_flight` | gauge | — (requests through Hummingbird; inline reads finish on the event loop at once) |
/// | `rate_limit_rejections_total` | counter | `policy` |
/// | `idempotent_replays_total` | counter | — |
/// | `webhook_delivery_attempts_total` | counter | `outcome` (`success`, `retry`, `failed`) |
/// | `webhook_queue_depth` | gauge | — (sampled) |
/// | `webhook_oldest_pending_age_seconds` | gauge | — (sampled) |
/// | `database_write_wait_seconds` | histogram | — (`DatabaseObserver`) |
/// | `database_write_batch_size` | histogram | — (`DatabaseObserver`) |
///
/// Labels are bounded: route templates come from the router (never a raw path or key), methods
/// and statuses from HTTP. Inline key reads are counted through `InlineReadObserver`.
///
/// A class: it is handed to every middleware and observer and copied per inline read, and a
/// reference is one retain where the struct's eight members were eight.
public final class RequestMetrics: Sendable {
    /// The registry `MetricsServer` renders.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let inFlight: CoreMetrics.Meter
    private let replays: CoreMetrics.Counter
    private let writeWait: CoreMetrics.Timer
    private let writeBatch: CoreMetrics.Recorder
    /// A request series' labels.
    private struct Series: Hashable, Sendable {
        let method: String
        let route: String
        let status: Int
    }

    /// A request series' counter and duration timer.
    private struct SeriesInstruments: Sendable {
        let counter: CoreMetrics.Counter
        let timer: CoreMetrics.Timer
    }

    /// The instruments of every request series met so far.
    private let series = InstrumentCache<Series, SeriesInstruments>()
    /// The rejection counter of every rate-limit policy met so far.
    private let rejections = InstrumentCache<String, CoreMetrics.Counter>()
    /// The webhook attempt counter of every outcome met so far.
    private let webhookAttempts = InstrumentCache<String, CoreMetrics.Counter>()
    /// The sampled gauges, made on their first sample (an app without webhooks shows none).
    private let gauges = InstrumentCache<String, CoreMetrics.Gauge>()

    /// The histogram's buckets, seconds: from a key read (under a millisecond) to a batch's budget.
    static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        .seconds(10), .seconds(30), .seconds(120),
    ]

    /// The write-wait histogram's buckets: from an idle writer (microseconds) to a saturated one.
    static let writeWaitBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(5),
    ]

    /// The batch-size histogram's buckets, up to SQLite's largest group commit (128).
    static let batchSizeBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128]

    /// A registry with no measurement yet.
    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            "http_request_duration_seconds": Self.durationBuckets, "database_write_wait_seconds": Self.writeWaitBuckets,
        ]
        factory.valueHistogramBuckets = ["database_write_batch_size": Self.batchSizeBuckets]
        self.registry = registry
        self.factory = factory
        inFlight = CoreMetrics.Meter(label: "http_requests_in_flight", factory: factory)
        replays = CoreMetrics.Counter(label: "idempotent_replays_total", factory: factory)
        writeWait = CoreMetrics.Timer(label: "database_write_wait_seconds", factory: factory)
        writeBatch = CoreMetrics.Recorder(label: "database_write_batch_size", factory: factory)
    }

    /// Counts one answered request and its duration, with the series' counter and timer made
    /// once: making them asks the registry, which validates the names and labels and takes its
    /// lock, for every request otherwise.
    func record(method: String, route: String, status: Int, duration: Duration) {
        let instruments = series.instruments(Series(method: method, route: route, status: status)) {
            SeriesInstruments(
                counter: CoreMetrics.Counter(
                    label: "http_requests_total", dimensions: [("method", method), ("route", route), ("status", String(status))],
                    factory: factory),
                timer: CoreMetrics.Timer(label: "http_request_duration_seconds", dimensions: [("method", method), ("route", route)], factory: factory))
        }
        instruments.counter.increment()
        let (seconds, attoseconds) = duration.components
        instruments.timer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// A request entered (`+1`) or left (`-1`) the middleware.
    func inFlight(_ change: Int) {
        change > 0 ? inFlight.increment(by: Double(change)) : inFlight.decrement(by: Double(-change))
    }

    /// Counts an answer replayed from an idempotency record.
    func replayed() { replays.increment() }

    /// Counts a request refused by rate limits, by policy: pass as `RateLimitMiddleware`'s `rejected`.
    @Sendable
    public func rateLimitRejected(_ rejection: RateLimitRejection) {
        rejections.instruments(rejection.policy) {
            CoreMetrics.Counter(label: "rate_limit_rejections_total", dimensions: [("policy", rejection.policy)], factory: factory)
        }.increment()
    }

    /// Counts one webhook delivery attempt by where it left the delivery: `success`, `retry`
    /// (failed, to be retried) or `failed` (failed for good); the delivery loop calls it after
    /// each attempt (`WebhookOptions.attempted`).
    @Sendable
    public func webhookAttempted(outcome: String) {
        webhookAttempts.instruments(outcome) {
            CoreMetrics.Counter(label: "webhook_delivery_attempts_total", dimensions: [("outcome", outcome)], factory: factory)
        }.increment()
    }

    /// Sets the sampled webhook backlog: deliveries pending and the age of the oldest one's message.
    @Sendable
    public func webhookQueue(pending: Int, oldestPendingAgeSeconds: Double) {
        gauge("webhook_queue_depth").record(pending)
        gauge("webhook_oldest_pending_age_seconds").record(oldestPendingAgeSeconds)
    }

    /// The gauge `label`, made on first use.
    private func gauge(_ label: String) -> CoreMetrics.Gauge {
        gauges.instruments(label) { CoreMetrics.Gauge(label: label, factory: factory) }
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}

extension RequestMetrics: InlineReadObserver {
    /// Counts an inline key read (always a 200) like any other request.
    public func answered(_ answer: InlineReadAnswer) {
        record(method: answer.method, route: answer.route, status: 200, duration: .nanoseconds(answer.duration.nanoseconds))
    }
}

extension RequestMetrics: DatabaseObserver {
    /// Records how long a write waited for the SQLite writer or a PostgreSQL connection.
    public func writeWaited(_ wait: Duration) {
        let (seconds, attoseconds) = wait.components
        writeWait.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Records how many writes one transaction committed.
    public func writesCommitted(together count: Int) {
        writeBatch.record(count)
    }
}
