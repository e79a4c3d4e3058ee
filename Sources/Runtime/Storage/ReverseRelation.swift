/// A relation field of another table that points at this one (`comments.task_id` for tasks).
public struct ReverseRelation: Sendable {
    /// Name used in `expand=` (the referencing table's name).
    public let name: String
    /// The relation field in the referencing table.
    public let field: String
    /// The referencing table.
    public let target: @Sendable () -> TableDescriptor
    /// Decodes and writes one row of the referencing table.
    public let writeTarget: @Sendable (SQLRow, inout JSONWriter) throws -> Void
    /// Creates a reverse relation.
    public init(
        name: String, field: String, target: @escaping @Sendable () -> TableDescriptor,
        writeTarget: @escaping @Sendable (SQLRow, inout JSONWriter) throws -> Void
    ) {
        self.name = name
        self.field = field
        self.target = target
        self.writeTarget = writeTarget
    }
}
