import Hummingbird
import ServiceLifecycle
import UnixSignals

extension LoomServer {
    /// How one server is composed: where it listens, the middleware modules add after
    /// `LoomMiddleware`, the background services (delivery workers, purgers, metrics) that run
    /// beside it in one `ServiceGroup`, and how it shuts down.
    ///
    /// Shutdown (SIGTERM, SIGINT, or the group's `triggerGracefulShutdown()`) runs in reverse
    /// order of start: the HTTP server stops accepting and finishes in-flight requests (for at
    /// most `requestDrainTimeout`, then they are cancelled), then each service in `services` is
    /// asked to stop, last first, then the database pool closes. `shutdownTimeout` bounds the
    /// whole sequence; past it every service still running is cancelled.
    public struct Configuration: Sendable {
        /// Address to listen on.
        public var host: String
        /// Port to listen on; 0 picks a free one (see `onServerRunning`).
        public var port: Int
        /// The `Server` header value; `nil` sends none.
        public var serverName: String? = LoomServer.serverName
        /// Middleware run after `LoomMiddleware`, first listed outermost. Each declares whether
        /// inline key reads may skip it (`ServerMiddleware.inlineReadPolicy`).
        public var middleware: [any ServerMiddleware] = []
        /// Background services, started after the database is prepared and before the server
        /// listens; stopped after it, last first.
        public var services: [any Service] = []
        /// Run in the transaction of every write of a generated table (see `WriteHook`).
        public var hooks: [any WriteHook] = []
        /// The app's authentication module, or `nil` for an app without one.
        public var auth: (any AuthenticationService)?
        /// Signs and checks list cursors (`CursorCodec`); a key of this process by default, so
        /// instances serving one app (and a restarted one) need a codec from a shared secret.
        public var cursors: CursorCodec = .random()
        /// Whether key reads on SQLite may be answered on the event loop (`InlineReads`);
        /// `false` sends every request through Hummingbird (tests and benchmarks compare the two).
        public var inlineReads = true
        /// How long in-flight requests may take to finish once shutdown begins.
        public var requestDrainTimeout: Duration = .seconds(30)
        /// How long the whole shutdown may take before every remaining service is cancelled.
        public var shutdownTimeout: Duration = .seconds(60)
        /// Signals that begin a graceful shutdown.
        public var gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint]
        /// Called once the server listens, with the port it got (logs, tests on port 0).
        public var onServerRunning: (@Sendable (_ port: Int) async -> Void)?

        // MARK: Protections (connection timeouts and cap, issue 14)

        /// How long a request head and body may take to arrive, how long a keep-alive
        /// connection may idle, and how many connections are held at once.
        public var connectionLimits = ConnectionLimits()

        /// Tests only: scales every route's time budget and pauses handlers within it, so a
        /// live server shows the app's own budgets expiring in seconds (`TimeBudgetTesting`).
        /// `nil` (the default, and always in `serve`): the budgets as declared.
        public var timeBudgetTesting: TimeBudgetTesting?

        // MARK: Webhooks management (issue 13)

        /// Route families of modules outside `Runtime` (the `Webhooks` management API),
        /// registered after the audit trail's routes and before the app's own.
        public var routeFamilies: [any RouteFamily] = []

        // MARK: Incoming webhooks (issue 13)

        /// The values of the app's incoming webhook secret variables, by variable name (`serve`
        /// reads them from the environment and refuses to start when one is unset or malformed;
        /// a route whose secret is missing here answers 503).
        public var incomingWebhookSecrets: [String: String] = [:]

        // MARK: Observability

        /// Where the access log's lines go when the app has an `accessLog` section; `nil`: the
        /// swift-log logger `loom.access` at `info` (tests collect the lines here).
        public var accessLogWriter: (@Sendable (String) -> Void)?

        // MARK: Observability: metrics (issue 14)

        /// Where requests are measured (the app's `metrics` section: `ServerMetrics` in `serve`
        /// sets it and adds the `MetricsServer` that exposes it); `nil`: nothing is measured.
        public var metrics: RequestMetrics?

        // MARK: Load (issue 13)

        /// The requests in flight, counted by `LoomMiddleware`; background work that may wait
        /// (webhook delivery) reads it to yield to clients.
        public var requestLoad = RequestLoad()

        // MARK: Observability: usage (issue 14)

        /// Where requests are counted per API key, organization and day (the app's `usage`
        /// section: `ServerUsage` in `serve` sets it and adds the `UsageService` that flushes
        /// it); `nil`: nothing is counted, and `GET <base><usage path>` reads what others added.
        public var usage: UsageRecorder?

        /// A configuration listening on `host:port` with no extra middleware or services.
        public init(host: String = "127.0.0.1", port: Int = 8080) {
            self.host = host
            self.port = port
        }
    }
}
