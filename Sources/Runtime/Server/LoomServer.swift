import Hummingbird
import Logging

/// Builds the Hummingbird application of one generated app: its routes, the built-in
/// endpoints (`/health`, `/health/live`, `/health/ready`, `/openapi.json`, `/docs`) and the
/// middleware, all decided at start-up.
public enum LoomServer {
    /// Builds the router. Tests drive it directly with `HummingbirdTesting`.
    public static func buildRouter(
        app: GeneratedApp, database: any DatabaseClient, listeners: [any RecordChangeListener] = []
    ) -> Router<LoomRequestContext> {
        var registry = RouteRegistry(database: database, settings: app.settings, listeners: listeners)
        BuiltInRoutes(app: app, database: database).register(in: &registry)
        app.registerRoutes(&registry)
        let router = Router(context: LoomRequestContext.self)
        router.add(
            middleware: LoomMiddleware(
                errorFormat: app.settings.errorFormat, routes: registry.table, maxBodyBytes: app.settings.maxBodyBytes))
        registry.install(on: router)
        return router
    }

    /// Builds the application listening on `host:port`.
    public static func buildApplication(
        app: GeneratedApp, database: any DatabaseClient, host: String, port: Int, logger: Logger,
        listeners: [any RecordChangeListener] = []
    ) -> some ApplicationProtocol {
        let router = buildRouter(app: app, database: database, listeners: listeners)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "loom"),
            logger: logger)
    }
}
