import Foundation

/// `swift build --product loom-server`, incremental, showing where it is while it runs (SwiftPM's
/// step line, at most one every few seconds: `BuildProgress`) and, when it fails, what went
/// wrong. The new binary is copied to `.build/loom-dev/` (two slots, taking the one the serving
/// binary does not hold), because the next build overwrites SwiftPM's own and the previous binary
/// must be startable when a new one does not start.
struct SwiftDevBuilder: DevBuilder {
    /// The repository root (the package).
    let root: URL
    /// Options every `swift build` gets (`loom dev --build-option`): a tree built with
    /// `--enable-code-coverage`, say, is rebuilt incrementally only with the same options.
    var options: [String] = []
    /// Told the progress lines `BuildProgress` picks while the build runs.
    var progress: (String) -> Void = { _ in }

    /// The incremental build of the server.
    var buildCommand: [String] { ["swift", "build", "--product", "loom-server"] + options }

    /// Where that build puts its products (with the same options: a configuration moves it).
    var binPathCommand: [String] { ["swift", "build", "--show-bin-path"] + options }

    func build(keeping current: URL?) -> DevBuildResult {
        var shown = BuildProgress()
        let result = Self.run(buildCommand, in: root) { line in
            if let step = shown.line(line, at: Date()) { progress(step) }
        }
        guard result.status == 0 else { return .failed(Self.errors(in: result.output)) }
        let path = Self.run(binPathCommand, in: root).output.trimmingCharacters(in: .whitespacesAndNewlines)
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

    /// Runs a command to its end; its exit status and its output and errors together. `lines`
    /// is told each line as it arrives.
    static func run(_ arguments: [String], in directory: URL, lines: (String) -> Void = { _ in }) -> (status: Int32, output: String) {
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
        var data = Data(), pending = Data()
        while case let chunk = pipe.fileHandleForReading.availableData, !chunk.isEmpty {
            data.append(chunk)
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                lines(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                pending.removeSubrange(pending.startIndex...newline)
            }
        }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Which lines of a build's output `loom dev` shows while the build runs: SwiftPM's step lines
/// (`[412/1016] Compiling Runtime Pattern.swift`), the first at once and then at most one per
/// `interval`, so a long build says where it is without a line per file.
struct BuildProgress {
    let interval: TimeInterval
    private var lastShown: Date?

    init(interval: TimeInterval = 5) {
        self.interval = interval
    }

    /// The line to show for `line`, read at `now`, or `nil`.
    mutating func line(_ line: String, at now: Date) -> String? {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
        let counts = line[line.index(after: line.startIndex)..<close].split(separator: "/")
        guard counts.count == 2, counts.allSatisfy({ Int($0) != nil }) else { return nil }
        if let lastShown, now.timeIntervalSince(lastShown) < interval { return nil }
        lastShown = now
        return "  building " + line
    }
}
