import Foundation
import Testing

@testable import loom

/// What `loom dev` notices: a file added, saved (size or time changed) or removed under the watched
/// folders, and nothing else (hidden files, other folders).
@Suite("loom dev: watching files")
struct SourceSnapshotTests {
    @Test("added, saved and removed files are changes; hidden files and unwatched folders are not")
    func changes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let manager = FileManager.default
        for folder in ["Schemas/blog/tables", "Templates", "Elsewhere"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        func write(_ path: String, _ text: String) throws { try Data(text.utf8).write(to: root.appendingPathComponent(path)) }
        try write("Schemas/blog/app.json", "{}")
        try write("Templates/app.mustache", "a")
        let folders = ["Schemas", "Templates"]
        let first = SourceSnapshot(root: root, folders: folders)
        #expect(first.files.keys.sorted() == ["Schemas/blog/app.json", "Templates/app.mustache"])
        #expect(first.changes(to: SourceSnapshot(root: root, folders: folders)).isEmpty)

        try write("Schemas/blog/tables/notes.json", "{}")
        try write("Schemas/blog/.notes.json.swp", "x")
        try write("Elsewhere/file.txt", "x")
        try write("Templates/app.mustache", "ab")
        try manager.removeItem(at: root.appendingPathComponent("Schemas/blog/app.json"))
        let second = SourceSnapshot(root: root, folders: folders)
        #expect(first.changes(to: second) == ["Schemas/blog/app.json", "Schemas/blog/tables/notes.json", "Templates/app.mustache"])
    }
}
