import ArgumentParser
import Foundation

/// `loom dev`: regenerate, rebuild and restart the server on every save.
///
/// Watches `Schemas/` and `Templates/` (regenerate, then rebuild) and `Sources/` (rebuild only).
/// A schema with errors prints its diagnostics and leaves the running server as it was; a
/// build that fails prints the compiler's errors the same way. The server keeps its database
/// across restarts (the app's SQLite file, or `--database-url`), so data survives each change.
struct Dev: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch Schemas/, Templates/ and Sources/; regenerate, rebuild and restart loom-server on every save.",
        discussion: """
            Prints the diagnostics of a failed generation or build and keeps the last good server \
            running. Each restart reports the time from the save to serving. Stop with Ctrl-C.
            """)

    @Option(help: "The app to serve (default: Schemas/loom.json's defaultApp).")
    var app: String?

    @Option(help: "Port the server listens on.")
    var port: Int = 8080

    @Option(help: "SQLite file (default: data/<app>.sqlite, kept across restarts).")
    var databasePath: String?

    @Option(help: "PostgreSQL URL instead of SQLite.")
    var databaseURL: String?

    @Option(help: "Seconds between looks at the files.")
    var interval: Double = 0.5

    @Option(help: "Repository root holding Schemas/, Templates/, Sources/ and Generated/.")
    var root: String = FileManager.default.currentDirectoryPath

    func run() throws {
        let root = URL(fileURLWithPath: root)
        var loop = DevLoop(root: root, serverArguments: serverArguments(), port: port, interval: interval)
        try loop.run()
    }

    /// `serve` and its options, as the restarted server gets them.
    private func serverArguments() -> [String] {
        var arguments = ["serve", "--port", String(port), "--log-level", "notice"]
        if let app { arguments += ["--app", app] }
        if let databasePath { arguments += ["--database-path", databasePath] }
        if let databaseURL { arguments += ["--database-url", databaseURL] }
        return arguments
    }
}
