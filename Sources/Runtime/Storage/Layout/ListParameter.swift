/// A named query parameter of a list route comparing one column (`listParameters` in the
/// schema, such as EventFlow's `from` and `to`).
public struct ListParameter: Sendable {
    /// The query parameter's name.
    public let name: String
    /// The quoted column.
    public let column: String
    /// The SQL comparison operator (`>=`).
    public let comparison: String
    /// How the value is parsed and checked.
    public let rule: FieldRule

    /// Creates a parameter.
    public init(name: String, column: String, comparison: String, rule: FieldRule) {
        self.name = name
        self.column = column
        self.comparison = comparison
        self.rule = rule
    }
}
