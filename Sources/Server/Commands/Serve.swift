import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Runtime

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
        let database = try await ServerDatabase.open(app: app, path: options.resolvedDatabasePath, logger: logger)
        let application = LoomServer.buildApplication(app: app, database: database, host: host, port: port, logger: logger)
        logger.info("serving \(options.app) on http://\(host):\(port) (docs: /docs, database: \(options.resolvedDatabasePath))")
        do {
            try await application.runService()
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }
}

/// `loom-server migrate`: bring the database schema up to date and print what was applied.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database schema of the app, then exit.")

    @OptionGroup var options: AppOptions

    func run() async throws {
        let logger = Logger(label: "loom")
        let app = try AppCatalog.app(named: options.app)
        let database = try await ServerDatabase.open(app: app, path: options.resolvedDatabasePath, logger: logger)
        try await database.close()
    }
}

/// Opening and migrating the database, shared by `serve` and `migrate`.
enum ServerDatabase {
    /// Opens the SQLite file and applies pending schema changes, printing each one.
    static func open(app: GeneratedApp, path: String, logger: Logger) async throws -> any DatabaseClient {
        let database = try SQLiteDatabase(path: path, logger: logger)
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
