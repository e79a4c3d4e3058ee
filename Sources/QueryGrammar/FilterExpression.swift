/// The expression tree of a `filter=` query parameter.
///
/// The tree holds field paths and literal values only; it never holds SQL. `Runtime` checks
/// every path against the table's filterable fields and renders parameterised SQL per dialect.
public indirect enum FilterExpression: Sendable, Hashable {
    /// Every operand holds.
    case and([FilterExpression])
    /// At least one operand holds.
    case or([FilterExpression])
    /// The operand does not hold.
    case not(FilterExpression)
    /// One field compared with a value.
    case comparison(FilterComparison)

    /// Every comparison in the tree, left to right (used to check fields before rendering).
    public var comparisons: [FilterComparison] {
        switch self {
        case .and(let operands), .or(let operands): return operands.flatMap(\.comparisons)
        case .not(let operand): return operand.comparisons
        case .comparison(let comparison): return [comparison]
        }
    }
}

/// `path operator value`, e.g. `project_id.name ~ 'web'`.
public struct FilterComparison: Sendable, Hashable {
    /// Field path: one name, or a relation field followed by a field of the related table.
    public let path: [String]
    /// The comparison.
    public let operation: FilterOperator
    /// Right-hand values: one for binary operators, several for `in`, none for `is null`.
    public let values: [FilterLiteral]

    /// Creates a comparison.
    public init(path: [String], operation: FilterOperator, values: [FilterLiteral]) {
        self.path = path
        self.operation = operation
        self.values = values
    }

    /// The path as written, `a.b`.
    public var field: String { path.joined(separator: ".") }
}

/// The comparison operators of the filter language.
public enum FilterOperator: String, Sendable, Hashable, CaseIterable {
    /// `=`
    case equal = "="
    /// `!=`
    case notEqual = "!="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `~`: contains the text, ignoring case.
    case contains = "~"
    /// `!~`: does not contain the text, ignoring case.
    case notContains = "!~"
    /// `like`: SQL pattern (`%` any run, `_` one character, `\` escapes), case-sensitive.
    case like
    /// `ilike`: like `like`, ignoring case.
    case ilike
    /// `in (v1, v2, ...)`.
    case isIn = "in"
    /// `is null`.
    case isNull = "is null"
    /// `is not null`.
    case isNotNull = "is not null"
    /// The JSON tree's `isEmpty`: null, or the empty text on a text field.
    case isEmpty = "is empty"
}

/// A literal value in a filter.
public enum FilterLiteral: Sendable, Hashable {
    /// `'text'` or `"text"`.
    case string(String)
    /// A number without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    /// `true` / `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// Unquoted text converted by the field's type, as a query parameter's value is
    /// (`field:value`, the shorthand: `priority:3` on an integer field, `code:007` on a text one).
    case parameter(String)
}
