import ArgumentParser
import Foundation
import Generated
import Runtime

/// `loom-server`: serves one generated app (the default app unless `--app` names another).
struct LoomServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loom-server",
        abstract: "Serve a Loom app over HTTP on SQLite or PostgreSQL.",
        subcommands: [Serve.self, Migrate.self, CreateAdmin.self, SetRole.self, APIKeyCommand.self, WebhooksCommand.self],
        defaultSubcommand: Serve.self)
}

/// Options shared by every command: which app, which database.
struct AppOptions: ParsableArguments {
    @Option(help: "The app to serve (a directory of Schemas/). Default: the defaultApp of Schemas/loom.json.")
    var app: String = LoomProject.defaultApp

    @Option(help: "SQLite database file. Default: ./data/<app>.sqlite (created on first start).")
    var databasePath: String?

    @Option(help: "PostgreSQL URL (postgres://user:password@host:5432/database?schema=name&pool_size=20). Default: $DATABASE_URL; without either, SQLite at --database-path.")
    var databaseURL: String?

    /// The database file to open.
    var resolvedDatabasePath: String { databasePath ?? "data/\(app).sqlite" }

    /// Where a SQLite-backed server keeps a generated token-signing secret when the app's secret
    /// variable is unset (`<database>.jwt-secret`); `nil` on PostgreSQL, where the variable is
    /// required because several instances must share it.
    var developmentSecretFile: URL? {
        resolvedDatabaseURL == nil ? URL(fileURLWithPath: resolvedDatabasePath + ".jwt-secret") : nil
    }

    /// The PostgreSQL URL to use, from `--database-url` or `DATABASE_URL`, or `nil` for SQLite.
    var resolvedDatabaseURL: String? {
        let url = databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"]
        return url.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Where the data lives, for messages (never shows a password).
    var databaseDescription: String {
        resolvedDatabaseURL.map(PostgresConnectionSettings.redacted) ?? resolvedDatabasePath
    }

    func validate() throws {
        if let url = resolvedDatabaseURL {
            guard PostgresConnectionSettings.isPostgresURL(url) else {
                throw ValidationError("database URL must start with postgres:// (SQLite is chosen with --database-path), got \(PostgresConnectionSettings.redacted(url))")
            }
            do {
                _ = try PostgresConnectionSettings(url: url)
            } catch {
                throw ValidationError(error.message)
            }
        }
        guard AppCatalog.names.contains(app) else {
            throw ValidationError("unknown app \"\(app)\"; available: \(AppCatalog.names.joined(separator: ", "))")
        }
    }
}
