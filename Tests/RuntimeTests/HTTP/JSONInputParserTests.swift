import Testing

@testable import Runtime

@Suite("JSONInputParser")
struct JSONInputParserTests {
    private func parse(_ text: String) throws -> JSONInput { try JSONInputParser.parse(Array(text.utf8)) }

    @Test("parses every kind, telling integers from other numbers and booleans from numbers")
    func kinds() throws {
        let value = try parse(#" {"a": [1, -2.5, 1e3, true, null, "x\n\u00e9\ud83d\ude00"], "b": {}} "#)
        guard case .object(let members) = value, case .array(let items) = members["a"] else {
            Issue.record("not an object with an array")
            return
        }
        #expect(items == [.integer(1), .number(-2.5), .number(1000), .bool(true), .null, .string("x\né😀")])
        #expect(members["b"] == .object([:]))
    }

    @Test("a number is an integer when an Int64 holds it exactly, as JSON Schema's integer admits 42.0")
    func integerValue() throws {
        #expect(JSONInput.integer(7).integerValue == 7)
        #expect(JSONInput.number(42.0).integerValue == 42)
        #expect(JSONInput.number(-186.0).integerValue == -186)
        #expect(JSONInput.number(9_007_199_254_740_992.0).integerValue == 9_007_199_254_740_992, "2^53: schemathesis sent it as a batch id")
        #expect(JSONInput.number(4.5).integerValue == nil)
        #expect(JSONInput.number(9.3e18).integerValue == nil, "beyond Int64")
        #expect(JSONInput.string("7").integerValue == nil)
        #expect(try JSONInputParser.parse(Array("9007199254740992.0".utf8)).integerValue == 9_007_199_254_740_992)
    }

    @Test("rejects malformed input", arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "tru", "\"\\x\"", "\"\u{1}\"", "{\"a\" 1}", "{} {}",
        "\"\\ud800\"", "{\"a\":1,\"a\":2}", "NaN", "1e999",
    ])
    func malformed(text: String) {
        #expect(throws: JSONInputParser.SyntaxError.self) { try parse(text) }
    }

    @Test("limits nesting depth instead of overflowing the stack")
    func depth() {
        #expect(throws: JSONInputParser.SyntaxError.self) { try parse(String(repeating: "[", count: 100_000)) }
        #expect((try? parse(String(repeating: "[", count: 60) + String(repeating: "]", count: 60))) != nil)
    }

    @Test("canonical text sorts keys and escapes control characters")
    func canonical() throws {
        #expect(try parse(#"{"b": 1, "a": ["\u0001", 2.5]}"#).canonicalText == #"{"a":["\u0001",2.5],"b":1}"#)
    }
}
