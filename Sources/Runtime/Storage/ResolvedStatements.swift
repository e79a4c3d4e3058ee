/// A table's statements for the dialect in use, picked once at start-up.
struct ResolvedStatements: Sendable {
    let selectByID: String
    let insert: String
    let replace: String
    let patch: String
    let delete: String
    let listPrefix: String
    let countPrefix: String
    let orderBy: String

    init(_ statements: TableStatements, dialect: SQLDialect) {
        selectByID = statements.selectByID.text(for: dialect)
        insert = statements.insert.text(for: dialect)
        replace = statements.replace.text(for: dialect)
        patch = statements.patch.text(for: dialect)
        delete = statements.delete.text(for: dialect)
        listPrefix = "SELECT \(statements.selectColumns) FROM \(statements.table)"
        countPrefix = "SELECT COUNT(*) FROM \(statements.table)"
        orderBy = " ORDER BY \(statements.primaryKeyColumn)"
    }

    /// The page and count statements of a list request. Column names come from the generated
    /// descriptor, values only ever travel as binds.
    func list(_ query: ListQuery, dialect: SQLDialect) -> (page: SQLStatement, count: SQLStatement) {
        var placeholders = PlaceholderSequence(dialect: dialect)
        var whereClause = ""
        var binds: [SQLValue] = []
        for (index, filter) in query.filters.enumerated() {
            whereClause += (index == 0 ? " WHERE " : " AND ") + filter.column + " = " + placeholders.next()
            binds.append(filter.value)
        }
        let count = SQLStatement(countPrefix + whereClause, binds)
        let page = SQLStatement(
            listPrefix + whereClause + orderBy + " LIMIT " + placeholders.next() + " OFFSET " + placeholders.next(),
            binds + [.integer(Int64(query.limit)), .integer(Int64(query.offset))])
        return (page, count)
    }
}

/// Produces positional placeholders: `?` for SQLite, `$1, $2, ...` for PostgreSQL.
public struct PlaceholderSequence {
    private let dialect: SQLDialect
    private var position = 0
    /// Starts at the first placeholder.
    public init(dialect: SQLDialect) { self.dialect = dialect }
    /// The next placeholder.
    public mutating func next() -> String {
        position += 1
        return dialect == .sqlite ? "?" : "$\(position)"
    }
}
