/// One lexical token of the filter language.
enum FilterToken: Hashable {
    case identifier(String)
    case string(String)
    case integer(Int64)
    case number(Double)
    case symbol(Symbol)
    case keyword(Keyword)
    case end

    /// Punctuation and operator symbols.
    enum Symbol: String, CaseIterable {
        case leftParenthesis = "("
        case rightParenthesis = ")"
        case comma = ","
        case dot = "."
        case equal = "="
        case notEqual = "!="
        case greater = ">"
        case greaterOrEqual = ">="
        case less = "<"
        case lessOrEqual = "<="
        case tilde = "~"
        case notTilde = "!~"
        case and = "&&"
        case or = "||"
        case bang = "!"
    }

    /// Reserved words, matched case-insensitively.
    enum Keyword: String, CaseIterable {
        case and, or, not, `in`, `is`, null, `true`, `false`, like, ilike
    }

    /// How the token is named in error messages.
    var description: String {
        switch self {
        case .identifier(let name): return "field name '\(FilterLexer.excerpt(name))'"
        case .string: return "a string"
        case .integer, .number: return "a number"
        case .symbol(let symbol): return "'\(symbol.rawValue)'"
        case .keyword(let keyword): return "'\(keyword.rawValue)'"
        case .end: return "the end of the filter"
        }
    }
}

/// A token and where it starts.
struct PositionedToken {
    let token: FilterToken
    let offset: Int
}
