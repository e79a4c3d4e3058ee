import Foundation
import OpenAPIKit
import SchemaModel

extension JSONValue {
    /// The value as OpenAPIKit's `AnyCodable`, for `default` and `examples`.
    ///
    /// Objects become dictionaries; their member order is lost, which is harmless because the
    /// document is encoded with sorted keys anyway.
    var anyCodable: AnyCodable {
        switch self {
        case .null: return AnyCodable(nil as String?)
        case .bool(let value): return AnyCodable(value)
        case .integer(let value): return AnyCodable(value)
        case .number(let value): return AnyCodable(value)
        case .string(let value): return AnyCodable(value)
        case .array(let values): return AnyCodable(values.map(\.anyCodable))
        case .object(let members):
            let pairs = members.map { ($0.key, $0.value.anyCodable) }
            return AnyCodable(Dictionary(pairs, uniquingKeysWith: { _, last in last }))
        }
    }
}

extension JSONValue {
    /// The JSON value an `AnyCodable` holds, as the generator makes them (`anyCodable` above,
    /// Swift texts, numbers and booleans, arrays and dictionaries of them, `nil`); `nil` for a
    /// value outside JSON's types (a date, a URL, any other `Encodable`), which `ExampleValues`
    /// then does not take as an example.
    init?(example: AnyCodable) {
        self.init(anyValue: example.value)
    }

    private init?(anyValue value: Any) {
        switch value {
        case let json as JSONValue: self = json
        case let codable as AnyCodable: self.init(anyValue: codable.value)
        case let text as String: self = .string(text)
        case let flag as Bool: self = .bool(flag)
        case let integer as Int: self = .integer(Int64(integer))
        case let integer as Int64: self = .integer(integer)
        case let integer as Int32: self = .integer(Int64(integer))
        case let number as Double: self = .number(number)
        case is Void, is NSNull: self = .null
        case let values as [Any]:
            var elements: [JSONValue] = []
            for element in values {
                guard let converted = JSONValue(anyValue: element) else { return nil }
                elements.append(converted)
            }
            self = .array(elements)
        case let members as [String: Any]:
            var converted: [JSONMember] = []
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                guard let value = JSONValue(anyValue: member) else { return nil }
                converted.append(JSONMember(key: key, value: value))
            }
            self = .object(converted)
        default: return nil
        }
    }
}
