import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator
@testable import loom

/// The command-line layer: reading a repository, detecting stale files, writing only changes.
@Suite("loom generate: files on disk")
struct WorkspaceTests {
    /// A temporary repository holding the real templates and one small app.
    private func makeRepository() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-workspace-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("Schemas/mini/tables"), withIntermediateDirectories: true)
        try manager.copyItem(at: Fixtures.root.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        for file in Fixtures.schemaFiles(["tables/owners.json": Fixtures.ownersTable]) {
            try Data(file.contents).write(to: root.appendingPathComponent(file.path))
        }
        return root
    }

    private func generate(_ workspace: Workspace) throws -> [OutputFile] {
        let outcome = try Generator.generate(
            schemaFiles: try workspace.schemaFiles(), templates: try workspace.templates(), migrationFiles: try workspace.migrationFiles())
        guard case .generated(let files, _) = outcome else { throw FixtureError(message: "\(outcome)") }
        return files
    }

    @Test("a fresh repository is all additions; after applying, nothing is stale and nothing is rewritten")
    func applyThenCheck() throws {
        let root = try makeRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = Workspace(root: root)
        let files = try generate(workspace)
        let first = try workspace.changes(for: files)
        #expect(first.count == files.count)
        #expect(first.allSatisfy { $0.kind == .added })
        try workspace.apply(first)
        #expect(try workspace.changes(for: try generate(workspace)).isEmpty)
    }

    @Test("check names every stale, missing and orphaned file")
    func staleFiles() throws {
        let root = try makeRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = Workspace(root: root)
        try workspace.apply(try workspace.changes(for: try generate(workspace)))

        try Data("// edited by hand\n".utf8).write(to: root.appendingPathComponent("Generated/Mini/Mini.swift"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("Generated/Mini/openapi.json"))
        try Data("// old\n".utf8).write(to: root.appendingPathComponent("Generated/Mini/Tables/Mini.Removed.swift"))

        let changes = try workspace.changes(for: try generate(workspace))
        let byPath = Dictionary(uniqueKeysWithValues: changes.map { ($0.path, $0.kind) })
        #expect(byPath == [
            "Generated/Mini/Mini.swift": .modified,
            "Generated/Mini/openapi.json": .added,
            "Generated/Mini/Tables/Mini.Removed.swift": .removed,
        ])
    }

    @Test("files of an app no longer generated are removed with the folders they leave empty; Generated/ stays")
    func removedAppLeavesNoFolders() throws {
        let root = try makeRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = Workspace(root: root)
        try workspace.apply(try workspace.changes(for: try generate(workspace)))
        let gone = root.appendingPathComponent("Generated/Gone/Tables")
        try FileManager.default.createDirectory(at: gone, withIntermediateDirectories: true)
        try Data("// old\n".utf8).write(to: gone.appendingPathComponent("Gone.Notes.swift"))
        let changes = try workspace.changes(for: try generate(workspace))
        #expect(changes.map(\.path) == ["Generated/Gone/Tables/Gone.Notes.swift"])
        try workspace.apply(changes)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Generated/Gone").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("Generated/Mini/Tables").path))
    }

    @Test("a schema error stops generation with file, path and message")
    func diagnostics() throws {
        let root = try makeRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        let broken = #"{"name": "owners", "description": "O.", "fields": {"email": {"type": "strng", "description": "E."}}}"#
        try Data(broken.utf8).write(to: root.appendingPathComponent("Schemas/mini/tables/owners.json"))
        let workspace = Workspace(root: root)
        let outcome = try Generator.generate(
            schemaFiles: try workspace.schemaFiles(), templates: try workspace.templates(), migrationFiles: try workspace.migrationFiles())
        guard case .invalid(let diagnostics) = outcome else {
            Issue.record("expected diagnostics")
            return
        }
        let line = try #require(diagnostics.first?.description)
        #expect(line.hasPrefix("Schemas/mini/tables/owners.json: error: unknown field type \"strng\""))
        #expect(line.hasSuffix("[at: fields.email.type]"))
    }

    @Test("a missing template is a generator error naming the file")
    func missingTemplate() throws {
        var templates = try Fixtures.templates()
        templates["table"] = nil
        #expect(throws: GeneratorError.self) {
            try Generator.generate(schemaFiles: Fixtures.schemaFiles(["tables/owners.json": Fixtures.ownersTable]), templates: templates)
        }
    }
}

@Suite("Generator: OpenAPI name clashes are diagnostics")
struct OpenAPIClashTests {
    @Test("a table named like an error component is reported against its schema file")
    func componentClash() throws {
        let table = #"{"name": "problem", "description": "P.", "fields": {"note": {"type": "string", "description": "N.", "required": true}}}"#
        let outcome = try Generator.generate(
            schemaFiles: Fixtures.schemaFiles(["tables/problem.json": table]), templates: Fixtures.templates())
        guard case .invalid(let diagnostics) = outcome else {
            Issue.record("expected a diagnostic, got files")
            return
        }
        let problem = try #require(diagnostics.first { $0.code.hasPrefix("openapi-") })
        #expect(problem.file.hasPrefix("Schemas/mini/"))
        #expect(problem.message.contains("Problem"))
    }
}
