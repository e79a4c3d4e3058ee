import Foundation

/// A validated value of a request field, already converted to its schema type.
public indirect enum InputValue: Sendable, Hashable {
    case null
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case uuid(UUID)
    case timestamp(Date)
    /// A calendar date `YYYY-MM-DD`.
    case date(String)
    case json(RawJSON)
    case array([InputValue])
    case object(ValidatedObject)

    /// The value as bound to SQL. Arrays and objects only occur in endpoint bodies, never in
    /// table writes; they are bound as their JSON text.
    public var sqlValue: SQLValue {
        switch self {
        case .null: return .null
        case .string(let value): return .text(value)
        case .integer(let value): return .integer(value)
        case .number(let value): return .double(value)
        case .bool(let value): return .bool(value)
        case .uuid(let value): return .uuid(value)
        case .timestamp(let value): return .timestamp(value)
        case .date(let value): return .date(value)
        case .json(let value): return .json(value.text)
        case .array, .object: return .json("null")
        }
    }
}

/// The validated members of a JSON object, by position in the rules that validated it.
public struct ValidatedObject: Sendable, Hashable {
    /// One entry per rule; `nil` when the member was absent.
    public var values: [InputValue?]
    /// Creates an object.
    public init(values: [InputValue?]) { self.values = values }
}
