import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator
@testable import loom

/// Regenerates every app of the repository in memory and compares with `Generated/`.
@Suite("Reference: Generated/ matches Schemas/ and Templates/")
struct ReferenceTests {
    @Test("every generated file matches the checked-in file byte for byte")
    func generatedIsCurrent() throws {
        let workspace = Fixtures.workspace
        let outcome = try Generator.generate(
            schemaFiles: try workspace.schemaFiles(), templates: try workspace.templates(), migrationFiles: try workspace.migrationFiles())
        guard case .generated(let files, _) = outcome else {
            Issue.record("the repository's schemas have diagnostics: \(outcome)")
            return
        }
        let changes = try workspace.changes(for: files)
        for change in changes {
            Issue.record("\(change.path) is stale (\(change.kind.rawValue)); run `swift run loom generate`:\n\(diff(change))")
        }
        #expect(files.contains { $0.path == "Generated/Tracker/openapi.json" })
        #expect(files.contains { $0.path == "Generated/Eventflow/Tables/Eventflow.Events.swift" })
    }

    @Test("generation is deterministic")
    func deterministic() throws {
        let workspace = Fixtures.workspace
        let first = try Generator.generate(
            schemaFiles: try workspace.schemaFiles(), templates: try workspace.templates(), migrationFiles: try workspace.migrationFiles())
        let second = try Generator.generate(
            schemaFiles: try workspace.schemaFiles(), templates: try workspace.templates(), migrationFiles: try workspace.migrationFiles())
        guard case .generated(let a, _) = first, case .generated(let b, _) = second else {
            Issue.record("generation failed")
            return
        }
        #expect(a == b)
    }

    @Test("a document equal to the published one is not validated again, and the output is the same either way")
    func publishedDocumentsSkipValidation() throws {
        let workspace = Fixtures.workspace
        let published = try workspace.publishedDocuments()
        #expect(published.keys.contains("Generated/Tracker/openapi.json"))
        let validated = try Generator.generate(
            schemaFiles: try workspace.schemaFiles(), templates: try workspace.templates(), migrationFiles: try workspace.migrationFiles())
        let skipped = try Generator.generate(
            schemaFiles: try workspace.schemaFiles(), templates: try workspace.templates(), migrationFiles: try workspace.migrationFiles(),
            publishedDocuments: published)
        guard case .generated(let a, _) = validated, case .generated(let b, _) = skipped else {
            Issue.record("generation failed")
            return
        }
        #expect(a == b)
        // A published text that differs (an edited or stale file) is no reason to skip.
        let schemas = try #require(SchemaParser.parse(try workspace.schemaFiles()).schemas)
        let app = try #require(schemas.apps.first { $0.config.name == "tracker" })
        #expect(try OpenAPIBuilder.document(for: app, published: "{}") == (try OpenAPIBuilder.document(for: app)))
    }

    /// `diff -u` between the checked-in file and the regenerated content.
    private func diff(_ change: Workspace.Change) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-reference-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let expected = directory.appendingPathComponent("regenerated")
        try? Data((change.contents ?? "").utf8).write(to: expected)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["diff", "-u", Fixtures.root.appendingPathComponent(change.path).path, expected.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return "(diff unavailable)" }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output.prefix(20_000), as: UTF8.self)
    }
}
