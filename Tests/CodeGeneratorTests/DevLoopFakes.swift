import Foundation

@testable import loom

/// A clock that moves only when the loop sleeps or a fake step takes time.
final class FakeDevClock: DevClock {
    var now = Date(timeIntervalSince1970: 1_800_000_000)
    func sleep(seconds: Double) { advance(seconds) }
    func advance(_ seconds: Double) { now = now.addingTimeInterval(seconds) }
}

/// Files as the test saves them: each look returns the next queued snapshot, then the last one.
final class FakeDevWatcher: DevWatcher {
    private let clock: FakeDevClock
    private var current: [String: SourceSnapshot.Stamp]
    private var queued: [SourceSnapshot] = []

    init(clock: FakeDevClock, files: [String]) {
        self.clock = clock
        current = Dictionary(uniqueKeysWithValues: files.map { ($0, SourceSnapshot.Stamp(size: 10, modified: clock.now)) })
    }

    /// Saves `path` at the clock's time plus `offset`, and queues the result as one look.
    func save(_ path: String, offset: Double = 0) {
        let size = (current[path]?.size ?? 0) + 1
        current[path] = SourceSnapshot.Stamp(size: size, modified: clock.now.addingTimeInterval(offset))
        queued.append(SourceSnapshot(files: current))
    }

    func snapshot() -> SourceSnapshot {
        return queued.isEmpty ? SourceSnapshot(files: current) : queued.removeFirst()
    }
}

/// A generator that succeeds (or prints the queued diagnostics) and takes 1.5 s.
final class FakeDevGenerator: DevGenerator {
    private let clock: FakeDevClock
    /// Results to return, first first; then success.
    var results: [(succeeded: Bool, output: [String])] = []
    private(set) var runs = 0

    init(clock: FakeDevClock) { self.clock = clock }

    func generate() -> (succeeded: Bool, output: [String]) {
        runs += 1
        clock.advance(1.5)
        return results.isEmpty ? (true, ["Generated/ is up to date (3 files, 1 apps; 1.5 s)."]) : results.removeFirst()
    }
}

/// A builder whose builds take 4 s and are numbered (`/builds/1`, ...), or fail as queued.
final class FakeDevBuilder: DevBuilder {
    private let clock: FakeDevClock
    /// Failures to return, first first (`nil`: a good build).
    var failures: [[String]?] = []
    /// The binary each build was asked to keep.
    private(set) var kept: [URL?] = []
    private var number = 0

    init(clock: FakeDevClock) { self.clock = clock }

    func build(keeping current: URL?) -> DevBuildResult {
        kept.append(current)
        clock.advance(4)
        if !failures.isEmpty, let errors = failures.removeFirst() { return .failed(errors) }
        number += 1
        return .built(URL(fileURLWithPath: "/builds/\(number)"))
    }
}

/// A server launcher recording each stop and start; starting takes 0.3 s; binaries named in
/// `failing` do not start.
final class FakeDevLauncher: DevServerLauncher {
    private let clock: FakeDevClock
    /// Binary path → why it does not start.
    var failing: [String: String] = [:]
    /// `stop`, `start /builds/1`, ...
    private(set) var events: [String] = []
    /// The binary serving now.
    private(set) var running: String?

    init(clock: FakeDevClock) { self.clock = clock }

    func start(_ binary: URL) -> DevLaunchResult {
        events.append("start \(binary.path)")
        clock.advance(0.3)
        if let reason = failing[binary.path] { return .failed(reason) }
        running = binary.path
        return .serving("http://127.0.0.1:8080")
    }

    func stop() {
        events.append("stop")
        running = nil
    }

    /// Set by a test: the running server ended on its own like this.
    var exit: String?

    func takeExit() -> String? {
        defer { exit = nil }
        if exit != nil { running = nil }
        return exit
    }
}

/// One loop with fakes on every seam, and the lines it printed.
final class DevLoopHarness {
    let clock = FakeDevClock()
    let watcher: FakeDevWatcher
    let generator: FakeDevGenerator
    let builder: FakeDevBuilder
    let launcher: FakeDevLauncher
    private(set) var lines: [String] = []
    var loop: DevLoop!

    init(generator custom: (any DevGenerator)? = nil) {
        watcher = FakeDevWatcher(clock: clock, files: ["Schemas/blog/app.json", "Schemas/blog/tables/notes.json", "Sources/Server/Main.swift"])
        generator = FakeDevGenerator(clock: clock)
        builder = FakeDevBuilder(clock: clock)
        launcher = FakeDevLauncher(clock: clock)
        let seams = DevSeams(
            clock: clock, watcher: watcher, generator: custom ?? generator, builder: builder, launcher: launcher,
            output: { [unowned self] in self.lines.append($0) })
        loop = DevLoop(seams: seams, interval: 0.5, settle: 0.5)
    }

    /// One look of the loop (and a cycle when something changed); whether a cycle ran.
    func poll() -> Bool { loop.poll() }

    /// The lines printed since the last call.
    func take() -> [String] {
        defer { lines = [] }
        return lines
    }
}
