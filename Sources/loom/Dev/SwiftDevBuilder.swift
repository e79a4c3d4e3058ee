import Foundation

/// `swift build --product loom-server`, incremental, printing only what went wrong. The new
/// binary is copied to `.build/loom-dev/` (two slots, taking the one the serving binary does not
/// hold), because the next build overwrites SwiftPM's own and the previous binary must be
/// startable when a new one does not start.
struct SwiftDevBuilder: DevBuilder {
    /// The repository root (the package).
    let root: URL

    func build(keeping current: URL?) -> DevBuildResult {
        let result = Self.run(["swift", "build", "--product", "loom-server"], in: root)
        guard result.status == 0 else { return .failed(Self.errors(in: result.output)) }
        let path = Self.run(["swift", "build", "--show-bin-path"], in: root).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let built = URL(fileURLWithPath: path).appendingPathComponent("loom-server")
        let folder = root.appendingPathComponent(".build/loom-dev")
        let slot = ["loom-server-a", "loom-server-b"].map { folder.appendingPathComponent($0) }
            .first { $0.standardizedFileURL != current?.standardizedFileURL }!
        do {
            let manager = FileManager.default
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            if manager.fileExists(atPath: slot.path) { try manager.removeItem(at: slot) }
            try manager.copyItem(at: built, to: slot)
        } catch {
            return .failed(["could not keep a copy of \(built.path) at \(slot.path): \(error)"])
        }
        return .built(slot)
    }

    /// The compiler's error and warning lines, or the output's last 20 lines when it has none
    /// (a resolution or linker failure).
    static func errors(in output: String) -> [String] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let diagnostics = lines.filter { $0.contains("error:") || $0.contains("warning:") }
        return diagnostics.isEmpty ? Array(lines.filter { !$0.isEmpty }.suffix(20)) : diagnostics
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
