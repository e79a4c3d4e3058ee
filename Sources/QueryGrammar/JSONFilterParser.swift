import RequestJSON

/// Reads a filter written as a JSON tree, the form the released Sovrium (and many table
/// platforms' clients) send, into the same `FilterExpression` the filter language parses to:
///
///     {"and": [{"field": "status", "operator": "equals", "value": "active"},
///              {"or": [{"field": "priority", "operator": "greaterThan", "value": 2},
///                      {"field": "name", "operator": "startsWith", "value": "Web"}]}]}
///
/// A group is `{"and": [...]}` or `{"or": [...]}` (one member, at least one element, groups
/// nest); a condition is `{"field", "operator", "value"}` with `field` a name or
/// `relation.field`. Operators: `equals`, `notEquals`, `greaterThan`, `greaterThanOrEqual`,
/// `lessThan`, `lessThanOrEqual`, `contains` (ignoring case, like `~`), `startsWith` and
/// `endsWith` (case-sensitive; `%`, `_` and `\` in the value match themselves), `in` (an array
/// of values, no null), `isNull`, `isNotNull`, `isEmpty` (null, or the empty text on a text
/// field), `isTrue`, `isFalse` (no `value`); `equals`/`notEquals` null are `isNull`/`isNotNull`
/// and ordered comparisons refuse null, as the language does. The filter language's limits apply
/// (length, depth, comparisons, list size), and the runtime checks fields and converts values as
/// for the expression form.
public enum JSONFilterParser {
    /// The operators, in documentation order.
    public static let operators = [
        "equals", "notEquals", "greaterThan", "greaterThanOrEqual", "lessThan", "lessThanOrEqual", "contains", "startsWith",
        "endsWith", "in", "isNull", "isNotNull", "isEmpty", "isTrue", "isFalse",
    ]

    /// Whether `text` is meant as a JSON tree (its first non-blank character is `{`); the
    /// filter language never starts with one.
    public static func isJSON(_ text: String) -> Bool {
        text.unicodeScalars.first { !($0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r") } == "{"
    }

    /// Parses `text`, or throws an error naming the member that is wrong.
    public static func parse(_ text: String, limits: FilterParser.Limits = FilterParser.Limits()) throws(FilterSyntaxError) -> FilterExpression {
        let length = text.unicodeScalars.count
        guard length <= limits.maxLength else {
            throw FilterSyntaxError(.tooLong, "the filter is \(length) characters long; at most \(limits.maxLength) are allowed", offset: limits.maxLength)
        }
        let tree: JSONInput
        do {
            tree = try JSONInputParser.parse(Array(text.utf8))
        } catch {
            throw FilterSyntaxError(.unexpectedCharacter, "the filter is not valid JSON: \(error.message) at byte \(error.offset)", offset: error.offset)
        }
        var reader = Reader(limits: limits)
        return try reader.node(tree, at: "filter", depth: 0)
    }

    private struct Reader {
        let limits: FilterParser.Limits
        var comparisons = 0

        mutating func node(_ value: JSONInput, at path: String, depth: Int) throws(FilterSyntaxError) -> FilterExpression {
            guard depth < limits.maxDepth else {
                throw Self.error(.tooDeep, path, "groups nest more than \(limits.maxDepth) levels deep")
            }
            guard case .object(let members) = value else {
                throw Self.error(.unexpectedToken, path, "must be an object: a group {\"and\"|\"or\": [...]} or a condition {\"field\", \"operator\", \"value\"}")
            }
            if members.count == 1, let (key, operands) = members.first, key == "and" || key == "or" {
                guard case .array(let elements) = operands, !elements.isEmpty else {
                    throw Self.error(.unexpectedToken, path + "." + key, "must be a non-empty array of groups and conditions")
                }
                var children: [FilterExpression] = []
                for (index, element) in elements.enumerated() {
                    children.append(try node(element, at: "\(path).\(key)[\(index)]", depth: depth + 1))
                }
                return key == "and" ? .and(children) : .or(children)
            }
            return try condition(members, at: path)
        }

        mutating func condition(_ members: [String: JSONInput], at path: String) throws(FilterSyntaxError) -> FilterExpression {
            for key in members.keys where !["field", "operator", "value"].contains(key) {
                throw Self.error(.unexpectedToken, path, "unknown member \"\(FilterLexer.excerpt(key))\"; a condition has field, operator and value, a group and or or")
            }
            guard case .string(let field)? = members["field"] else { throw Self.error(.invalidPath, path + ".field", "must be a field name") }
            let names = field.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(names.count), names.allSatisfy({ FieldName.isValid($0) }) else {
                throw Self.error(.invalidPath, path + ".field", "\"\(FilterLexer.excerpt(field))\" is not a field name or relation.field")
            }
            guard case .string(let name)? = members["operator"] else {
                throw Self.error(.unexpectedToken, path + ".operator", "must be one of \(JSONFilterParser.operators.joined(separator: ", "))")
            }
            comparisons += 1
            guard comparisons <= limits.maxComparisons else {
                throw Self.error(.tooManyTerms, path, "at most \(limits.maxComparisons) conditions are allowed")
            }
            let value = members["value"]
            func single() throws(FilterSyntaxError) -> FilterLiteral {
                guard let value, let literal = Self.literal(value) else {
                    throw Self.error(.unexpectedToken, path + ".value", "\(name) needs a value: a string, number, boolean or null")
                }
                return literal
            }
            // Ordered comparisons and lists take no null, as in the language (`> null` is refused there).
            func ordered() throws(FilterSyntaxError) -> FilterLiteral {
                let literal = try single()
                if literal == .null { throw Self.error(.unexpectedToken, path + ".value", "\(name) needs a value other than null") }
                return literal
            }
            func text() throws(FilterSyntaxError) -> String {
                guard case .string(let text)? = value else { throw Self.error(.unexpectedToken, path + ".value", "\(name) needs a string") }
                return text
            }
            func none() throws(FilterSyntaxError) {
                if value != nil { throw Self.error(.unexpectedToken, path + ".value", "\(name) takes no value; leave value out") }
            }
            func compare(_ operation: FilterOperator, _ values: [FilterLiteral]) -> FilterExpression {
                .comparison(FilterComparison(path: names, operation: operation, values: values))
            }
            switch name {
            // `equals null` is `isNull`, as `= null` is `is null` in the language.
            case "equals":
                let literal = try single()
                return literal == .null ? compare(.isNull, []) : compare(.equal, [literal])
            case "notEquals":
                let literal = try single()
                return literal == .null ? compare(.isNotNull, []) : compare(.notEqual, [literal])
            case "greaterThan": return compare(.greater, [try ordered()])
            case "greaterThanOrEqual": return compare(.greaterOrEqual, [try ordered()])
            case "lessThan": return compare(.less, [try ordered()])
            case "lessThanOrEqual": return compare(.lessOrEqual, [try ordered()])
            case "contains": return compare(.contains, [.string(try text())])
            case "startsWith": return compare(.like, [.string(FieldName.likeEscaped(try text()) + "%")])
            case "endsWith": return compare(.like, [.string("%" + FieldName.likeEscaped(try text()))])
            case "in":
                guard case .array(let elements)? = value, !elements.isEmpty else {
                    throw Self.error(.unexpectedToken, path + ".value", "in needs a non-empty array of values")
                }
                guard elements.count <= limits.maxListValues else {
                    throw Self.error(.tooManyTerms, path + ".value", "at most \(limits.maxListValues) values are allowed in one in list")
                }
                var literals: [FilterLiteral] = []
                for (index, element) in elements.enumerated() {
                    guard let literal = Self.literal(element), literal != .null else {
                        throw Self.error(.unexpectedToken, "\(path).value[\(index)]", "must be a string, number or boolean (use isNull for null)")
                    }
                    literals.append(literal)
                }
                return compare(.isIn, literals)
            case "isNull":
                try none()
                return compare(.isNull, [])
            case "isNotNull":
                try none()
                return compare(.isNotNull, [])
            case "isEmpty":
                try none()
                return compare(.isEmpty, [])
            case "isTrue":
                try none()
                return compare(.equal, [.bool(true)])
            case "isFalse":
                try none()
                return compare(.equal, [.bool(false)])
            default:
                throw Self.error(
                    .unexpectedToken, path + ".operator",
                    "unknown operator \"\(FilterLexer.excerpt(name))\"; use one of \(JSONFilterParser.operators.joined(separator: ", "))")
            }
        }

        static func literal(_ value: JSONInput) -> FilterLiteral? {
            switch value {
            case .string(let text): return .string(text)
            case .integer(let number): return .integer(number)
            case .number(let number): return .number(number)
            case .bool(let flag): return .bool(flag)
            case .null: return .null
            case .array, .object: return nil
            }
        }


        static func error(_ code: FilterSyntaxError.Code, _ path: String, _ message: String) -> FilterSyntaxError {
            FilterSyntaxError(code, "\(path): \(message)", offset: 0)
        }
    }
}
