import ArgumentParser
import Foundation
import SchemaModel

/// `loom dev`: regenerate, rebuild and restart the server on every save.
///
/// Watches `Schemas/` and `Templates/` (regenerate, then rebuild) and `Sources/` (rebuild only).
/// A schema with errors prints its diagnostics and leaves the running server as it was; a
/// build that fails prints the compiler's errors the same way; a new build that does not start
/// (it exits, or its readiness probe does not answer 200 within `--ready-timeout`) brings the
/// previous build back. The server keeps its database across restarts (the app's SQLite file,
/// or `--database-url`), so data survives each change.
struct Dev: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch Schemas/, Templates/ and Sources/; regenerate, rebuild and restart loom-server on every save.",
        discussion: """
            Prints each step (regenerating, rebuilding, restarting) with its time, the diagnostics \
            of a failed generation or build, and the time from the save to serving. A failed step \
            keeps the last good server running; a new build that does not start brings the \
            previous one back. Stop with Ctrl-C.
            """)

    @Option(help: "The app to serve (default: Schemas/loom.json's defaultApp).")
    var app: String?

    @Option(help: "Port the server listens on.")
    var port: Int = 8080

    @Option(help: "SQLite file (default: data/<app>.sqlite, kept across restarts).")
    var databasePath: String?

    @Option(help: "PostgreSQL URL instead of SQLite.")
    var databaseURL: String?

    @Option(help: "The server's log level (info shows each migration with its duration, and where it serves).")
    var logLevel: String = "info"

    @Option(help: "Seconds between looks at the files.")
    var interval: Double = 0.5

    @Option(help: "Seconds a new server gets to answer its readiness probe before the previous build is started again.")
    var readyTimeout: Double = 60

    @Option(help: "Repository root holding Schemas/, Templates/, Sources/ and Generated/.")
    var root: String = FileManager.default.currentDirectoryPath

    @Option(
        name: .customLong("build-option"), parsing: .unconditionalSingleValue,
        help: "An option for each `swift build` (repeatable; e.g. --build-option --enable-code-coverage to rebuild a tree built with it).")
    var buildOptions: [String] = []

    func run() throws {
        let root = URL(fileURLWithPath: root)
        let schemas = try? SchemaParser.parse(Workspace(root: root).schemaFiles()).schemas
        let server = ServerProcess(
            arguments: serverArguments(), port: port, root: root,
            readyPath: DevReadiness.path(app: app, schemas: schemas), readyTimeout: readyTimeout)
        let interrupts = server.stopOnInterrupt()
        defer { interrupts.forEach { $0.cancel() } }
        let seams = DevSeams(
            clock: SystemDevClock(), watcher: DiskDevWatcher(root: root, folders: DevLoop.watchedFolders),
            generator: WorkspaceDevGenerator(root: root), builder: builder(root: root), launcher: server,
            output: { Console.line($0) })
        var loop = DevLoop(seams: seams, interval: interval)
        loop.run()
    }

    /// The `swift build` runner, with the `--build-option`s.
    func builder(root: URL) -> SwiftDevBuilder {
        SwiftDevBuilder(root: root, options: buildOptions, progress: { Console.line($0) })
    }

    /// `serve` and its options, as the restarted server gets them.
    private func serverArguments() -> [String] {
        var arguments = ["serve", "--port", String(port), "--log-level", logLevel]
        if let app { arguments += ["--app", app] }
        if let databasePath { arguments += ["--database-path", databasePath] }
        if let databaseURL { arguments += ["--database-url", databaseURL] }
        return arguments
    }
}
