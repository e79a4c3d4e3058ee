import Testing
import ValueFormats

/// A schema pattern means what ECMA-262 (JSON Schema's dialect) says, for the server's ICU
/// matcher and for the Python tools that read the document: `SchemaPattern.portable` spells the
/// constructs the dialects disagree on as explicit classes.
@Suite("Schema patterns")
struct SchemaPatternTests {
    @Test(
        "dialect-dependent constructs become explicit classes; the rest is copied",
        arguments: [
            ("a.b", "a[^\\n\\r\\u2028\\u2029]b"),
            ("a\\.b", "a\\.b"),
            ("[.]", "[.]"),
            ("\\d{2}-\\D", "[0-9]{2}-[^0-9]"),
            ("\\w+\\W", "[A-Za-z0-9_]+[^A-Za-z0-9_]"),
            ("[\\d_-]", "[0-9_-]"),
            ("[^\\w.]", "[^A-Za-z0-9_.]"),
            ("[]a.]", "[]a.]"),
            ("[^].]", "[^].]"),
            ("\\\\.", "\\\\[^\\n\\r\\u2028\\u2029]"),
            ("(?:ab|cd)$", "(?:ab|cd)$"),
            ("\\p{L}+", "\\p{L}+"),
            ("[\\D]", "[\\D]"),
        ])
    func portable(source: String, expected: String) {
        #expect(SchemaPattern.portable(source) == expected)
    }

    @Test(
        "a pattern matches with ECMA-262's meaning of ., \\d, \\w and \\s",
        arguments: [
            // `.`: ECMA-262 refuses only line terminators; ICU alone also refused U+0085 and Python alone
            // accepted U+000D (schemathesis sent a carriage return in a webhook URL).
            ("[hH][tT][tT][pP][sS]?://.+", "HtTp://h\u{85}x", true),
            ("[hH][tT][tT][pP][sS]?://.+", "http://h\rx", false),
            ("a.b", "a\u{2028}b", false),
            ("a.b", "a\nb", false),
            ("a.b", "a\u{1F60D}b", true),
            // `\d` and `\w` are ASCII.
            ("\\d+", "123", true),
            ("\\d+", "\u{663}", false),
            ("\\w+", "abc_9", true),
            ("\\w+", "\u{E9}", false),
            // `\s` is ECMA-262's list: no-break space and BOM, not U+0085 or the information separators.
            ("a\\sb", "a\u{A0}b", true),
            ("a\\sb", "a\u{FEFF}b", true),
            ("a\\sb", "a\u{85}b", false),
            ("a\\sb", "a\u{1C}b", false),
            // The whole string must match.
            ("abc", "xabc", false),
            ("abc", "abcx", false),
            ("a|b", "ab", false),
        ])
    func matches(pattern: String, text: String, expected: Bool) throws {
        #expect(try SchemaPattern(pattern).matches(text) == expected)
    }

    @Test("a pattern that does not compile is refused")
    func invalid() {
        #expect(throws: (any Error).self) { try SchemaPattern("a(b") }
    }
}
