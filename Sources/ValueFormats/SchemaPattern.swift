import Foundation

/// A schema's `pattern`, matched the same way by the generator (defaults and examples), the
/// runtime (request values) and every reader of the OpenAPI document.
///
/// JSON Schema patterns are ECMA-262 regular expressions, the server matches with ICU
/// (`NSRegularExpression`) and common tools (schemathesis, hypothesis, jsonschema) with Python's
/// `re`. The three read a few constructs differently: `.` (ICU also refuses U+0085, ECMA-262 also
/// U+000D, U+2028 and U+2029, Python only U+000A), `\d` and `\w` (Unicode digits and letters in
/// ICU and Python, ASCII in ECMA-262) and `\s` (each has its own list). `portable(_:)` rewrites
/// those into explicit character classes with the ECMA-262 meaning, which all three read alike;
/// the document publishes the rewritten pattern and the server compiles the same text, so a
/// value one of them accepts is accepted by all.
///
/// Left as written: `\D`, `\W` and `\S` inside a bracket class (no class can state them in the
/// other dialects' syntax), `\b` and `\B` (their word characters follow each engine), and `$`,
/// which ICU and Python also match before one final line terminator.
///
/// `@unchecked Sendable`: `NSRegularExpression` is immutable after creation and documented as
/// safe to use from several threads at once; the wrapper exposes only matching.
public struct SchemaPattern: @unchecked Sendable {
    /// The pattern as the schema wrote it, quoted in messages.
    public let source: String
    private let expression: NSRegularExpression

    /// Compiles `source` as the whole-string match `anchored(_:)` describes.
    public init(_ source: String) throws {
        self.source = source
        expression = try NSRegularExpression(pattern: Self.anchored(source))
    }

    /// Whether the whole string matches.
    public func matches(_ string: String) -> Bool {
        let range = NSRange(string.startIndex..<string.endIndex, in: string)
        return expression.firstMatch(in: string, options: [], range: range) != nil
    }

    /// The pattern as documented and compiled: the whole string must match (JSON Schema patterns
    /// search anywhere, so the anchors are explicit) and dialect-dependent constructs are spelled
    /// out (`portable(_:)`).
    public static func anchored(_ source: String) -> String {
        "^(?:" + portable(source) + ")$"
    }

    /// ECMA-262 white space and line terminators: what `\s` means in a JSON Schema pattern.
    static let whitespace = "\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF"
    static let digits = "0-9"
    static let wordCharacters = "A-Za-z0-9_"
    /// ECMA-262 `.`: any character but a line terminator.
    static let anyButLineTerminator = "[^\\n\\r\\u2028\\u2029]"

    /// `source` with `.`, `\d`, `\D`, `\w`, `\W`, `\s` and `\S` replaced by explicit classes of
    /// their ECMA-262 meaning; everything else (escapes, bracket classes, groups) is copied.
    public static func portable(_ source: String) -> String {
        var output = ""
        var inClass = false
        var classStart = false
        var scalars = source.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\\" {
                guard let escaped = scalars.next() else {
                    output.unicodeScalars.append(scalar)
                    break
                }
                output += inClass ? classEscape(escaped) : escape(escaped)
                classStart = false
                continue
            }
            if inClass {
                // `]` right after `[` or `[^` is a literal in ICU and Python.
                if scalar == "]" && !classStart { inClass = false }
                classStart = classStart && scalar == "^" && output.hasSuffix("[")
                output.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "[":
                inClass = true
                classStart = true
                output.unicodeScalars.append(scalar)
            case ".":
                output += anyButLineTerminator
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "d": return "[" + digits + "]"
        case "D": return "[^" + digits + "]"
        case "w": return "[" + wordCharacters + "]"
        case "W": return "[^" + wordCharacters + "]"
        case "s": return "[" + whitespace + "]"
        case "S": return "[^" + whitespace + "]"
        default: return "\\" + String(scalar)
        }
    }

    private static func classEscape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "d": return digits
        case "w": return wordCharacters
        case "s": return whitespace
        default: return "\\" + String(scalar)
        }
    }
}
