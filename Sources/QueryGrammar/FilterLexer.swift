/// Splits filter text into tokens. Works on Unicode scalars so offsets are stable and any
/// input, including invalid or exotic text, yields either tokens or a `FilterSyntaxError`.
struct FilterLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// A short, printable excerpt of client input for error messages.
    static func excerpt(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.prefix(24).map {
            $0.properties.generalCategory == .control ? "?" : $0
        }))
        return text.unicodeScalars.count > 24 ? cleaned + "…" : cleaned
    }

    /// Every token of the text followed by `.end`.
    mutating func tokens() throws(FilterSyntaxError) -> [PositionedToken] {
        var result: [PositionedToken] = []
        while true {
            skipSpace()
            let start = index
            guard index < scalars.count else {
                result.append(PositionedToken(token: .end, offset: start))
                return result
            }
            result.append(PositionedToken(token: try next(), offset: start))
        }
    }

    private mutating func skipSpace() {
        while index < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[index]) { index += 1 }
    }

    private func peek(_ distance: Int = 0) -> Unicode.Scalar? {
        index + distance < scalars.count ? scalars[index + distance] : nil
    }

    private mutating func next() throws(FilterSyntaxError) -> FilterToken {
        let scalar = scalars[index]
        if scalar == "'" || scalar == "\"" { return try string(quote: scalar) }
        if isDigit(scalar) || (scalar == "-" && peek(1).map(isDigit) == true) { return try number() }
        if isIdentifierStart(scalar) { return word() }
        let pair = peek(1).map { String(scalar) + String($0) }
        if let pair, let symbol = FilterToken.Symbol(rawValue: pair) {
            index += 2
            return .symbol(symbol)
        }
        if let symbol = FilterToken.Symbol(rawValue: String(scalar)) {
            index += 1
            return .symbol(symbol)
        }
        throw FilterSyntaxError(
            .unexpectedCharacter,
            "unexpected character '\(Self.excerpt(String(scalar)))' at position \(index + 1); strings must be quoted",
            offset: index)
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    private mutating func word() -> FilterToken {
        let start = index
        while let scalar = peek(), isIdentifierStart(scalar) || isDigit(scalar) { index += 1 }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        if let keyword = FilterToken.Keyword(rawValue: text.lowercased()) { return .keyword(keyword) }
        return .identifier(text)
    }

    /// A quoted string. `\'`, `\"` and `\\` stand for the quote and the backslash; a backslash
    /// before anything else is kept, so `like` patterns can say `\%` and `\_`.
    private mutating func string(quote: Unicode.Scalar) throws(FilterSyntaxError) -> FilterToken {
        let start = index
        index += 1
        var text = String.UnicodeScalarView()
        while let scalar = peek() {
            index += 1
            if scalar == quote { return .string(String(text)) }
            if scalar == "\\", let escaped = peek() {
                index += 1
                if escaped != quote && escaped != "\\" { text.append("\\") }
                text.append(escaped)
                continue
            }
            text.append(scalar)
        }
        throw FilterSyntaxError(.unterminatedString, "the string starting at position \(start + 1) has no closing quote", offset: start)
    }

    private mutating func number() throws(FilterSyntaxError) -> FilterToken {
        let start = index
        if peek() == "-" { index += 1 }
        while let scalar = peek(), isDigit(scalar) || [".", "e", "E", "+"].contains(scalar) || (scalar == "-" && ["e", "E"].contains(scalars[index - 1])) {
            index += 1
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        if let integer = Int64(text) { return .integer(integer) }
        if let number = Double(text), number.isFinite { return .number(number) }
        throw FilterSyntaxError(.invalidNumber, "'\(Self.excerpt(text))' at position \(start + 1) is not a number", offset: start)
    }
}
