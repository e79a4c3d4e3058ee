/// A strict RFC 8259 JSON parser that keeps object member order.
///
/// Schema files are hand-written, so the parser rejects what lenient parsers silently accept
/// (comments, trailing commas, duplicate keys, trailing content) and reports the exact line
/// and column, instead of letting a typo change the meaning of a schema.
public struct JSONParser {
    /// Deepest nesting of arrays and objects accepted; deeper input is rejected instead of
    /// risking stack exhaustion on hostile or broken input.
    public static let maximumDepth = 128

    /// The document being parsed.
    let bytes: [UInt8]
    /// Offset of the next byte to read.
    var offset = 0
    private var depth = 0

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON document (exactly one value, surrounded by optional whitespace).
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipByteOrderMark()
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.offset == bytes.count else {
            throw parser.unexpected(
                .trailingContent,
                expected: "the end of the document after the JSON value; a file holds exactly one value")
        }
        return value
    }

    /// Parses one JSON document from text.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// The byte at the current offset, or `nil` at the end of input.
    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// A UTF-8 byte order mark is not JSON but some editors write one; RFC 8259 allows ignoring it.
    private mutating func skipByteOrderMark() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
    }

    private mutating func skipWhitespace() {
        while let byte = current,
            byte == ASCII.space || byte == ASCII.tab || byte == ASCII.newline
                || byte == ASCII.carriageReturn
        {
            offset += 1
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard let byte = current else {
            throw unexpected(.unexpectedEndOfInput, expected: "a JSON value")
        }
        switch byte {
        case ASCII.openBrace: return try parseObject()
        case ASCII.openBracket: return try parseArray()
        case ASCII.quote: return .string(try parseString())
        case ASCII.minus, ASCII.zero...ASCII.nine: return try parseNumber()
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return .null
        default:
            throw unexpected(
                .unexpectedCharacter, expected: "a JSON value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func parseLiteral(_ literal: String) throws(JSONParseError) {
        let start = offset
        for expected in literal.utf8 {
            guard current == expected else {
                throw error(
                    .unexpectedCharacter, at: start,
                    "invalid literal; JSON knows only true, false and null (lowercase), and strings need double quotes")
            }
            offset += 1
        }
        if let next = current, ASCII.isLetterOrDigit(next) {
            throw error(
                .unexpectedCharacter, at: start,
                "invalid literal; JSON knows only true, false and null (lowercase), and strings need double quotes")
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw error(
                .tooDeep, at: offset,
                "arrays and objects are nested deeper than \(Self.maximumDepth) levels; flatten the document")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        offset += 1
        skipWhitespace()
        var members: [JSONMember] = []
        var seenKeys: Set<String> = []
        if current == ASCII.closeBrace {
            offset += 1
            depth -= 1
            return .object(members)
        }
        while true {
            guard current == ASCII.quote else {
                throw unexpected(.unexpectedCharacter, expected: "an object key in double quotes")
            }
            let keyOffset = offset
            let key = try parseString()
            guard seenKeys.insert(key).inserted else {
                throw error(
                    .duplicateKey, at: keyOffset,
                    "duplicate key \"\(key)\"; each key may appear only once in an object, so remove or rename one")
            }
            skipWhitespace()
            guard current == ASCII.colon else {
                throw unexpected(.unexpectedCharacter, expected: "':' after object key \"\(key)\"")
            }
            offset += 1
            skipWhitespace()
            members.append(JSONMember(key: key, value: try parseValue()))
            skipWhitespace()
            if current == ASCII.closeBrace {
                offset += 1
                depth -= 1
                return .object(members)
            }
            guard current == ASCII.comma else {
                throw unexpected(.unexpectedCharacter, expected: "',' or '}' after object member")
            }
            let commaOffset = offset
            offset += 1
            skipWhitespace()
            if current == ASCII.closeBrace {
                throw error(.trailingComma, at: commaOffset, "trailing comma before '}'; remove this ','")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        offset += 1
        skipWhitespace()
        var elements: [JSONValue] = []
        if current == ASCII.closeBracket {
            offset += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            if current == ASCII.closeBracket {
                offset += 1
                depth -= 1
                return .array(elements)
            }
            guard current == ASCII.comma else {
                throw unexpected(.unexpectedCharacter, expected: "',' or ']' after array element")
            }
            let commaOffset = offset
            offset += 1
            skipWhitespace()
            if current == ASCII.closeBracket {
                throw error(.trailingComma, at: commaOffset, "trailing comma before ']'; remove this ','")
            }
        }
    }

    /// An error at the current offset, naming what was expected and what was found there.
    ///
    /// End of input and comments get their own codes because their fixes differ.
    func unexpected(_ code: JSONParseError.Code, expected: String) -> JSONParseError {
        guard let byte = current else {
            return error(.unexpectedEndOfInput, at: offset, "unexpected end of input; expected \(expected)")
        }
        if byte == ASCII.slash {
            return error(
                .comment, at: offset, "comments are not allowed in JSON; remove the comment (expected \(expected))")
        }
        return error(code, at: offset, "expected \(expected), found \(describeCurrent())")
    }

    /// An error at `offset` with line and column resolved.
    func error(_ code: JSONParseError.Code, at offset: Int, _ message: String) -> JSONParseError {
        JSONParseError.at(offset, in: bytes, code: code, message: message)
    }

    /// The character at the current offset as shown in messages: `'x'`, `'é'` or `byte 0xFF`.
    private func describeCurrent() -> String {
        guard let byte = current else { return "the end of input" }
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte >= 0x80 {
            let slice = bytes[offset..<min(offset + 4, bytes.count)]
            if let scalar = String(decoding: slice, as: UTF8.self).unicodeScalars.first, scalar != "\u{FFFD}" {
                return "'\(Character(scalar))'"
            }
        }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
