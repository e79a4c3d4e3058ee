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
