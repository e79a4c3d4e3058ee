import SchemaModel

/// Reading the OpenAPI document and response bodies (parsed strictly by `JSONParser`, which
/// keeps member order, tells integers from numbers and refuses duplicate members).
extension JSONValue {
    /// The member `key` of an object; `nil` for anything else.
    subscript(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The members of an object, in order; empty for anything else.
    var members: [JSONMember] {
        if case .object(let members) = self { return members }
        return []
    }

    /// The text of a string.
    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of an integer, or of a number without fraction.
    var integer: Int64? {
        switch self {
        case .integer(let value): return value
        case .number(let value) where value.rounded() == value && abs(value) < 9.2e18: return Int64(value)
        default: return nil
        }
    }

    /// The value of an integer or number.
    var double: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    /// The strings of an array of strings (other items are skipped).
    var strings: [String] {
        if case .array(let items) = self { return items.compactMap(\.string) }
        return []
    }

    /// JSON equality where `1` and `1.0` are the same number, as JSON Schema's `enum` and `const` compare.
    func jsonEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.jsonEquals($1) }
        case (.object(let left), .object(let right)):
            return left.count == right.count && left.allSatisfy { member in other[member.key].map(member.value.jsonEquals) ?? false }
        default:
            if let left = double, let right = other.double { return left == right }
            return self == other
        }
    }
}
