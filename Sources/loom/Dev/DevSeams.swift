import Foundation

/// Time as `loom dev` sees it: the real clock, or a test's clock that moves only when told.
protocol DevClock {
    /// The current time.
    var now: Date { get }
    /// Waits `seconds` (a test clock just moves on).
    func sleep(seconds: Double)
}

/// The watched files, looked at once per call.
protocol DevWatcher {
    /// Every watched file with its size and modification time.
    func snapshot() -> SourceSnapshot
}

/// Regenerates `Generated/` from `Schemas/` and `Templates/`.
protocol DevGenerator {
    /// Whether it succeeded, and what to show (diagnostics, the files written).
    func generate() -> (succeeded: Bool, output: [String])
}

/// What a build produced.
enum DevBuildResult: Equatable {
    /// A binary that may be started, kept where the next build does not overwrite it.
    case built(URL)
    /// The build failed; the compiler's errors.
    case failed([String])
}

/// Builds `loom-server`.
protocol DevBuilder {
    /// Builds incrementally and keeps the new binary apart from `current` (the one serving), so
    /// `current` can be started again when the new one does not start.
    func build(keeping current: URL?) -> DevBuildResult
}

/// What starting a server came to.
enum DevLaunchResult: Equatable {
    /// It answers its readiness probe at this address.
    case serving(String)
    /// It exited, could not be started, or did not become ready in time (it was stopped).
    case failed(String)
}

/// Starts and stops the one server `loom dev` runs.
protocol DevServerLauncher {
    /// Starts `binary` and waits until it is ready or has failed.
    func start(_ binary: URL) -> DevLaunchResult
    /// Stops the running server, if any, and waits for it to exit.
    func stop()
    /// How the last started server ended when it exited on its own (`exited with status 1`),
    /// once; `nil` while it runs or after `stop()`.
    func takeExit() -> String?
}

/// Every side effect of the loop, so tests replace them all.
struct DevSeams {
    /// Times the steps and paces the looks.
    var clock: any DevClock
    /// Looks at the watched files.
    var watcher: any DevWatcher
    /// Regenerates `Generated/`.
    var generator: any DevGenerator
    /// Builds `loom-server`.
    var builder: any DevBuilder
    /// Starts and stops the server.
    var launcher: any DevServerLauncher
    /// Where the loop's lines go (standard output, or a test's list).
    var output: (String) -> Void
}
