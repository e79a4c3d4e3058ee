import ArgumentParser
import CodeGenerator
import Foundation
import SchemaModel

/// `loom generate [--check]`: regenerate `Generated/` from `Schemas/` and `Templates/`.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate Generated/ from Schemas/ and Templates/.",
        discussion: """
            Writes only files whose content changed and removes generated files no schema produces \
            any more. With --check, writes nothing and fails naming every stale file.
            """)

    @Flag(help: "Fail (exit 1) naming every file of Generated/ that is out of date; write nothing.")
    var check = false

    @Option(help: "Repository root holding Schemas/, Templates/ and Generated/.")
    var root: String = FileManager.default.currentDirectoryPath

    func run() throws {
        let workspace = Workspace(root: URL(fileURLWithPath: root))
        let outcome: Generator.Outcome
        do {
            outcome = try Generator.generate(
                schemaFiles: try workspace.schemaFiles(), templates: try workspace.templates(),
                migrationFiles: try workspace.migrationFiles(), publishedDocuments: try workspace.publishedDocuments())
        } catch let error as GeneratorError {
            printError(error.description)
            throw ExitCode(2)
        }
        switch outcome {
        case .invalid(let diagnostics):
            diagnostics.forEach { printError($0.description) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            printError("loom: \(errors) error\(errors == 1 ? "" : "s") in Schemas/; nothing was generated.")
            throw ExitCode.failure
        case .generated(let files, let warnings):
            warnings.forEach { printError($0.description) }
            let changes = try workspace.changes(for: files)
            if check {
                try report(changes)
            } else {
                try workspace.apply(changes)
                Console.line(changes.isEmpty
                    ? "Generated/ is up to date (\(files.count) files)."
                    : "Updated \(changes.count) of \(files.count) generated files.")
            }
        }
    }

    private func report(_ changes: [Workspace.Change]) throws {
        guard !changes.isEmpty else {
            Console.line("Generated/ is up to date.")
            return
        }
        for change in changes { printError("stale: \(change.path) (\(change.kind.rawValue))") }
        printError("loom: \(changes.count) generated file\(changes.count == 1 ? " is" : "s are") out of date; run `swift run loom generate` and commit the result.")
        throw ExitCode.failure
    }

    private func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
