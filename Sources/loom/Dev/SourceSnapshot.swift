import Foundation

/// What `loom dev` watches: every regular file under some folders, by path, with its size and
/// modification time. Two snapshots differ exactly when a file was added, removed or saved.
struct SourceSnapshot: Equatable {
    /// A file's size and modification time.
    struct Stamp: Equatable {
        var size: Int
        var modified: Date
    }

    /// Stamps by path relative to the root.
    private(set) var files: [String: Stamp] = [:]

    /// A snapshot of the given files (tests), or of none.
    init(files: [String: Stamp] = [:]) {
        self.files = files
    }

    /// The files under `folders` (relative to `root`), hidden files and `.build` skipped.
    init(root: URL, folders: [String]) {
        let manager = FileManager.default
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let enumerator = manager.enumerator(
                at: base, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey],
                options: [.skipsHiddenFiles])
            else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]),
                    values.isRegularFile == true
                else { continue }
                let path = folder + "/" + url.path.dropFirst(base.path.count + 1)
                files[path] = Stamp(size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast)
            }
        }
    }

    /// When the last of `paths` was saved: their latest modification time, never later than
    /// `now` (a clock skew), and `now` when none of them is here any more (all removed).
    func lastModified(of paths: [String], notAfter now: Date) -> Date {
        min(paths.compactMap { files[$0]?.modified }.max() ?? now, now)
    }

    /// Paths added, removed or changed between `self` and `newer`, sorted.
    func changes(to newer: SourceSnapshot) -> [String] {
        Set(files.keys).union(newer.files.keys).filter { files[$0] != newer.files[$0] }.sorted()
    }
}
