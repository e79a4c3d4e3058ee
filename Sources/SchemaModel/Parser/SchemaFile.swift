/// The raw content of one schema file, handed to the parser by the command-line layer.
public struct SchemaFile: Sendable, Hashable {
    /// Path relative to the repository root, e.g. `Schemas/tasks/tables/tasks.json`.
    public var path: String
    /// The file's bytes (UTF-8 JSON).
    public var contents: [UInt8]
    /// Creates a schema file.
    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }
}
