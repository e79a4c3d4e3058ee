import APIContract
import Hummingbird
import Logging

/// Builds the server of one generated app: its routes, the built-in endpoints (`/health`,
/// `/health/live`, `/health/ready`, `/openapi.json`, `/docs`), `LoomMiddleware` and the
/// configured middleware, all decided at start-up; and the `ServiceGroup` that runs it with the
/// database pool and the background services (`LoomServer+Services.swift`).
public enum LoomServer {
    /// The default `Server` header value.
    public static let serverName = "loom"

    /// Builds the router. Tests drive it directly with `HummingbirdTesting`.
    public static func buildRouter(
        app: GeneratedApp, database: any DatabaseClient, configuration: Configuration
    ) -> Router<LoomRequestContext> {
        buildRoutes(app: app, database: database, configuration: configuration).router
    }

    /// Builds the router with `hooks`, `auth` (the app's authentication module, or `nil`
    /// for an app without one) and `cursors` and nothing else configured.
    public static func buildRouter(
        app: GeneratedApp, database: any DatabaseClient, hooks: [any WriteHook] = [],
        auth: (any AuthenticationService)? = nil, cursors: CursorCodec = .random()
    ) -> Router<LoomRequestContext> {
        var configuration = Configuration()
        configuration.hooks = hooks
        configuration.auth = auth
        configuration.cursors = cursors
        return buildRouter(app: app, database: database, configuration: configuration)
    }

    /// The router and the routes the event loop may answer inline: none when
    /// `configuration.inlineReads` is off, and none a configured middleware must see.
    static func buildRoutes(
        app: GeneratedApp, database: any DatabaseClient, configuration: Configuration
    ) -> (router: Router<LoomRequestContext>, inlineReads: InlineReads) {
        let auth = configuration.auth
        let registry = Self.registry(app: app, database: database, configuration: configuration)
        let router = Router(context: LoomRequestContext.self)
        var base = LoomMiddleware(
            errorFormat: app.settings.errorFormat, routes: registry.table, maxBodyBytes: app.settings.maxBodyBytes,
            authenticator: auth, serverName: configuration.serverName, vocabulary: app.settings.errors,
            requestIDHeader: app.settings.headers.requestID, security: app.settings.security)
        base.requestLimits = app.settings.requestLimits
        base.load = configuration.requestLoad
        let trustsProxies = !app.settings.clientAddresses.trustedProxies.isEmpty
        if trustsProxies { base.clientAddresses = app.settings.clientAddresses }
        router.add(middleware: base)
        let accessLog = app.accessLog.map { settings in configuration.accessLogWriter.map { AccessLog(settings: settings, write: $0) } ?? AccessLog(settings: settings) }
        if accessLog != nil || configuration.metrics != nil || configuration.usage != nil {
            router.add(middleware: RequestObservationMiddleware(
                log: accessLog, metrics: configuration.metrics, usage: configuration.usage, statusOfError: base.renderedStatus))
        }
        // CORS before the configured middleware (rate limits): an allowed preflight is never counted or refused.
        let cors = app.settings.cors.map { CrossOriginMiddleware(settings: $0, app: app.settings) }
        if let cors { router.add(middleware: cors) }
        for middleware in configuration.middleware { middleware.add(to: router) }
        // Innermost, right before the routes: rate limits and the other modules' middleware run first.
        let idempotency = app.settings.idempotency.map { settings in
            IdempotencyMiddleware(
                store: IdempotencyStore(database: database, settings: settings), covered: registry.idempotentRoutes, settings: app.settings)
        }
        if let idempotency { router.add(middleware: idempotency) }
        registry.install(on: router, budgetTesting: configuration.timeBudgetTesting)
        var reads = InlineReads(serverName: configuration.serverName, requestIDHeader: app.settings.headers.requestID)
        if configuration.inlineReads {
            let policies = configuration.middleware.map(\.inlineReadPolicy) + (idempotency.map { [$0.inlineReadPolicy] } ?? [])
                + (cors.map { [$0.inlineReadPolicy] } ?? [])
            reads = registry.inlineReads.passingOn(credentialsOf: auth).honouring(policies)
            if trustsProxies {
                reads = reads.passingOn(headers: [.forwarded, .xForwardedFor])
                reads.trustsForwardedAddresses = true
            }
            if cors != nil { reads = reads.passingOn(headers: CrossOriginMiddleware.passedOnHeaders) }
            reads.commonHeaders = CommonResponseHeaders(
                serverName: configuration.serverName, requestIDHeader: app.settings.headers.requestID, security: app.settings.security)
            let observers: [(any InlineReadObserver)?] = [accessLog, configuration.metrics, configuration.usage]
            reads.observer = InlineReadObservers.combining(observers.compactMap { $0 })
            reads.requestLimits = app.settings.requestLimits
            reads.counters = configuration.middleware.compactMap(\.inlineReadCounter)
        }
        return (router, reads)
    }

    /// The write hooks every write of the server runs: the configured ones, then the audit
    /// trail's when the app keeps one. Background services that write to the app's tables
    /// (a job worker) run the same, so their writes are audited and announced like a route's.
    public static func writeHooks(app: GeneratedApp, configuration: Configuration) -> WriteHooks {
        let audit = app.audit.map { AuditTrail(settings: $0, includesAuthTrail: app.auth != nil) }
        return WriteHooks(configuration.hooks + (audit.map { [$0.hook] } ?? []))
    }

    /// Every route of the app: the built-in ones, the auth module's, the audit trail's, the usage
    /// statistics', the configured route families' (`routeFamilies`), then the app's own; the audit hook (when the app has a trail) runs after the configured hooks.
    static func registry(app: GeneratedApp, database: any DatabaseClient, configuration: Configuration) -> RouteRegistry {
        let audit = app.audit.map { AuditTrail(settings: $0, includesAuthTrail: app.auth != nil) }
        let hooks = writeHooks(app: app, configuration: configuration)
        var registry = RouteRegistry(database: database, settings: app.settings, hooks: hooks, cursors: configuration.cursors)
        registry.incomingWebhookSecrets = configuration.incomingWebhookSecrets
        BuiltInRoutes(app: app, database: database).register(in: &registry)
        configuration.auth?.registerRoutes(in: &registry)
        if audit != nil {
            AuditRoutes(
                store: AuditStore(database: database), page: app.settings.pageLimits.contractPageSize, naming: app.settings.naming,
                envelopes: app.settings.familyEnvelopes.of(.audit))
                .register(in: &registry, basePath: app.settings.basePath)
        }
        if let usage = app.settings.usage {
            UsageRoutes(
                contract: UsageContract(path: usage.path, page: app.settings.pageLimits.contractPageSize, ids: app.auth?.ids ?? ResourceIDs()), store: UsageStore(database: database), recorder: configuration.usage,
                naming: app.settings.naming, envelopes: app.settings.familyEnvelopes.of(.usage)
            ).register(in: &registry, basePath: app.settings.basePath)
        }
        for family in configuration.routeFamilies { family.register(in: &registry) }
        app.registerRoutes(&registry)
        return registry
    }

    /// Builds the HTTP application alone, listening on `configuration.host:port`; run it with
    /// the rest through `serviceGroup`, or drive it with `HummingbirdTesting`.
    public static func buildApplication(
        app: GeneratedApp, database: any DatabaseClient, configuration: Configuration, logger: Logger
    ) -> some ApplicationProtocol {
        let (router, reads) = buildRoutes(app: app, database: database, configuration: configuration)
        let onServerRunning = configuration.onServerRunning
        let port = configuration.port
        return Application(
            router: router,
            server: .loomHTTP1(
                inlineReads: reads, connectionLimits: configuration.connectionLimits,
                headRefusals: HeadRefusals(app: app.settings, serverName: configuration.serverName)),
            // No serverName: `Server` comes from CommonResponseHeaders, on both paths.
            configuration: .init(address: .hostname(configuration.host, port: port)),
            onServerRunning: { channel in await onServerRunning?(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
