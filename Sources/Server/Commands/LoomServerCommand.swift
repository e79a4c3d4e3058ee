import ArgumentParser
import Generated

/// `loom-server`: serves one generated app (the default app unless `--app` names another).
struct LoomServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loom-server",
        abstract: "Serve a Loom app over HTTP on SQLite.",
        subcommands: [Serve.self, Migrate.self],
        defaultSubcommand: Serve.self)
}

/// Options shared by every command: which app, which database.
struct AppOptions: ParsableArguments {
    @Option(help: "The app to serve (a directory of Schemas/). Default: the defaultApp of Schemas/loom.json.")
    var app: String = LoomProject.defaultApp

    @Option(help: "SQLite database file. Default: ./data/<app>.sqlite (created on first start).")
    var databasePath: String?

    /// The database file to open.
    var resolvedDatabasePath: String { databasePath ?? "data/\(app).sqlite" }

    func validate() throws {
        guard AppCatalog.names.contains(app) else {
            throw ValidationError("unknown app \"\(app)\"; available: \(AppCatalog.names.joined(separator: ", "))")
        }
    }
}
