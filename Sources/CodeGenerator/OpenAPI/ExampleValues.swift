import APIContract
import Foundation
import OpenAPIKit
import SchemaModel

/// Example values for the document's schemas, derived from the schemas themselves: a schema's own
/// example, default or first allowed value when it has one, otherwise a value of its format
/// (`date-time`, `email`, `uuid`, ...), a text chosen by the member's name (`name`, `url`,
/// `description`, ...), or a string its pattern matches, within its lengths and bounds. Objects hold
/// an example of each member, arrays one item, references the example of the component they name.
///
/// Deterministic: the same document always gets the same examples (`loom generate --check`).
///
/// The values are `JSONValue`s, put in the document as one `AnyCodable` each (`DocumentExamples`):
/// `AnyCodable` encodes a value by trying some twenty casts and re-wrapping every member of a
/// dictionary or array, which for examples made of nested `AnyCodable`s was 8 % of a generation of
/// 50 tables; a `JSONValue` encodes its members itself.
struct ExampleValues {
    private let components: OpenAPI.ComponentDictionary<JSONSchema>
    private var memo: [String: JSONValue?] = [:]
    private var inProgress: Set<String> = []
    /// `ExampleText.string` by what it reads: a table's text fields recur in its record, input,
    /// patch and list schemas, and each pattern was compiled again (3 % of a generation).
    private var texts: [TextRequest: String?] = [:]

    /// What `ExampleText.string` reads of a string schema.
    private struct TextRequest: Hashable {
        let format: String
        let member: String?
        let pattern: String?
        let minLength: Int
        let maxLength: Int?
    }

    init(components: OpenAPI.ComponentDictionary<JSONSchema>) {
        self.components = components
    }

    /// The example of the component `name`, or `nil` when none can be made (a required member
    /// without one, or a cycle).
    mutating func component(_ name: String) -> JSONValue? {
        if let known = memo[name] { return known }
        guard let schema = components[OpenAPI.ComponentKey(stringLiteral: name)], !inProgress.contains(name) else { return nil }
        inProgress.insert(name)
        let value = example(of: schema, member: nil)
        inProgress.remove(name)
        memo[name] = value
        return value
    }

    /// The example of `schema`, the schema of the object member `member` (its name picks a text).
    ///
    /// A given example, default or allowed value is taken when it is a JSON value other than null
    /// (`JSONValue(example:)`).
    mutating func example(of schema: JSONSchema, member: String?) -> JSONValue? {
        if let given = (schema.examples.first ?? schema.defaultValue).flatMap(JSONValue.init(example:)), given != .null {
            return given
        }
        if let allowed = schema.allowedValues?.lazy.compactMap(JSONValue.init(example:)).first(where: { $0 != .null }) {
            return allowed
        }
        switch schema.value {
        case .null: return .null
        case .boolean: return .bool(true)
        case .integer(_, let context):
            return .integer(Int64(Self.integer(member: member, minimum: context.minimum?.value, maximum: context.maximum?.value)))
        case .number(_, let context):
            return .number(Self.number(minimum: context.minimum?.value, maximum: context.maximum?.value))
        case .string(let core, let context):
            return text(format: core.format.rawValue, member: member, context: context).map(JSONValue.string)
        case .object(_, let context): return object(context)
        case .array(_, let context): return array(context, member: member)
        case .all(let schemas, _):
            var merged: [String: JSONValue] = [:]
            for part in schemas {
                guard let value = example(of: part, member: member) else { return nil }
                guard case .object(let members) = value else { return value }
                for member in members { merged[member.key] = member.value }
            }
            return Self.object(merged)
        case .one(let schemas, _) where schemas == FieldSchemaBuilder.anyValueButNull:
            // A `json` field that is not nullable: any value but null, shown like any free-form value.
            return Self.anyValue
        case .one(let schemas, _), .any(let schemas, _):
            for part in schemas where !Self.isNullType(part) {
                if let value = example(of: part, member: member) { return value }
            }
            return nil
        case .not(let excluded, _):
            // `{"not": {"type": "null"}}`: any value but null.
            return Self.isNullType(excluded) ? Self.anyValue : nil
        case .reference(let reference, _):
            return reference.name.flatMap { component($0) }
        case .fragment:
            return Self.anyValue
        }
    }

    private mutating func text(format: String, member: String?, context: JSONSchema.StringContext) -> String? {
        let request = TextRequest(
            format: format, member: member, pattern: context.pattern, minLength: context.minLength, maxLength: context.maxLength)
        if let known = texts[request] { return known }
        let text = ExampleText.string(format: format, member: member, context: context)
        texts[request] = text
        return text
    }

    private mutating func object(_ context: JSONSchema.ObjectContext) -> JSONValue? {
        var members: [String: JSONValue] = [:]
        for (name, property) in context.properties {
            if let value = example(of: property, member: name) {
                members[name] = value
            } else if context.requiredProperties.contains(name) {
                return nil
            }
        }
        if context.properties.isEmpty, case .b(let additional)? = context.additionalProperties {
            guard let value = example(of: additional, member: nil) else { return nil }
            members["key"] = value
        }
        Self.leaveOutCleared(&members, properties: Set(context.properties.keys))
        return Self.object(members)
    }

    /// An object of `members`, in key order (the order the document is encoded in anyway).
    private static func object(_ members: [String: JSONValue]) -> JSONValue {
        .object(members.sorted { $0.key < $1.key }.map { JSONMember(key: $0.key, value: $0.value) })
    }

    /// A partial update's clear list (`ClearList`) names members the same body must not set:
    /// an example naming one leaves that member out, so the example is a body the server takes.
    private static func leaveOutCleared(_ members: inout [String: JSONValue], properties: Set<String>) {
        guard case .array(let clear)? = members[ClearList.member] else { return }
        let names = clear.compactMap { value -> String? in
            guard case .string(let name) = value else { return nil }
            return name
        }
        guard names.count == clear.count, names.allSatisfy(properties.contains) else { return }
        for name in names { members[name] = nil }
    }

    private mutating func array(_ context: JSONSchema.ArrayContext, member: String?) -> JSONValue? {
        guard let items = context.items else { return .array([]) }
        if context.maxItems == 0 { return .array([]) }
        let count = max(context.minItems, 1)
        if count > 1, context.uniqueItems {
            guard let values = items.allowedValues?.compactMap(JSONValue.init(example:)).filter({ $0 != .null }), values.count >= count
            else { return nil }
            return .array(Array(values.prefix(count)))
        }
        guard let value = example(of: items, member: member) else { return nil }
        return .array(Array(repeating: value, count: count))
    }

    /// What a free-form JSON value is shown as.
    static let anyValue = JSONValue.object([JSONMember(key: "key", value: .string("value"))])

    private static func isNullType(_ schema: JSONSchema) -> Bool {
        if case .null = schema.value { return true }
        return false
    }

    /// A count chosen by the member's name (`limit` 20, `offset` 0, ...), else the minimum or 1,
    /// within the bounds.
    private static func integer(member: String?, minimum: Int?, maximum: Int?) -> Int {
        let named = member.flatMap { integers[$0.lowercased().filter { $0 != "_" && $0 != "-" }] }
        let value = max(named ?? minimum ?? 1, minimum ?? .min)
        return maximum.map { min(value, $0) } ?? value
    }

    private static let integers: [String: Int] = [
        "limit": 20, "offset": 0, "total": 1, "page": 1, "perpage": 20, "expiresin": 3600, "retryafter": 30,
        "amount": 100, "balance": 100, "attempt": 1, "attempts": 1, "statuscode": 200, "status": 200,
        "xratelimitlimit": 100, "xratelimitremaining": 99, "xratelimitreset": 1_796_458_491,
    ]

    private static func number(minimum: Double?, maximum: Double?) -> Double {
        let value = max(minimum ?? 12.5, 12.5)
        return maximum.map { min(value, $0) } ?? value
    }
}
