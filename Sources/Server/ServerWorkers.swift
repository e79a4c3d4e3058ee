import Logging
import Runtime
import ServiceLifecycle

/// The background workers of apps whose handlers hand work to one (`Sources/Server/Handlers/<App>/`):
/// stationthis's `GenerationWorker`. Mounted last, so the worker's writes run every write hook
/// the server has (the webhook outbox, the audit trail).
enum ServerWorkers {
    /// The workers `app` needs, built on `database` with the server's write hooks.
    static func services(app: GeneratedApp, database: any DatabaseClient, hooks: WriteHooks, logger: Logger) -> [any Service] {
        switch app.schema.app {
        case "stationthis": return [GenerationWorker(database: database, hooks: hooks, logger: logger)]
        default: return []
        }
    }

    /// Adds the workers of `app` to `configuration.services`.
    static func mount(app: GeneratedApp, database: any DatabaseClient, on configuration: inout LoomServer.Configuration, logger: Logger) {
        configuration.services += services(
            app: app, database: database, hooks: LoomServer.writeHooks(app: app, configuration: configuration), logger: logger)
    }
}
