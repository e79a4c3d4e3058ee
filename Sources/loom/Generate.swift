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
            any more. Prints one line per app whose files changed (written, removed, unchanged) and \
            a total with the time; the same lines on a terminal and in a log. With --check, writes \
            nothing and fails naming every stale file.
            """)

    @Flag(help: "Fail (exit 1) naming every file of Generated/ that is out of date; write nothing.")
    var check = false

    @Option(help: "Repository root holding Schemas/, Templates/ and Generated/.")
    var root: String = FileManager.default.currentDirectoryPath

    func run() throws {
        let report = try Self.run(root: URL(fileURLWithPath: root), check: check)
        report.errors.forEach(Self.printError)
        report.lines.forEach { Console.line($0) }
        if report.failed { throw ExitCode.failure }
    }

    /// Generates into `root`'s `Generated/` (or, with `check`, compares with it) and says what
    /// happened; throws `ExitCode(2)` when the generator itself failed (a broken template).
    static func run(root: URL, check: Bool) throws -> GenerationReport {
        let started = Date()
        let workspace = Workspace(root: root)
        let outcome: Generator.Outcome
        do {
            outcome = try Generator.generate(
                schemaFiles: try workspace.schemaFiles(), templates: try workspace.templates(),
                migrationFiles: try workspace.migrationFiles(), publishedDocuments: try workspace.publishedDocuments())
        } catch let error as GeneratorError {
            printError(error.description)
            throw ExitCode(2)
        }
        var report = GenerationReport()
        switch outcome {
        case .invalid(let diagnostics):
            report.errors = diagnostics.map(\.description)
            let errors = diagnostics.filter { $0.severity == .error }.count
            report.errors.append("loom: \(errors) error\(errors == 1 ? "" : "s") in Schemas/; nothing was generated.")
            report.failed = true
        case .generated(let files, let warnings):
            report.errors = warnings.map(\.description)
            let changes = try workspace.changes(for: files)
            if check, !changes.isEmpty {
                report.errors += changes.map { "stale: \($0.path) (\($0.kind.rawValue))" }
                report.errors.append("loom: \(changes.count) generated file\(changes.count == 1 ? " is" : "s are") out of date; run `swift run loom generate` and commit the result.")
                report.failed = true
            } else {
                if !check { try workspace.apply(changes) }
                let counts = GenerationReport.counts(generated: files.map(\.path), changes: changes)
                report.lines = GenerationReport.written(counts, seconds: Date().timeIntervalSince(started))
            }
        }
        return report
    }

    private static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
