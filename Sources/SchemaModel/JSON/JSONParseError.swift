/// Why a document is not valid JSON, with the 1-based line and column of the problem.
///
/// Printed as `line 3, column 14: expected ',' or '}' after object member, found '"'`.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of syntax problem, stable for tests and tools.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The document ended in the middle of a value.
        case unexpectedEndOfInput
        /// A character that cannot start or continue the value at this point.
        case unexpectedCharacter
        /// A `//` or `/* */` comment; JSON has none.
        case comment
        /// A `,` directly before `}` or `]`.
        case trailingComma
        /// The same key twice in one object.
        case duplicateKey
        /// Anything but whitespace after the top-level value.
        case trailingContent
        /// A malformed number such as `01`, `1.` or `-`.
        case invalidNumber
        /// A number too large to be represented as a `Double`.
        case numberOutOfRange
        /// A backslash escape JSON does not define, such as `\x`.
        case invalidEscape
        /// A malformed `\u` escape or an unpaired surrogate.
        case invalidUnicodeEscape
        /// A raw control character (below U+0020) inside a string.
        case controlCharacterInString
        /// A string without its closing quote.
        case unterminatedString
        /// Bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// Arrays and objects nested deeper than `JSONParser.maximumDepth`.
        case tooDeep
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong and, where possible, how to fix it.
    public var message: String
    /// 1-based line of the problem.
    public var line: Int
    /// 1-based column of the problem, counted in Unicode scalars.
    public var column: Int
    /// 0-based byte offset of the problem.
    public var offset: Int

    /// Creates a parse error.
    public init(code: Code, message: String, line: Int, column: Int, offset: Int) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `line L, column C: message`.
    public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSONParseError {
    /// Builds an error at `offset` in `bytes`, computing line and column.
    static func at(_ offset: Int, in bytes: [UInt8], code: Code, message: String) -> JSONParseError {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte == UInt8(ascii: "\r") {
                // A CRLF pair is one line break; a lone CR is treated as one as well.
                if index + 1 < end, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // UTF-8 continuation bytes belong to the scalar already counted.
                column += 1
            }
            index += 1
        }
        return JSONParseError(code: code, message: message, line: line, column: column, offset: offset)
    }
}
