import Hummingbird
import Logging
import ServiceLifecycle

extension LoomServer {
    /// Work that must happen once the database pool runs and before anything is served:
    /// checking the database answers, migrating it, and starting modules whose routes or
    /// services need their tables (the auth module). It may complete the configuration (set
    /// `auth`, add middleware or services) before the server is built from it.
    public typealias Preparation = @Sendable (_ configuration: inout Configuration) async throws -> Void

    /// The one `ServiceGroup` that runs the app: the database pool (when the database has one,
    /// `PooledDatabase`), then `prepare`, then every service of the prepared configuration and
    /// the HTTP server, each started in that order and shut down in reverse on
    /// `gracefulShutdownSignals` or `triggerGracefulShutdown()` (see `Configuration`).
    ///
    /// `run()` returns once everything has stopped; it throws what `prepare` or a service threw.
    /// A SQLite database is not closed by the group: close it after `run()` returns.
    public static func serviceGroup(
        app: GeneratedApp, database: any DatabaseClient, configuration: Configuration, logger: Logger,
        prepare: @escaping Preparation = { _ in }
    ) async -> ServiceGroup {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let pooled = database as? any PooledDatabase { services.append(.init(service: pooled.makePoolService())) }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: configuration.gracefulShutdownSignals, logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownTimeout
        let group = ServiceGroup(configuration: groupConfiguration)
        let startup = ServerStartup(
            app: app, database: database, configuration: configuration, logger: logger, prepare: prepare, group: group)
        await group.addServiceUnlessShutdown(startup)
        return group
    }
}

/// The group's second service: prepares the database, then adds the configured services and
/// the HTTP server to the running group, in that order, so they shut down in reverse (server,
/// services, this, then the pool started before it). Nothing is added once shutdown has begun.
///
/// It then waits for its own turn to shut down rather than returning: a group whose services
/// have all returned ends, and it could see this one return before it has started the ones
/// just added.
struct ServerStartup: Service, CustomStringConvertible {
    let app: GeneratedApp
    let database: any DatabaseClient
    let configuration: LoomServer.Configuration
    let logger: Logger
    let prepare: LoomServer.Preparation
    let group: ServiceGroup

    var description: String { "startup of \(app.settings.name)" }

    func run() async throws {
        var configuration = self.configuration
        try await prepare(&configuration)
        guard !Task.isShuttingDownGracefully else { return }
        let application = LoomServer.buildApplication(app: app, database: database, configuration: configuration, logger: logger)
        for service in configuration.services { await group.addServiceUnlessShutdown(service) }
        await group.addServiceUnlessShutdown(
            DrainingService(base: application, timeout: configuration.requestDrainTimeout, logger: logger))
        try? await gracefulShutdown()
    }
}

/// Runs `base` (the HTTP server) and, once graceful shutdown begins, gives it `timeout` to
/// finish on its own (Hummingbird stops accepting, closes idle connections and lets each
/// in-flight request complete) before cancelling it.
struct DrainingService<Base: Service>: Service, CustomStringConvertible {
    let base: Base
    let timeout: Duration
    let logger: Logger

    var description: String { "HTTP server" }

    func run() async throws {
        let base = self.base, timeout = self.timeout
        try await withThrowingTaskGroup(of: Bool.self) { tasks in
            tasks.addTask {
                try await base.run()
                return true
            }
            tasks.addTask {
                try await gracefulShutdown()
                try await Task.sleep(for: timeout)
                return false
            }
            if try await tasks.next() == false {
                logger.warning("in-flight requests did not finish within \(timeout) of shutdown; cancelling them")
            }
            tasks.cancelAll()
        }
    }
}
