/// One generated file: a path relative to the repository root and its exact content.
public struct OutputFile: Sendable, Hashable {
    /// Path such as `Generated/Tracker/Tables/Tasks.swift`.
    public var path: String
    /// File content.
    public var contents: String
    /// Creates an output file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
