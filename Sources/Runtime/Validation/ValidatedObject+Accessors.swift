import Foundation

/// Typed reads used by generated endpoint inputs. The validator has already checked every
/// value against the same rules, so a mismatch here is a generator bug, reported as a 500.
extension ValidatedObject {
    private func value(_ index: Int) -> InputValue? {
        guard index < values.count, let value = values[index], value != .null else { return nil }
        return value
    }

    private func required<Value>(_ index: Int, _ extract: (InputValue) -> Value?) throws(APIError) -> Value {
        guard let value = value(index), let result = extract(value) else { throw APIError.internalError }
        return result
    }

    private func optional<Value>(_ index: Int, _ extract: (InputValue) -> Value?) throws(APIError) -> Value? {
        guard let value = value(index) else { return nil }
        guard let result = extract(value) else { throw APIError.internalError }
        return result
    }

    /// A string-like value (`string`, `text`, `email`, `url`, `enum`, `date`).
    public func string(_ index: Int) throws(APIError) -> String { try required(index, Self.string) }
    /// An optional string-like value.
    public func optionalString(_ index: Int) throws(APIError) -> String? { try optional(index, Self.string) }
    /// An integer.
    public func integer(_ index: Int) throws(APIError) -> Int64 { try required(index, Self.integer) }
    /// An optional integer.
    public func optionalInteger(_ index: Int) throws(APIError) -> Int64? { try optional(index, Self.integer) }
    /// A number.
    public func number(_ index: Int) throws(APIError) -> Double { try required(index, Self.number) }
    /// An optional number.
    public func optionalNumber(_ index: Int) throws(APIError) -> Double? { try optional(index, Self.number) }
    /// A boolean.
    public func bool(_ index: Int) throws(APIError) -> Bool { try required(index, Self.bool) }
    /// An optional boolean.
    public func optionalBool(_ index: Int) throws(APIError) -> Bool? { try optional(index, Self.bool) }
    /// A UUID.
    public func uuid(_ index: Int) throws(APIError) -> UUID { try required(index, Self.uuid) }
    /// An optional UUID.
    public func optionalUUID(_ index: Int) throws(APIError) -> UUID? { try optional(index, Self.uuid) }
    /// A timestamp.
    public func timestamp(_ index: Int) throws(APIError) -> Date { try required(index, Self.timestamp) }
    /// An optional timestamp.
    public func optionalTimestamp(_ index: Int) throws(APIError) -> Date? { try optional(index, Self.timestamp) }
    /// A JSON document.
    public func json(_ index: Int) throws(APIError) -> RawJSON { try required(index, Self.json) }
    /// An optional JSON document.
    public func optionalJSON(_ index: Int) throws(APIError) -> RawJSON? { try optional(index, Self.json) }
    /// An array, element values still untyped.
    public func array(_ index: Int) throws(APIError) -> [InputValue] { try required(index, Self.array) }
    /// An optional array.
    public func optionalArray(_ index: Int) throws(APIError) -> [InputValue]? { try optional(index, Self.array) }
    /// A nested object.
    public func object(_ index: Int) throws(APIError) -> ValidatedObject { try required(index, Self.object) }
    /// An optional nested object.
    public func optionalObject(_ index: Int) throws(APIError) -> ValidatedObject? { try optional(index, Self.object) }

    private static func string(_ value: InputValue) -> String? {
        switch value {
        case .string(let text), .date(let text): return text
        default: return nil
        }
    }
    private static func integer(_ value: InputValue) -> Int64? { if case .integer(let v) = value { return v } else { return nil } }
    private static func number(_ value: InputValue) -> Double? {
        switch value {
        case .number(let v): return v
        case .integer(let v): return Double(v)
        default: return nil
        }
    }
    private static func bool(_ value: InputValue) -> Bool? { if case .bool(let v) = value { return v } else { return nil } }
    private static func uuid(_ value: InputValue) -> UUID? { if case .uuid(let v) = value { return v } else { return nil } }
    private static func timestamp(_ value: InputValue) -> Date? { if case .timestamp(let v) = value { return v } else { return nil } }
    private static func json(_ value: InputValue) -> RawJSON? { if case .json(let v) = value { return v } else { return nil } }
    private static func array(_ value: InputValue) -> [InputValue]? { if case .array(let v) = value { return v } else { return nil } }
    private static func object(_ value: InputValue) -> ValidatedObject? { if case .object(let v) = value { return v } else { return nil } }
}

extension InputValue {
    /// Wraps a single value as a one-member object so array elements reuse the object accessors.
    public var asObject: ValidatedObject {
        if case .object(let object) = self { return object }
        return ValidatedObject(values: [self])
    }
}
