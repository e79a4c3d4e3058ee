import Foundation

/// The cycle behind `loom dev`: look at the files; on a change wait until the saves settle,
/// regenerate (schemas and templates), rebuild `loom-server` and restart it, reporting each
/// step and the time from the save to serving.
///
/// A working build is never left unserved: a failed generation or build leaves the running
/// server alone, and a new build that does not start brings the previous binary back.
/// Every side effect goes through `DevSeams`, so tests run the loop in milliseconds.
struct DevLoop {
    /// Folders whose changes need a regeneration before the build.
    static let schemaFolders = ["Schemas", "Templates"]
    /// Every folder watched: the schema folders, and handwritten code (rebuild only).
    static let watchedFolders = schemaFolders + ["Sources"]

    private let seams: DevSeams
    /// Seconds between looks at the files.
    let interval: Double
    /// Seconds between looks while saves are still arriving: the cycle starts once two looks
    /// this far apart agree, so a burst of saves makes one rebuild.
    let settle: Double

    /// The files as last built.
    private(set) var snapshot = SourceSnapshot()
    /// The binary serving now (the last one that started) and where, if any.
    private(set) var running: (binary: URL, address: String)?
    /// The binary serving now, if any.
    var serving: URL? { running?.binary }
    /// Set when a generation failed, so the next cycle regenerates whatever changed.
    private var generationPending = false

    init(seams: DevSeams, interval: Double = 0.5, settle: Double = 0.15) {
        self.seams = seams
        self.interval = interval
        self.settle = settle
    }

    /// Runs until the process is interrupted.
    mutating func run() -> Never {
        start()
        while true {
            seams.clock.sleep(seconds: interval)
            poll()
        }
    }

    /// The first look and the first cycle (generate, build, start).
    mutating func start() {
        snapshot = seams.watcher.snapshot()
        say("loom dev: watching \(Self.watchedFolders.joined(separator: ", ")) (\(snapshot.files.count) files); Ctrl-C stops")
        cycle(regenerate: true, saved: seams.clock.now, trigger: "the start")
    }

    /// One look at the files; when something changed, waits for the saves to settle and runs
    /// one cycle. Returns whether a cycle ran.
    @discardableResult
    mutating func poll() -> Bool {
        if running != nil, let exit = seams.launcher.takeExit() {
            // Not started again here: a server that crashes at once would be restarted forever.
            running = nil
            say("")
            say("the server \(exit) (its output is above); nothing is serving; save a file to rebuild and start it again")
        }
        var next = seams.watcher.snapshot()
        guard next != snapshot else { return false }
        while true {
            seams.clock.sleep(seconds: settle)
            let settled = seams.watcher.snapshot()
            if settled == next { break }
            next = settled
        }
        let changed = snapshot.changes(to: next)
        let saved = next.lastModified(of: changed, notAfter: seams.clock.now)
        snapshot = next
        guard !changed.isEmpty else { return false }
        say("")
        say("changed: " + changed.prefix(5).joined(separator: ", ") + (changed.count > 5 ? " and \(changed.count - 5) more" : ""))
        let regenerate = generationPending || changed.contains { path in Self.schemaFolders.contains { path.hasPrefix($0 + "/") } }
        cycle(regenerate: regenerate, saved: saved, trigger: "the save")
        return true
    }

    /// Regenerates (when asked), rebuilds and restarts; a failing step prints its errors and
    /// leaves the running server alone.
    /// `trigger` names the moment the reported time runs from (`the save`).
    private mutating func cycle(regenerate: Bool, saved: Date, trigger: String) {
        var steps: [String] = []
        if regenerate {
            say("regenerating...")
            let started = seams.clock.now
            let generation = seams.generator.generate()
            generation.output.forEach(say)
            guard generation.succeeded else {
                generationPending = true
                say("generation failed (diagnostics above); " + stillServing)
                return
            }
            generationPending = false
            steps.append("generate " + Self.seconds(since: started, seams.clock.now))
        }
        say("rebuilding...")
        let built = seams.clock.now
        switch seams.builder.build(keeping: serving) {
        case .failed(let errors):
            errors.forEach(say)
            say("build failed (errors above); " + stillServing)
        case .built(let binary):
            let buildTime = Self.seconds(since: built, seams.clock.now)
            say("built in \(buildTime)")
            steps.append("build " + buildTime)
            restart(with: binary, saved: saved, trigger: trigger, steps: steps)
        }
    }

    /// Stops the old server and starts `binary`; when it does not start, starts the old one again.
    private mutating func restart(with binary: URL, saved: Date, trigger: String, steps: [String]) {
        say("restarting...")
        let started = seams.clock.now
        seams.launcher.stop()
        switch seams.launcher.start(binary) {
        case .serving(let address):
            let steps = steps + ["start " + Self.seconds(since: started, seams.clock.now)]
            running = (binary, address)
            say("serving at \(address) after \(Self.seconds(since: saved, seams.clock.now)) from \(trigger) (\(steps.joined(separator: ", ")))")
        case .failed(let reason):
            say("the new build did not start: \(reason)")
            guard let previous = serving else {
                running = nil
                say("nothing is serving; fix the cause and save again")
                return
            }
            say("starting the previous build again...")
            switch seams.launcher.start(previous) {
            case .serving(let address):
                running = (previous, address)
                say("serving the previous build at \(address) again; fix the cause and save again")
            case .failed(let reason):
                running = nil
                say("the previous build did not start either: \(reason); nothing is serving; fix the cause and save again")
            }
        }
    }

    /// The end of a failure line: what is still serving.
    private var stillServing: String {
        running.map { "still serving the last good build at \($0.address)" } ?? "nothing is serving yet"
    }

    private func say(_ line: String) { seams.output(line) }

    /// `1.2 s`.
    static func seconds(since start: Date, _ end: Date) -> String {
        String(format: "%.1f s", max(0, end.timeIntervalSince(start)))
    }
}
