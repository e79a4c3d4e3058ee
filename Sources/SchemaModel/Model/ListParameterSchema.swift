/// One entry of a table's `listParameters`: a named query parameter of the list route that
/// compares one field, such as EventFlow's `from` and `to` on the receive time
/// (`{"from": {"field": "created_at", "compare": "gte", "description": "..."}}`).
public struct ListParameterSchema: Codable, Sendable, Hashable {
    /// The query parameter's name as clients send it.
    public var name: String
    /// The compared field (`snake_case` schema name: a declared field, the key, or a timestamp).
    public var field: String
    /// The comparison.
    public var compare: ListParameterComparison
    /// Documentation.
    public var description: String

    /// Creates a parameter.
    public init(name: String, field: String, compare: ListParameterComparison, description: String) {
        self.name = name
        self.field = field
        self.compare = compare
        self.description = description
    }
}

/// How a list parameter compares its field with the value sent.
public enum ListParameterComparison: String, Codable, Sendable, CaseIterable, Hashable {
    case eq, ne, gt, gte, lt, lte

    /// The SQL operator (`IS NOT` semantics are not needed: the value is never null).
    public var sqlOperator: String {
        switch self {
        case .eq: return "="
        case .ne: return "<>"
        case .gt: return ">"
        case .gte: return ">="
        case .lt: return "<"
        case .lte: return "<="
        }
    }
}
