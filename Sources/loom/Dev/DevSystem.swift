import Foundation

/// The real clock.
struct SystemDevClock: DevClock {
    var now: Date { Date() }
    func sleep(seconds: Double) { Thread.sleep(forTimeInterval: seconds) }
}

/// The watched folders on disk.
struct DiskDevWatcher: DevWatcher {
    let root: URL
    let folders: [String]
    func snapshot() -> SourceSnapshot { SourceSnapshot(root: root, folders: folders) }
}

/// `loom generate` in this process: its diagnostics and its summary become the loop's lines.
struct WorkspaceDevGenerator: DevGenerator {
    let root: URL
    func generate() -> (succeeded: Bool, output: [String]) {
        do {
            let report = try Generate.run(root: root, check: false)
            return (!report.failed, report.errors + report.lines)
        } catch {
            return (false, ["loom generate failed: \(error)"])
        }
    }
}
