import Hummingbird
import Logging

/// Builds the Hummingbird application of one generated app: its routes, the built-in
/// endpoints (`/health`, `/health/live`, `/health/ready`, `/openapi.json`, `/docs`) and the
/// middleware, all decided at start-up.
public enum LoomServer {
    /// The `Server` header every response carries.
    public static let serverName = "loom"

    /// Builds the router. Tests drive it directly with `HummingbirdTesting`. `auth` is the app's
    /// authentication module (built by the server from `app.auth`), or `nil` for an app without one.
    public static func buildRouter(
        app: GeneratedApp, database: any DatabaseClient, hooks: [any WriteHook] = [],
        auth: (any AuthenticationService)? = nil, cursors: CursorCodec = .random()
    ) -> Router<LoomRequestContext> {
        buildRoutes(app: app, database: database, hooks: hooks, auth: auth, cursors: cursors).router
    }

    /// The router and the routes the event loop may answer inline.
    static func buildRoutes(
        app: GeneratedApp, database: any DatabaseClient, hooks: [any WriteHook],
        auth: (any AuthenticationService)?, cursors: CursorCodec
    ) -> (router: Router<LoomRequestContext>, inlineReads: InlineReads) {
        var registry = RouteRegistry(database: database, settings: app.settings, hooks: WriteHooks(hooks), cursors: cursors)
        BuiltInRoutes(app: app, database: database).register(in: &registry)
        auth?.registerRoutes(in: &registry)
        app.registerRoutes(&registry)
        let router = Router(context: LoomRequestContext.self)
        router.add(
            middleware: LoomMiddleware(
                errorFormat: app.settings.errorFormat, routes: registry.table, maxBodyBytes: app.settings.maxBodyBytes,
                authenticator: auth))
        registry.install(on: router)
        return (router, registry.inlineReads.passingOn(credentialsOf: auth))
    }

    /// Builds the application listening on `host:port`. With `inlineReads` (the default),
    /// public key reads on SQLite are answered on the event loop (`InlineReads`); `false`
    /// sends every request through Hummingbird (tests compare the two). `cursors` signs list
    /// cursors (`CursorCodec`; a process-only key by default).
    public static func buildApplication(
        app: GeneratedApp, database: any DatabaseClient, host: String, port: Int, logger: Logger,
        hooks: [any WriteHook] = [], auth: (any AuthenticationService)? = nil, inlineReads: Bool = true,
        cursors: CursorCodec = .random()
    ) -> some ApplicationProtocol {
        let (router, reads) = buildRoutes(app: app, database: database, hooks: hooks, auth: auth, cursors: cursors)
        return Application(
            router: router,
            server: .loomHTTP1(inlineReads: inlineReads ? reads : InlineReads()),
            configuration: .init(address: .hostname(host, port: port), serverName: serverName),
            logger: logger)
    }
}
