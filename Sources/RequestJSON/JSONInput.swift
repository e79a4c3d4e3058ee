/// A JSON value read from a request body, before validation.
///
/// It lives with its parser in the dependency-free target `RequestJSON` (re-exported by
/// `Runtime`), so the body parser's fuzzer (`BodyJSONFuzzer`) compiles only these files.
///
/// Objects keep their members in a dictionary: request bodies are looked up by field name and
/// their order carries no meaning.
public enum JSONInput: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONInput])
    case object([String: JSONInput])

    /// Whether any string or member name inside contains U+0000 (see `InputValidator.nulMessage`).
    public var containsNUL: Bool {
        switch self {
        case .null, .bool, .integer, .number: return false
        case .string(let text): return text.containsNUL
        case .array(let elements): return elements.contains { $0.containsNUL }
        case .object(let members): return members.contains { $0.key.containsNUL || $0.value.containsNUL }
        }
    }

    /// The integer a number denotes: an integer literal, or a number with no fraction that an
    /// `Int64` holds exactly (`42.0` is 42, as JSON Schema's `integer` admits it; so is
    /// `9007199254740992.0`); `nil` for anything else. The one rule for integer fields and ids.
    public var integerValue: Int64? {
        switch self {
        case .integer(let integer): return integer
        case .number(let number): return Int64(exactly: number)
        default: return nil
        }
    }

    /// The JSON kind's name as used in validation messages.
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer: return "an integer"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension String {
    /// Whether the text holds U+0000, which PostgreSQL cannot store in `TEXT` or `JSONB`; input
    /// holding it is refused on both engines (query strings, bodies, `json` fields).
    public var containsNUL: Bool { unicodeScalars.contains("\u{0}") }
}
