import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cycle behind `loom dev`: look at the files, and on a change regenerate (schemas and
/// templates), rebuild `loom-server` and restart it, reporting each step's time.
struct DevLoop {
    /// The repository root.
    let root: URL
    /// `serve ...` as the server is started.
    let serverArguments: [String]
    /// The port those arguments name.
    let port: Int
    /// Seconds between looks at the files.
    let interval: Double

    /// Folders whose changes need a regeneration before the build.
    static let schemaFolders = ["Schemas", "Templates"]
    /// Every folder watched: the schema folders, and handwritten code (rebuild only).
    static let watchedFolders = schemaFolders + ["Sources"]

    private let server = ServerProcess()

    init(root: URL, serverArguments: [String], port: Int, interval: Double) {
        self.root = root
        self.serverArguments = serverArguments
        self.port = port
        self.interval = interval
    }

    /// Runs until interrupted (Ctrl-C or SIGTERM stops the server, then `loom`).
    mutating func run() throws {
        let interrupts = server.stopOnInterrupt()
        defer { interrupts.forEach { $0.cancel() } }
        var snapshot = SourceSnapshot(root: root, folders: Self.watchedFolders)
        Console.line("loom dev: watching \(Self.watchedFolders.joined(separator: ", ")) (\(snapshot.files.count) files); Ctrl-C stops")
        cycle(regenerate: true, since: Date())
        while true {
            Thread.sleep(forTimeInterval: interval)
            var next = SourceSnapshot(root: root, folders: Self.watchedFolders)
            var changed = snapshot.changes(to: next)
            guard !changed.isEmpty else { continue }
            let saved = Date()
            // An editor may write a file in several steps: wait until two looks agree.
            while true {
                Thread.sleep(forTimeInterval: 0.15)
                let settled = SourceSnapshot(root: root, folders: Self.watchedFolders)
                if settled == next { break }
                changed = snapshot.changes(to: settled)
                next = settled
            }
            snapshot = next
            Console.line("\nchanged: " + changed.prefix(5).joined(separator: ", ") + (changed.count > 5 ? " and \(changed.count - 5) more" : ""))
            cycle(regenerate: changed.contains { path in Self.schemaFolders.contains { path.hasPrefix($0 + "/") } }, since: saved)
        }
    }

    /// Regenerates (when asked), rebuilds and restarts; a failing step prints its errors and
    /// leaves the running server alone.
    private func cycle(regenerate: Bool, since saved: Date) {
        var steps: [String] = []
        if regenerate {
            let started = Date()
            do {
                let generate = try Generate.parse(["--root", root.path])
                try generate.run()
            } catch {
                Console.line("generation failed (diagnostics above); the server keeps running the last good build")
                return
            }
            steps.append(String(format: "generate %.1f s", Date().timeIntervalSince(started)))
        }
        let built = Date()
        guard let binary = build() else {
            Console.line("build failed (errors above); the server keeps running the last good build")
            return
        }
        steps.append(String(format: "build %.1f s", Date().timeIntervalSince(built)))
        let started = Date()
        guard let port = server.restart(binary: binary, arguments: serverArguments, port: port, root: root) else {
            Console.line("loom-server did not start (see above); fix the cause and save again")
            return
        }
        steps.append(String(format: "start %.1f s", Date().timeIntervalSince(started)))
        Console.line(String(format: "serving on http://127.0.0.1:%d, %.1f s after the save (", port, Date().timeIntervalSince(saved))
            + steps.joined(separator: ", ") + ")")
    }

    /// `swift build --product loom-server`, printing only what went wrong; the binary's path, or
    /// `nil` when the build failed.
    private func build() -> URL? {
        let result = Self.run(["swift", "build", "--product", "loom-server"], in: root)
        guard result.status == 0 else {
            let lines = result.output.split(separator: "\n").filter { $0.contains("error:") || $0.contains("warning:") }
            Console.line((lines.isEmpty ? result.output.split(separator: "\n").suffix(20) : lines[...]).joined(separator: "\n"))
            return nil
        }
        let path = Self.run(["swift", "build", "--show-bin-path"], in: root).output.trimmingCharacters(in: .whitespacesAndNewlines)
        return URL(fileURLWithPath: path).appendingPathComponent("loom-server")
    }

    /// Runs a command to its end; its exit status and its output and errors together.
    static func run(_ arguments: [String], in directory: URL) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return (127, "could not run \(arguments.joined(separator: " ")): \(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
