import Testing

@testable import SchemaModel

@Suite("JSONParser")
struct JSONParserTests {
    @Test("parses every kind of value and keeps member order")
    func parsesValues() throws {
        let value = try JSONParser.parse(
            #"""
             { "z": null, "a": [true, false, 0, -12, 3.5, 1e3, -0.25E-2], "m": {"s": "x\"\\\/\b\f\n\r\t\u00e9"} }
            """#)
        let expected = JSONValue.object([
            JSONMember(key: "z", value: .null),
            JSONMember(
                key: "a",
                value: .array([
                    .bool(true), .bool(false), .integer(0), .integer(-12), .number(3.5), .number(1000),
                    .number(-0.0025),
                ])),
            JSONMember(key: "m", value: .object([JSONMember(key: "s", value: .string("x\"\\/\u{8}\u{C}\n\r\té"))])),
        ])
        #expect(value == expected)
    }

    @Test("decodes surrogate pairs and raw UTF-8")
    func unicode() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00 ü 日本""#) == .string("😀 ü 日本"))
    }

    @Test("integers beyond 64 bits become doubles; -0 stays an integer")
    func numberKinds() throws {
        #expect(try JSONParser.parse("9223372036854775807") == .integer(Int64.max))
        #expect(try JSONParser.parse("9223372036854775808") == .number(9_223_372_036_854_775_808))
        #expect(try JSONParser.parse("-0") == .integer(0))
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse(" {} \r\n") == .object([]))
    }

    @Test("accepts nesting up to the depth limit")
    func depthLimit() throws {
        let depth = JSONParser.maximumDepth
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        _ = try JSONParser.parse(nested)
        let tooDeep = "[" + nested + "]"
        let error = parseError(tooDeep)
        #expect(error?.code == .tooDeep)
        #expect(error?.column == depth + 1)
    }

    /// Malformed input, the error code, and the 1-based line and column reported.
    static let malformed: [(input: String, code: JSONParseError.Code, line: Int, column: Int, message: String)] = [
        ("{\"a\": 1,\n \"b\": 2,\n}", .trailingComma, 2, 8, "trailing comma before '}'"),
        ("[1, 2,]", .trailingComma, 1, 6, "trailing comma before ']'"),
        ("{\"a\": 1 \"b\": 2}", .unexpectedCharacter, 1, 9, "expected ',' or '}' after object member"),
        ("[1 2]", .unexpectedCharacter, 1, 4, "expected ',' or ']' after array element"),
        ("{\"a\" 1}", .unexpectedCharacter, 1, 6, "expected ':' after object key \"a\""),
        ("{a: 1}", .unexpectedCharacter, 1, 2, "expected an object key in double quotes"),
        ("{\n  // note\n  \"a\": 1\n}", .comment, 2, 3, "comments are not allowed"),
        ("{\"a\": 1, \"a\": 2}", .duplicateKey, 1, 10, "duplicate key \"a\""),
        ("{} {}", .trailingContent, 1, 4, "expected the end of the document"),
        ("\"a\\x\"", .invalidEscape, 1, 3, "invalid escape sequence"),
        ("\"\\u12G4\"", .invalidUnicodeEscape, 1, 2, "four hex digits"),
        ("\"\\ud83d x\"", .invalidUnicodeEscape, 1, 2, "unpaired high surrogate"),
        ("\"\\ude00\"", .invalidUnicodeEscape, 1, 2, "unpaired low surrogate"),
        ("\"a\tb\"", .controlCharacterInString, 1, 3, "raw control character"),
        ("\"abc", .unterminatedString, 1, 1, "unterminated string"),
        ("[01]", .invalidNumber, 1, 2, "leading zeros"),
        ("[1.]", .invalidNumber, 1, 4, "a digit after '.'"),
        ("-", .unexpectedEndOfInput, 1, 2, "unexpected end of input"),
        ("1e999", .numberOutOfRange, 1, 1, "too large"),
        ("", .unexpectedEndOfInput, 1, 1, "expected a JSON value"),
        ("[True]", .unexpectedCharacter, 1, 2, "expected a JSON value"),
        ("[nul]", .unexpectedCharacter, 1, 2, "invalid literal"),
        ("{\"a\": [1, 2}", .unexpectedCharacter, 1, 12, "found '}'"),
        ("{\"é\": 1,, }", .unexpectedCharacter, 1, 9, "expected an object key"),
    ]

    @Test("reports malformed input with code, line and column", arguments: 0..<malformed.count)
    func malformedInput(_ index: Int) {
        let (input, code, line, column, message) = Self.malformed[index]
        let error = parseError(input)
        #expect(error?.code == code, "\(input)")
        #expect(error?.line == line, "\(input): \(String(describing: error))")
        #expect(error?.column == column, "\(input): \(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(input): \(String(describing: error))")
    }

    @Test("rejects invalid UTF-8 inside strings")
    func invalidUTF8() {
        let overlong: [UInt8] = [0x22, 0x61, 0xC0, 0xAF, 0x22]
        let error = parseError(overlong)
        #expect(error?.code == .invalidUTF8)
        #expect(error?.offset == 2)
        #expect(parseError([0x22, 0xED, 0xA0, 0x80, 0x22])?.code == .invalidUTF8)  // encoded surrogate
        #expect(parseError([0x22, 0xE6, 0x97, 0x22])?.code == .invalidUTF8)  // truncated sequence
    }

    @Test("skips a UTF-8 byte order mark")
    func byteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("true".utf8)) == .bool(true))
    }

    @Test("describes errors as line, column and message")
    func errorDescription() {
        #expect(
            parseError("[1,\n 2 3]")?.description
                == "line 2, column 4: expected ',' or ']' after array element, found '3'")
    }

    private func parseError(_ text: String) -> JSONParseError? { parseError(Array(text.utf8)) }

    private func parseError(_ bytes: [UInt8]) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }
}
