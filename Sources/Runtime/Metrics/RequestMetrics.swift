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

    /// The histogram's buckets, seconds: from a key read (under a millisecond) to a batch's budget.
    static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        .seconds(10), .seconds(30), .seconds(120),
    ]

    /// A registry with no measurement yet.
    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = ["http_request_duration_seconds": Self.durationBuckets]
        self.registry = registry
        self.factory = factory
        inFlight = CoreMetrics.Meter(label: "http_requests_in_flight", factory: factory)
        replays = CoreMetrics.Counter(label: "idempotent_replays_total", factory: factory)
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
