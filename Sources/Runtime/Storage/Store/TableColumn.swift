/// A column of a generated table with its Swift value type, for queries handwritten code makes
/// through a `TableStore`: `Tasks.Columns.status != "done"`. The generator decides the quoted
/// name and how a value binds and reads, so handwritten code never writes column names or binds.
public struct TableColumn<Record: TableRecord, Value: Sendable>: Sendable {
    /// The member's JSON (and column) name.
    public let name: String
    /// The quoted column name.
    let quoted: String
    /// The value as a bind.
    let bind: @Sendable (Value) -> SQLValue
    /// Reads a value of this column from a row.
    let read: @Sendable (inout RowReader) throws -> Value

    /// Creates a column (generated code).
    public init(
        _ name: String, column quoted: String, bind: @escaping @Sendable (Value) -> SQLValue,
        read: @escaping @Sendable (inout RowReader) throws -> Value
    ) {
        self.name = name
        self.quoted = quoted
        self.bind = bind
        self.read = read
    }

    /// Ascending order by this column (nulls first, as in SQL's default for ascending on SQLite).
    public var ascending: RowOrder<Record> { RowOrder(column: quoted, descending: false) }
    /// Descending order by this column.
    public var descending: RowOrder<Record> { RowOrder(column: quoted, descending: true) }

    /// The column's value is NULL.
    public var isNull: RowFilter<Record> { .null(quoted, true) }
    /// The column's value is not NULL.
    public var isNotNull: RowFilter<Record> { .null(quoted, false) }

    /// The column's value is one of `values` (an empty list matches nothing).
    public func isIn(_ values: [Value]) -> RowFilter<Record> { .among(quoted, values.map(bind)) }

    /// Equal.
    public static func == (column: Self, value: Value) -> RowFilter<Record> { .compare(column.quoted, "=", column.bind(value)) }
    /// Not equal (NULL is never "not equal": SQL's three-valued logic, as in `filter=`).
    public static func != (column: Self, value: Value) -> RowFilter<Record> { .compare(column.quoted, "<>", column.bind(value)) }
    /// Less than.
    public static func < (column: Self, value: Value) -> RowFilter<Record> { .compare(column.quoted, "<", column.bind(value)) }
    /// Less than or equal.
    public static func <= (column: Self, value: Value) -> RowFilter<Record> { .compare(column.quoted, "<=", column.bind(value)) }
    /// Greater than.
    public static func > (column: Self, value: Value) -> RowFilter<Record> { .compare(column.quoted, ">", column.bind(value)) }
    /// Greater than or equal.
    public static func >= (column: Self, value: Value) -> RowFilter<Record> { .compare(column.quoted, ">=", column.bind(value)) }
}

/// A condition on the rows of one table, built from its `TableColumn`s; values always bind.
public indirect enum RowFilter<Record: TableRecord>: Sendable {
    /// `<column> <operator> <value>`.
    case compare(String, String, SQLValue)
    /// `<column> IS [NOT] NULL`.
    case null(String, Bool)
    /// `<column> IN (...)`.
    case among(String, [SQLValue])
    /// Every condition holds (an empty list always holds).
    case all([RowFilter])
    /// Some condition holds (an empty list never holds).
    case any([RowFilter])

    /// Both hold.
    public static func && (left: RowFilter, right: RowFilter) -> RowFilter { .all([left, right]) }
    /// Either holds.
    public static func || (left: RowFilter, right: RowFilter) -> RowFilter { .any([left, right]) }

    /// The SQL condition, its placeholders drawn from `placeholders` and its values appended to `binds`.
    func render(_ placeholders: inout PlaceholderSequence, _ binds: inout [SQLValue]) -> String {
        switch self {
        case .compare(let column, let comparison, let value):
            binds.append(value)
            return "\(column) \(comparison) \(placeholders.next())"
        case .null(let column, let isNull):
            return "\(column) IS \(isNull ? "" : "NOT ")NULL"
        case .among(let column, let values):
            guard !values.isEmpty else { return "1 = 0" }
            binds += values
            return "\(column) IN (" + placeholders.list(values.count) + ")"
        case .all(let filters):
            guard !filters.isEmpty else { return "1 = 1" }
            return "(" + filters.map { $0.render(&placeholders, &binds) }.joined(separator: " AND ") + ")"
        case .any(let filters):
            guard !filters.isEmpty else { return "1 = 0" }
            return "(" + filters.map { $0.render(&placeholders, &binds) }.joined(separator: " OR ") + ")"
        }
    }
}

/// One key of a handwritten query's order.
public struct RowOrder<Record: TableRecord>: Sendable {
    /// The quoted column.
    let column: String
    /// Whether the order is descending.
    let descending: Bool
}
