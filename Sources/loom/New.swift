import ArgumentParser
import Foundation

/// `loom new <app>`: scaffolds `Schemas/<app>/` (an `app.json` and one sample table) and
/// generates it, so `swift run loom-server serve --app <app>` serves it at once.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create Schemas/<app>/ with an app.json and one sample table, then generate it.",
        discussion: """
            The new app has no custom endpoints, so it needs no Swift code: the generated catalog \
            serves it. Edit its files and run `swift run loom generate` again.
            """)

    @Argument(help: "The app's name: a lowercase letter, then lowercase letters, digits or underscores.")
    var name: String

    @Option(help: "Repository root holding Schemas/, Templates/ and Generated/.")
    var root: String = FileManager.default.currentDirectoryPath

    @Flag(help: "Write the schema files only; do not run the generator.")
    var noGenerate = false

    func validate() throws {
        guard AppScaffold.isValidName(name) else {
            throw ValidationError("\"\(name)\" is not an app name: use a lowercase letter, then lowercase letters, digits or underscores (e.g. blog, shop_v2)")
        }
    }

    func run() throws {
        let scaffold = AppScaffold(name: name)
        let directory = URL(fileURLWithPath: root).appendingPathComponent("Schemas/\(name)")
        guard !FileManager.default.fileExists(atPath: directory.path) else {
            throw ValidationError("Schemas/\(name)/ already exists; choose another name or edit its files")
        }
        for file in scaffold.files {
            let url = URL(fileURLWithPath: root).appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .withoutOverwriting)
            Console.line("created \(file.path)")
        }
        if !noGenerate {
            let generate = try Generate.parse(["--root", root])
            try generate.run()
        }
        Console.line(scaffold.nextSteps(generated: !noGenerate))
    }
}
