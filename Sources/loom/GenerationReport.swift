import Foundation

/// What one `loom generate` run did, as lines: the diagnostics (standard error) and a short
/// progress summary (standard output). `loom generate` prints it; `loom dev` prints it between
/// its own lines. Times are passed in, so the text is deterministic where tests compare it.
struct GenerationReport: Equatable {
    /// Files of one app (`Generated/<App>/...`, or the project's own files at `Generated/`'s top).
    struct AppCount: Equatable {
        /// `Tracker`, or `(project)` for `Generated/LoomProject.swift`.
        var name: String
        var written = 0
        var removed = 0
        var unchanged = 0
        /// Whether anything of this app changed on disk (or is stale, for `--check`).
        var changed: Bool { written + removed > 0 }
    }

    /// Diagnostics and refusals, for standard error.
    var errors: [String] = []
    /// Progress and the summary, for standard output.
    var lines: [String] = []
    /// Whether the run failed (diagnostics with errors, stale files under `--check`).
    var failed = false

    /// Counts per app, in path order: a file at `Generated/<App>/...` belongs to `<App>`.
    static func counts(generated paths: [String], changes: [Workspace.Change]) -> [AppCount] {
        var counts: [String: AppCount] = [:]
        func app(of path: String) -> String {
            let parts = path.split(separator: "/")
            return parts.count > 2 ? String(parts[1]) : "(project)"
        }
        let changed = Dictionary(changes.map { ($0.path, $0.kind) }, uniquingKeysWith: { first, _ in first })
        for path in paths {
            let name = app(of: path)
            var count = counts[name] ?? AppCount(name: name)
            if changed[path] == nil { count.unchanged += 1 } else { count.written += 1 }
            counts[name] = count
        }
        for change in changes where change.kind == .removed {
            let name = app(of: change.path)
            counts[name, default: AppCount(name: name)].removed += 1
        }
        return counts.values.sorted { $0.name < $1.name }
    }

    /// The summary of a generation that wrote `changes`: one line per app that changed (so an
    /// unchanged run prints one line, however many apps there are), then the total with the time.
    static func written(_ counts: [AppCount], seconds: Double) -> [String] {
        let files = counts.reduce(0) { $0 + $1.written + $1.unchanged }
        let changed = counts.filter(\.changed)
        var lines = changed.map { count in
            var parts = ["\(count.written) written"]
            if count.removed > 0 { parts.append("\(count.removed) removed") }
            parts.append("\(count.unchanged) unchanged")
            return "  \(count.name): " + parts.joined(separator: ", ")
        }
        // Apps generated now; an app whose files were all removed is gone.
        let apps = counts.filter { $0.name != "(project)" && $0.written + $0.unchanged > 0 }.count
        let time = String(format: "%.1f s", seconds)
        if changed.isEmpty {
            lines.append("Generated/ is up to date (\(files) files, \(apps) apps; \(time)).")
        } else {
            let touched = changed.reduce(0) { $0 + $1.written + $1.removed }
            lines.append("Updated \(touched) of \(files) generated files (\(apps) apps; \(time)).")
        }
        return lines
    }
}
