/// Parses the filter language into a `FilterExpression`.
///
/// Grammar (keywords are case-insensitive; `&&`/`and`, `||`/`or`, `!`/`not` are synonyms):
///
///     filter     = or
///     or         = and { ("||" | "or") and }
///     and        = unary { ("&&" | "and") unary }
///     unary      = ("!" | "not") unary | "(" or ")" | comparison
///     comparison = path ( op value | "in" "(" value { "," value } ")" | "is" ["not"] "null" )
///     op         = "=" | "!=" | ">" | ">=" | "<" | "<=" | "~" | "!~" | "like" | "ilike"
///     path       = name [ "." name ]
///     value      = 'text' | "text" | number | true | false | null
///
/// `= null` and `!= null` mean `is null` and `is not null`. Limits on length, nesting depth,
/// number of comparisons and `in` list size keep the work per request bounded.
public struct FilterParser {
    /// Bounds on what one filter may contain.
    public struct Limits: Sendable, Hashable {
        /// Longest accepted filter in Unicode scalars.
        public var maxLength: Int
        /// Deepest nesting of parentheses and negations.
        public var maxDepth: Int
        /// Most comparisons in one filter.
        public var maxComparisons: Int
        /// Most values in one `in` list.
        public var maxListValues: Int
        /// Creates limits.
        public init(maxLength: Int = 4096, maxDepth: Int = 16, maxComparisons: Int = 64, maxListValues: Int = 100) {
            self.maxLength = maxLength
            self.maxDepth = maxDepth
            self.maxComparisons = maxComparisons
            self.maxListValues = maxListValues
        }
    }

    private let tokens: [PositionedToken]
    private let limits: Limits
    private var position = 0
    private var comparisonCount = 0

    /// Parses `text`, or throws an error naming the position and what was expected.
    public static func parse(_ text: String, limits: Limits = Limits()) throws(FilterSyntaxError) -> FilterExpression {
        let length = text.unicodeScalars.count
        guard length <= limits.maxLength else {
            throw FilterSyntaxError(.tooLong, "the filter is \(length) characters long; at most \(limits.maxLength) are allowed", offset: limits.maxLength)
        }
        // The JSON tree form (`{"and": [{"field", "operator", "value"}]}`) parses to the same expression.
        if JSONFilterParser.isJSON(text) { return try JSONFilterParser.parse(text, limits: limits) }
        if let shorthand = shorthand(text) { return shorthand }
        var lexer = FilterLexer(text)
        var parser = FilterParser(tokens: try lexer.tokens(), limits: limits)
        guard parser.current.token != .end else {
            throw FilterSyntaxError(.empty, "the filter is empty", offset: 0)
        }
        let expression = try parser.or(depth: 0)
        guard parser.current.token == .end else {
            throw parser.unexpected("'&&', '||' or the end of the filter")
        }
        return expression
    }

    /// `field:value` (the released Sovrium's shorthand): the field (or `relation.field`) equals
    /// the text after the first colon, converted by the field's type as the `field=value` query
    /// parameter is. The language never puts a colon right after a path, so the two cannot be
    /// confused.
    static func shorthand(_ text: String) -> FilterExpression? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let names = text[..<colon].split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(names.count), names.allSatisfy({ FieldName.isValid($0) }) else { return nil }
        let value = String(text[text.index(after: colon)...])
        return .comparison(FilterComparison(path: names.map(String.init), operation: .equal, values: [.parameter(value)]))
    }

    private init(tokens: [PositionedToken], limits: Limits) {
        self.tokens = tokens
        self.limits = limits
    }

    private var current: PositionedToken { tokens[position] }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private mutating func accept(_ symbol: FilterToken.Symbol, or keyword: FilterToken.Keyword? = nil) -> Bool {
        if current.token == .symbol(symbol) || (keyword.map { current.token == .keyword($0) } ?? false) {
            advance()
            return true
        }
        return false
    }

    private func unexpected(_ expected: String) -> FilterSyntaxError {
        let code: FilterSyntaxError.Code = current.token == .end ? .unexpectedEnd : .unexpectedToken
        return FilterSyntaxError(
            code, "expected \(expected) at position \(current.offset + 1), found \(current.token.description)", offset: current.offset)
    }

    private mutating func or(depth: Int) throws(FilterSyntaxError) -> FilterExpression {
        var operands = [try and(depth: depth)]
        while accept(.or, or: .or) { operands.append(try and(depth: depth)) }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    private mutating func and(depth: Int) throws(FilterSyntaxError) -> FilterExpression {
        var operands = [try unary(depth: depth)]
        while accept(.and, or: .and) { operands.append(try unary(depth: depth)) }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private mutating func unary(depth: Int) throws(FilterSyntaxError) -> FilterExpression {
        guard depth < limits.maxDepth else {
            throw FilterSyntaxError(.tooDeep, "the filter nests deeper than \(limits.maxDepth) levels at position \(current.offset + 1)", offset: current.offset)
        }
        if accept(.bang, or: .not) { return .not(try unary(depth: depth + 1)) }
        if accept(.leftParenthesis) {
            let inner = try or(depth: depth + 1)
            guard accept(.rightParenthesis) else { throw unexpected("')'") }
            return inner
        }
        return .comparison(try comparison())
    }

    private mutating func comparison() throws(FilterSyntaxError) -> FilterComparison {
        comparisonCount += 1
        guard comparisonCount <= limits.maxComparisons else {
            throw FilterSyntaxError(.tooManyTerms, "the filter has more than \(limits.maxComparisons) comparisons", offset: current.offset)
        }
        let path = try self.path()
        let operatorOffset = current.offset
        switch current.token {
        case .keyword(.is):
            advance()
            let negated = accept(.bang, or: .not)
            guard current.token == .keyword(.null) else { throw unexpected("'null'") }
            advance()
            return FilterComparison(path: path, operation: negated ? .isNotNull : .isNull, values: [])
        case .keyword(.in):
            advance()
            return FilterComparison(path: path, operation: .isIn, values: try list())
        case .keyword(.like), .keyword(.ilike):
            let operation: FilterOperator = current.token == .keyword(.like) ? .like : .ilike
            advance()
            let offset = current.offset
            guard case .string(let pattern) = try value() else {
                throw FilterSyntaxError(.invalidPattern, "'\(operation.rawValue)' at position \(operatorOffset + 1) needs a quoted pattern", offset: offset)
            }
            try Self.checkPattern(pattern, offset: offset)
            return FilterComparison(path: path, operation: operation, values: [.string(pattern)])
        case .symbol(let symbol):
            guard let operation = Self.binaryOperators[symbol] else { break }
            advance()
            let value = try value()
            switch (operation, value) {
            case (.equal, .null): return FilterComparison(path: path, operation: .isNull, values: [])
            case (.notEqual, .null): return FilterComparison(path: path, operation: .isNotNull, values: [])
            case (_, .null):
                throw FilterSyntaxError(.unexpectedToken, "'\(operation.rawValue)' at position \(operatorOffset + 1) cannot compare with null; use 'is null'", offset: operatorOffset)
            case (.contains, .string), (.notContains, .string): break
            case (.contains, _), (.notContains, _):
                throw FilterSyntaxError(.unexpectedToken, "'\(operation.rawValue)' at position \(operatorOffset + 1) needs a quoted string", offset: operatorOffset)
            default: break
            }
            return FilterComparison(path: path, operation: operation, values: [value])
        default: break
        }
        throw unexpected("an operator (= != > >= < <= ~ !~ like ilike in is)")
    }

    private static let binaryOperators: [FilterToken.Symbol: FilterOperator] = [
        .equal: .equal, .notEqual: .notEqual, .greater: .greater, .greaterOrEqual: .greaterOrEqual,
        .less: .less, .lessOrEqual: .lessOrEqual, .tilde: .contains, .notTilde: .notContains,
    ]

    private mutating func path() throws(FilterSyntaxError) -> [String] {
        guard case .identifier(let first) = current.token else { throw unexpected("a field name") }
        advance()
        var path = [first]
        while accept(.dot) {
            guard case .identifier(let name) = current.token else { throw unexpected("a field name after '.'") }
            advance()
            path.append(name)
            guard path.count <= 2 else {
                throw FilterSyntaxError(.invalidPath, "'\(FilterLexer.excerpt(path.joined(separator: ".")))' goes deeper than one relation", offset: current.offset)
            }
        }
        return path
    }

    private mutating func list() throws(FilterSyntaxError) -> [FilterLiteral] {
        guard accept(.leftParenthesis) else { throw unexpected("'(' after 'in'") }
        var values: [FilterLiteral] = []
        repeat {
            guard values.count < limits.maxListValues else {
                throw FilterSyntaxError(.tooManyTerms, "an 'in' list holds at most \(limits.maxListValues) values", offset: current.offset)
            }
            let value = try value()
            guard value != .null else {
                throw FilterSyntaxError(.unexpectedToken, "an 'in' list cannot hold null; add '|| field is null'", offset: current.offset)
            }
            values.append(value)
        } while accept(.comma)
        guard accept(.rightParenthesis) else { throw unexpected("',' or ')'") }
        return values
    }

    private mutating func value() throws(FilterSyntaxError) -> FilterLiteral {
        let literal: FilterLiteral
        switch current.token {
        case .string(let text): literal = .string(text)
        case .integer(let integer): literal = .integer(integer)
        case .number(let number): literal = .number(number)
        case .keyword(.true): literal = .bool(true)
        case .keyword(.false): literal = .bool(false)
        case .keyword(.null): literal = .null
        default: throw unexpected("a value (a quoted string, number, true, false or null)")
        }
        advance()
        return literal
    }

    /// A `like` pattern's backslash must escape `%`, `_` or another backslash.
    private static func checkPattern(_ pattern: String, offset: Int) throws(FilterSyntaxError) {
        var escaping = false
        for scalar in pattern.unicodeScalars {
            if escaping {
                guard scalar == "%" || scalar == "_" || scalar == "\\" else {
                    throw FilterSyntaxError(.invalidPattern, "in the pattern at position \(offset + 1), '\\' may only escape %, _ or \\", offset: offset)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            }
        }
        if escaping {
            throw FilterSyntaxError(.invalidPattern, "the pattern at position \(offset + 1) ends with a lone '\\'", offset: offset)
        }
    }
}
