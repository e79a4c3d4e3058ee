import ArgumentParser
import Auth
import Foundation
import Hummingbird
import Logging
import Runtime
import ServiceLifecycle

/// `loom-server serve`: migrate the database, then answer HTTP until SIGINT/SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Migrate the database and serve the app (the default command).")

    @OptionGroup var options: AppOptions

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port: Int = 8080

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() async throws {
        var logger = Logger(label: "loom")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let app = try AppCatalog.app(named: options.app)
        let database = try await ServerDatabase.open(app: app, options: options, logger: logger)
        let auth: AuthService?
        do {
            auth = try await ServerAuth.start(
                app: app, database: database, logger: logger, developmentSecretFile: options.developmentSecretFile)
        } catch {
            try? await database.close()
            throw error
        }
        // LOOM_INLINE_READS=0 sends public key reads through Hummingbird too (benchmark A/B).
        let inlineReads = ProcessInfo.processInfo.environment["LOOM_INLINE_READS"] != "0"
        let application = LoomServer.buildApplication(
            app: app, database: database, host: host, port: port, logger: logger, auth: auth, inlineReads: inlineReads,
            cursors: CursorSecret.codec(app: app, options: options, logger: logger))
        logger.info("serving \(options.app) on http://\(host):\(port) (docs: /docs, database: \(options.databaseDescription))")
        do {
            try await Self.run(application, logger: logger)
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }
}

extension Serve {
    /// How long SIGTERM/SIGINT waits for requests in flight before cancelling them. A client
    /// sending its body slowly (or never finishing it) would otherwise hold shutdown forever.
    static let gracefulShutdownLimit: Duration = .seconds(10)
    /// How long cancelled requests get to end after that, before the service group gives up on them.
    static let cancellationLimit: Duration = .seconds(5)

    /// Runs the server until SIGTERM or SIGINT, then shuts down gracefully within
    /// `gracefulShutdownLimit` + `cancellationLimit`.
    static func run(_ application: some ApplicationProtocol, logger: Logger) async throws {
        var configuration = ServiceGroupConfiguration(
            services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = gracefulShutdownLimit
        configuration.maximumCancellationDuration = cancellationLimit
        try await ServiceGroup(configuration: configuration).run()
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

    /// Opens the database `options` select without changing its schema; a PostgreSQL server
    /// must answer within `PostgresDatabase.pingTimeout`.
    static func connect(options: AppOptions, logger: Logger) async throws -> any DatabaseClient {
        if let url = options.resolvedDatabaseURL {
            let postgres = PostgresDatabase(settings: try PostgresConnectionSettings(url: url), logger: logger)
            do {
                try await postgres.ping()
            } catch {
                try? await postgres.close()
                throw ValidationError("cannot reach PostgreSQL at \(options.databaseDescription): \(error)")
            }
            return postgres
        }
        return try SQLiteDatabase(path: options.resolvedDatabasePath, logger: logger)
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
