import QueryGrammar

/// Renders a checked `FilterExpression` to a parameterised SQL condition for one dialect.
///
/// Field names are looked up in `QueryColumns` (unknown ones are a 400 naming the field) and
/// replaced by the generator's quoted column names; every value becomes a bind.
struct FilterSQL {
    let columns: QueryColumns
    let dialect: SQLDialect
    var placeholders: PlaceholderSequence
    var binds: [SQLValue] = []
    /// The caller, whose tenant and user bind the access conditions of related tables.
    let identity: Identity?

    init(columns: QueryColumns, dialect: SQLDialect, placeholders: PlaceholderSequence, identity: Identity? = nil) {
        self.columns = columns
        self.dialect = dialect
        self.placeholders = placeholders
        self.identity = identity
    }

    /// The condition for `expression`.
    mutating func render(_ expression: FilterExpression) throws(APIError) -> String {
        try render(expression, in: columns.columns, relationsAllowed: true)
    }

    private mutating func render(
        _ expression: FilterExpression, in scope: [String: QueryColumns.Column], relationsAllowed: Bool
    ) throws(APIError) -> String {
        switch expression {
        case .and(let operands), .or(let operands):
            var parts: [String] = []
            for operand in operands { parts.append(try render(operand, in: scope, relationsAllowed: relationsAllowed)) }
            let joiner: String
            if case .and = expression { joiner = " AND " } else { joiner = " OR " }
            return "(" + parts.joined(separator: joiner) + ")"
        case .not(let operand):
            return "NOT (" + (try render(operand, in: scope, relationsAllowed: relationsAllowed)) + ")"
        case .comparison(let comparison):
            if comparison.path.count == 2 {
                guard relationsAllowed, let relation = columns.relations[comparison.path[0]],
                      let owner = columns.columns[comparison.path[0]] else {
                    throw Self.invalid(comparison.field, "is not a relation field of this table; relation paths are written relation_field.field")
                }
                guard relation.columns[comparison.path[1]] != nil else {
                    throw Self.invalid(comparison.field, "names no filterable field of \(relation.name); allowed: \(relation.columns.keys.sorted().joined(separator: ", "))")
                }
                let inner = FilterComparison(path: [comparison.path[1]], operation: comparison.operation, values: comparison.values)
                let condition = try render(.comparison(inner), in: relation.columns, relationsAllowed: false)
                var live = relation.softDelete ? " AND \"deleted_at\" IS NULL" : ""
                if let access = relation.access {
                    // Only rows the caller may read satisfy a path, so a filter cannot probe other tenants' rows.
                    live += " AND " + access.condition(&placeholders)
                    binds += access.binds(identity)
                }
                return "\(owner.column) IN (SELECT \(relation.primaryKeyColumn) FROM \(relation.table) WHERE \(condition)\(live))"
            }
            guard let column = scope[comparison.path[0]] else {
                let allowed = scope.keys.sorted().joined(separator: ", ")
                throw Self.invalid(comparison.field, "is not a filterable field; allowed: \(allowed)")
            }
            return try render(comparison, column: column)
        }
    }

    private mutating func render(_ comparison: FilterComparison, column: QueryColumns.Column) throws(APIError) -> String {
        let name = column.column
        switch comparison.operation {
        case .isNull: return "\(name) IS NULL"
        case .isNotNull: return "\(name) IS NOT NULL"
        case .isEmpty:
            // The empty text is compared as it is (no field rule: a field that refuses empty text
            // may still hold none); other types have no empty value but null.
            guard Self.isText(column.rule.kind) else { return "\(name) IS NULL" }
            binds.append(.text(""))
            return "(\(name) IS NULL OR \(name) = \(placeholders.next()))"
        case .equal: return "\(name) = \(try bind(comparison.values[0], column))"
        case .notEqual:
            let distinct = dialect == .sqlite ? "IS NOT" : "IS DISTINCT FROM"
            return "\(name) \(distinct) \(try bind(comparison.values[0], column))"
        case .greater, .greaterOrEqual, .less, .lessOrEqual:
            return "\(name) \(comparison.operation.rawValue) \(try bind(comparison.values[0], column))"
        case .isIn:
            var list: [String] = []
            for value in comparison.values { list.append(try bind(value, column)) }
            return "\(name) IN (\(list.joined(separator: ", ")))"
        case .contains, .notContains, .like, .ilike:
            guard Self.isText(column.rule.kind) else {
                throw Self.invalid(comparison.field, "is not a text field; '\(comparison.operation.rawValue)' needs one")
            }
            guard case .string(let text) = comparison.values[0] else {
                throw Self.invalid(comparison.field, "needs a quoted string after '\(comparison.operation.rawValue)'")
            }
            return pattern(comparison.operation, column: name, text: text)
        }
    }

    /// `~`, `!~`, `like`, `ilike`. `~` escapes the client's text so `%` and `_` match themselves.
    /// SQLite's `LIKE` ignores ASCII case, so case-sensitive `like` becomes `GLOB` there.
    private mutating func pattern(_ operation: FilterOperator, column: String, text: String) -> String {
        let insensitive = dialect == .sqlite ? "LIKE" : "ILIKE"
        switch operation {
        case .contains, .notContains:
            binds.append(.text("%" + Self.escapeLike(text) + "%"))
            let test = "\(column) \(insensitive) \(placeholders.next()) ESCAPE '\\'"
            return operation == .contains ? test : "(\(column) IS NULL OR NOT (\(test)))"
        case .like where dialect == .sqlite:
            binds.append(.text(Self.globPattern(fromLike: text)))
            return "\(column) GLOB \(placeholders.next())"
        case .like:
            binds.append(.text(text))
            return "\(column) LIKE \(placeholders.next()) ESCAPE '\\'"
        default:
            binds.append(.text(text))
            return "\(column) \(insensitive) \(placeholders.next()) ESCAPE '\\'"
        }
    }

    private mutating func bind(_ literal: FilterLiteral, _ column: QueryColumns.Column) throws(APIError) -> String {
        let input: JSONInput
        switch literal {
        case .string(let text): input = .string(text)
        case .integer(let integer): input = .integer(integer)
        case .number(let number): input = .number(number)
        case .bool(let bool): input = .bool(bool)
        case .null: input = .null
        case .parameter(let text):
            switch ParameterDecoder.value(text: text, rule: column.rule, field: column.name) {
            case .success(let value): binds.append(value.sqlValue)
            case .failure(let error): throw Self.invalid(column.name, error.message)
            }
            return placeholders.next()
        }
        switch InputValidator.validate(value: input, rule: column.rule, field: column.name) {
        case .success(let value): binds.append(value.sqlValue)
        case .failure(let error): throw Self.invalid(column.name, error.message)
        }
        return placeholders.next()
    }

    private static func isText(_ kind: FieldRule.Kind) -> Bool {
        switch kind {
        case .string, .text, .email, .url, .enumeration: return true
        default: return false
        }
    }

    /// Escapes `%`, `_` and `\` for a `LIKE ... ESCAPE '\'` pattern.
    static func escapeLike(_ text: String) -> String { FieldName.likeEscaped(text) }

    /// Converts a `LIKE` pattern (with `\` escapes, checked by the parser) to a `GLOB` pattern.
    static func globPattern(fromLike pattern: String) -> String {
        var result = ""
        var escaping = false
        for character in pattern {
            if escaping {
                result += globLiteral(character)
                escaping = false
                continue
            }
            switch character {
            case "\\": escaping = true
            case "%": result.append("*")
            case "_": result.append("?")
            default: result += globLiteral(character)
            }
        }
        return result
    }

    private static func globLiteral(_ character: Character) -> String {
        ["*", "?", "["].contains(character) ? "[\(character)]" : String(character)
    }

    static func invalid(_ field: String, _ message: String) -> APIError {
        APIError.badRequest("The filter is invalid.", fieldErrors: [.init(field: "filter", message: "\(field) \(message)")])
    }
}
