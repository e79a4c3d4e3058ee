import CodeGenerator
import Foundation
import SchemaModel

/// Reads schema files and templates from the repository and writes generated files.
struct Workspace {
    /// A difference between what the generator produces and what `Generated/` holds.
    struct Change {
        /// What kind of difference.
        enum Kind: String {
            case added = "missing", modified = "differs", removed = "no longer generated"
        }
        var path: String
        var kind: Kind
        var contents: String?
    }

    let root: URL

    /// Every `.json` file under `Schemas/` except the published JSON Schema, sorted.
    func schemaFiles() throws -> [SchemaFile] {
        try files(under: "Schemas", withExtension: "json")
            .filter { $0 != "Schemas/loom-schema.json" }
            .map { SchemaFile(path: $0, contents: Array(try Data(contentsOf: url($0)))) }
    }

    /// Every `Templates/*.mustache`, by stem.
    func templates() throws -> [String: String] {
        var templates: [String: String] = [:]
        for path in try files(under: "Templates", withExtension: "mustache") {
            let stem = String(path.split(separator: "/").last!.dropLast(".mustache".count))
            templates[stem] = try String(contentsOf: url(path), encoding: .utf8)
        }
        return templates
    }

    /// Every file under `Generated/<App>/Migrations/`, by path: the migration history
    /// `loom generate` diffs against and passes through unchanged.
    func migrationFiles() throws -> [String: String] {
        var result: [String: String] = [:]
        for path in try files(under: "Generated", withExtension: nil) where path.split(separator: "/").dropLast().last == "Migrations" {
            result[path] = try String(contentsOf: url(path), encoding: .utf8)
        }
        return result
    }

    /// Every `Generated/<App>/openapi.json`, by path: the documents as last written (and validated).
    func publishedDocuments() throws -> [String: String] {
        var result: [String: String] = [:]
        for path in try files(under: "Generated", withExtension: "json") where path.hasSuffix("/openapi.json") {
            result[path] = try String(contentsOf: url(path), encoding: .utf8)
        }
        return result
    }

    /// Compares generated files with `Generated/` (files there that nothing generates are removals).
    func changes(for files: [OutputFile]) throws -> [Change] {
        var changes: [Change] = []
        let existing = Set(try self.files(under: "Generated", withExtension: nil))
        for file in files {
            let current = try? Data(contentsOf: url(file.path))
            if current == nil {
                changes.append(Change(path: file.path, kind: .added, contents: file.contents))
            } else if current != Data(file.contents.utf8) {
                changes.append(Change(path: file.path, kind: .modified, contents: file.contents))
            }
        }
        let generated = Set(files.map(\.path))
        for path in existing.sorted() where !generated.contains(path) {
            changes.append(Change(path: path, kind: .removed, contents: nil))
        }
        return changes
    }

    /// Writes added and modified files, deletes removed ones and then empty directories.
    func apply(_ changes: [Change]) throws {
        let manager = FileManager.default
        for change in changes {
            let target = url(change.path)
            if let contents = change.contents {
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: target, options: .atomic)
            } else {
                try manager.removeItem(at: target)
                removeEmptyFolders(from: target.deletingLastPathComponent())
            }
        }
    }

    /// Removes `folder` and then its parents while they are empty, up to `Generated/` (kept): an
    /// app removed from `Schemas/` leaves no empty `Generated/<App>/Tables/` behind.
    private func removeEmptyFolders(from folder: URL) {
        let manager = FileManager.default
        let stop = url("Generated").standardizedFileURL.path
        var current = folder.standardizedFileURL
        while current.path.hasPrefix(stop + "/"),
            let entries = try? manager.contentsOfDirectory(atPath: current.path), entries.isEmpty
        {
            guard (try? manager.removeItem(at: current)) != nil else { return }
            current = current.deletingLastPathComponent()
        }
    }

    private func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// Relative paths of regular files under a folder, sorted; hidden files skipped.
    private func files(under folder: String, withExtension fileExtension: String?) throws -> [String] {
        let base = url(folder)
        guard let enumerator = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var result: [String] = []
        for case let file as URL in enumerator {
            guard (try file.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            if let fileExtension, file.pathExtension != fileExtension { continue }
            let relative = file.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)
            result.append(String(relative))
        }
        return result.sorted()
    }
}
