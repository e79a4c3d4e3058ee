/// A `WHERE` clause of comparisons with bound values, each added only when its value is given;
/// the audit and usage lists build theirs with it.
struct WhereClause {
    var placeholders: PlaceholderSequence
    var terms: [String] = []
    var binds: [SQLValue] = []

    init(dialect: SQLDialect) { placeholders = PlaceholderSequence(dialect: dialect) }

    /// Adds `column comparison <value>` when `value` is given.
    mutating func add(_ column: String, _ comparison: String, _ value: SQLValue?) {
        guard let value else { return }
        terms.append("\(column) \(comparison) \(placeholders.next())")
        binds.append(value)
    }

    /// The clause (empty without terms) and its binds.
    var result: (sql: String, binds: [SQLValue]) {
        (terms.isEmpty ? "" : " WHERE " + terms.joined(separator: " AND "), binds)
    }
}
