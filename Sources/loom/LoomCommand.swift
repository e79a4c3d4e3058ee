import ArgumentParser

/// The `loom` command: the generator's only contact with the disk.
@main
struct Loom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loom",
        abstract: "Generate a Swift REST server from the JSON schemas in Schemas/.",
        subcommands: [Generate.self, New.self, Dev.self],
        defaultSubcommand: Generate.self)
}
