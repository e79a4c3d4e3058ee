import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator
@testable import loom

/// New apps with no Swift edits (issue 23): the generated catalog builds every app, `loom new`
/// scaffolds an app that generates beside the repository's own, and file names never clash.
@Suite("The generated app catalog and loom new")
struct AppCatalogTests {
    /// The repository's schemas plus a scaffolded `blog` app, generated with the real templates.
    private func generateWithScaffold(_ name: String) throws -> [String: String] {
        var schemaFiles = try Fixtures.workspace.schemaFiles()
        for file in AppScaffold(name: name).files {
            schemaFiles.append(SchemaFile(path: file.path, contents: Array(file.contents.utf8)))
        }
        let outcome = try Generator.generate(
            schemaFiles: schemaFiles.sorted { $0.path < $1.path }, templates: Fixtures.templates(),
            migrationFiles: Fixtures.workspace.migrationFiles())
        switch outcome {
        case .generated(let files, let warnings):
            #expect(warnings.isEmpty, "\(warnings)")
            return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
        case .invalid(let diagnostics):
            throw FixtureError(message: diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    @Test("a scaffolded app generates with no diagnostics and joins the catalog without handlers")
    func scaffoldJoinsCatalog() throws {
        let files = try generateWithScaffold("blog")
        let project = try #require(files["Generated/LoomProject.swift"])
        #expect(project.contains(#"case "blog": return Blog.app()"#))
        #expect(project.contains(#"case "tracker": return Tracker.app(handlers: handlers.tracker)"#))
        #expect(project.contains("var tracker: any TrackerHandlers { get }"))
        #expect(!project.contains("var blog"))
        #expect(files["Generated/Blog/Tables/Blog.Notes.swift"] != nil)
        #expect(files["Generated/Blog/Migrations/0001_initial.sqlite.sql"]?.contains("CREATE TABLE \"notes\"") == true)
    }

    @Test("two apps may have tables of the same name: every Swift file name in the target is unique")
    func uniqueFileNames() throws {
        // The layout app has a `notes` table too; SwiftPM refuses two `Notes.swift` in one target.
        let files = try generateWithScaffold("blog")
        let swiftNames = files.keys.filter { $0.hasSuffix(".swift") }.map { $0.split(separator: "/").last! }
        #expect(Set(swiftNames).count == swiftNames.count)
        #expect(files["Generated/Layout/Tables/Layout.Notes.swift"] != nil)
    }

    @Test("app names loom new accepts are those the schema accepts")
    func names() {
        for name in ["blog", "shop_v2", "a"] { #expect(AppScaffold.isValidName(name), "\(name)") }
        for name in ["", "Blog", "2shop", "shop-v2", "_x", "blög", String(repeating: "a", count: 64)] {
            #expect(!AppScaffold.isValidName(name), "\(name)")
        }
    }
}
