import ArgumentParser
import Auth
import Foundation
import Hummingbird
import Logging
import Runtime
import ServiceLifecycle

/// `loom-server serve`: migrate the database, then answer HTTP until SIGINT/SIGTERM, with the
/// database pool and every background service in one `ServiceGroup` (`LoomServer.serviceGroup`).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Migrate the database and serve the app (the default command).")

    @OptionGroup var options: AppOptions

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port: Int = 8080

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    @Option(help: "Seconds in-flight requests may take to finish once SIGTERM or SIGINT arrives.")
    var shutdownGrace: Int = 30

    func run() async throws {
        let (app, database, logger) = try openApp()
        let group = await serviceGroup(app: app, database: database, logger: logger)
        try await Self.run(group, closing: database)
    }

    /// The app `--app` names, its database client (a PostgreSQL pool not yet running) and the
    /// logger at `--log-level`.
    @inline(never)
    private func openApp() throws -> (GeneratedApp, any DatabaseClient, Logger) {
        var logger = Logger(label: "loom")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let app = try AppCatalog.app(named: options.app)
        return (app, try ServerDatabase.client(options: options, logger: logger), logger)
    }

    /// The server's `ServiceGroup`: it checks and migrates the database and starts `Auth` and
    /// `Webhooks` before listening.
    // The steps live in small functions that are never inlined: Swift 6.3's optimizer crashed
    // (LLVM CoroSplit, swifterror) on one async function holding all of them.
    @inline(never)
    private func serviceGroup(app: GeneratedApp, database: any DatabaseClient, logger: Logger) async -> ServiceGroup {
        var configuration = LoomServer.Configuration(host: host, port: port)
        // LOOM_INLINE_READS=0 sends key reads through Hummingbird too (benchmark A/B).
        configuration.inlineReads = ProcessInfo.processInfo.environment["LOOM_INLINE_READS"] != "0"
        configuration.requestDrainTimeout = .seconds(shutdownGrace)
        configuration.shutdownTimeout = .seconds(shutdownGrace * 2)
        let (options, host) = (self.options, self.host)
        configuration.onServerRunning = { port in
            logger.info("serving \(options.app) on http://\(host):\(port) (docs: /docs, database: \(options.databaseDescription))")
        }
        return await LoomServer.serviceGroup(app: app, database: database, configuration: configuration, logger: logger) {
            configuration in
            try await Self.prepare(&configuration, app: app, database: database, options: options, logger: logger)
        }
    }

    @inline(never)
    private static func prepare(
        _ configuration: inout LoomServer.Configuration, app: GeneratedApp, database: any DatabaseClient,
        options: AppOptions, logger: Logger
    ) async throws {
        // First: a missing webhook secret stops the start before anything is migrated.
        try ServerIncomingWebhooks.configure(app: app, on: &configuration, environment: ProcessInfo.processInfo.environment)
        try await ServerDatabase.check(database, description: options.databaseDescription)
        _ = try await ServerDatabase.migrate(database, app: app, description: options.databaseDescription, logger: logger)
        configuration.auth = try await ServerAuth.start(
            app: app, database: database, logger: logger, developmentSecretFile: options.developmentSecretFile)
        // After the auth module: on SQLite it may have just written the development secret the cursors reuse.
        configuration.cursors = CursorSecret.codec(app: app, options: options, logger: logger)
        // Metrics first: the webhooks and rate limits report into them.
        ServerMetrics.mount(app: app, database: database, on: &configuration, logger: logger)
        try await ServerWebhooks.mount(app: app, database: database, on: &configuration, logger: logger)
        try await ServerAudit.mount(app: app, database: database, on: &configuration, logger: logger)
        try await ServerUsage.mount(app: app, database: database, on: &configuration, logger: logger)
        try await ServerRateLimits.mount(app: app, database: database, on: &configuration, rejected: configuration.metrics?.rateLimitRejected)
        try await ServerIdempotency.mount(app: app, database: database, on: &configuration, logger: logger)
        try await ServerIncomingWebhooks.mount(app: app, database: database, on: &configuration, logger: logger)
        // Last: the workers' writes run every hook mounted above.
        ServerWorkers.mount(app: app, database: database, on: &configuration, logger: logger)
    }

    /// Runs `group` until it stops, then closes `database` (whether the group failed or not).
    @inline(never)
    private static func run(_ group: ServiceGroup, closing database: any DatabaseClient) async throws {
        let outcome: Result<Void, any Error>
        do {
            try await group.run()
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        do {
            try await database.close()
        } catch {
            try outcome.get()
            throw error
        }
        try outcome.get()
    }
}

/// Opening and migrating the database, shared by `serve` and `migrate`.
enum ServerDatabase {
    /// Opens the database `options` select (PostgreSQL for a `postgres://` URL from
    /// `--database-url` or `DATABASE_URL`, else the SQLite file) and applies pending schema
    /// changes, printing each one.
    static func open(app: GeneratedApp, options: AppOptions, logger: Logger) async throws -> any DatabaseClient {
        let database = try await connect(options: options, logger: logger)
        return try await migrate(database, app: app, description: options.databaseDescription, logger: logger)
    }

    /// Opens the database `options` select without changing its schema, its pool (PostgreSQL)
    /// running until `close()`; a PostgreSQL server must answer within the URL's `connect_timeout`.
    static func connect(options: AppOptions, logger: Logger) async throws -> any DatabaseClient {
        let database = try client(options: options, logger: logger)
        if let pooled = database as? any PooledDatabase { pooled.start() }
        try await check(database, description: options.databaseDescription)
        return database
    }

    /// The database `options` select (PostgreSQL for a `postgres://` URL from `--database-url`
    /// or `DATABASE_URL`, else the SQLite file), a PostgreSQL pool not yet running: `serve` runs
    /// it in its `ServiceGroup`.
    @inline(never)
    static func client(options: AppOptions, logger: Logger) throws -> any DatabaseClient {
        if let url = options.resolvedDatabaseURL {
            return PostgresDatabase(settings: try PostgresConnectionSettings(url: url), logger: logger)
        }
        return try SQLiteDatabase(path: options.resolvedDatabasePath, logger: logger)
    }

    /// Checks that `database` answers; closes it and explains when it does not.
    static func check(_ database: any DatabaseClient, description: String) async throws {
        do {
            try await database.ping()
        } catch {
            try? await database.close()
            throw ValidationError("cannot reach the database at \(description): \(error)")
        }
    }

    /// Applies pending schema changes to an open database; closes it and explains when refused.
    static func migrate(_ database: any DatabaseClient, app: GeneratedApp, description path: String, logger: Logger) async throws -> any DatabaseClient {
        do {
            // The driver logs every applied step; say so too when there was nothing to do.
            let report = try await database.migrate(to: app.schema)
            for warning in report.warnings { logger.warning("migration warning: \(warning)") }
            if report.applied.isEmpty { logger.info("database \(path) is up to date") }
            return database
        } catch let error as MigrationError {
            try? await database.close()
            throw ValidationError("cannot migrate \(path): \(error.message)")
        }
    }
}
