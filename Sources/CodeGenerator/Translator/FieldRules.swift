import APIContract
import SchemaModel

/// Swift expressions for the runtime's `FieldRule`, `InputValue` and property types.
enum FieldRules {
    /// `FieldRule("title", .string(pattern: nil), required: true, maxLength: 200)`, the member
    /// (and nested members) spelled with `naming`.
    static func rule(
        _ field: FieldSchema, referencedKeys: [String: PrimaryKeySchema], structPrefix: String = "", naming: JSONNaming = .snakeCase
    ) -> String {
        var arguments = [
            SwiftNames.literal(naming.name(field.name)), kind(field, referencedKeys: referencedKeys, structPrefix: structPrefix, naming: naming),
        ]
        if field.required { arguments.append("required: true") }
        if field.nullable { arguments.append("nullable: true") }
        if field.readOnly { arguments.append("readOnly: true") }
        if let minimum = field.minimum { arguments.append("minimum: \(number(minimum))") }
        if let maximum = field.maximum { arguments.append("maximum: \(number(maximum))") }
        if let minLength = field.minLength { arguments.append("minLength: \(minLength)") }
        if let maxLength = field.maxLength { arguments.append("maxLength: \(maxLength)") }
        if let value = field.defaultValue { arguments.append("defaultValue: " + inputValue(value, type: field.type)) }
        if field.writeOnly { arguments.append("writeOnly: true") }
        return "FieldRule(" + arguments.joined(separator: ", ") + ")"
    }

    static func kind(
        _ field: FieldSchema, referencedKeys: [String: PrimaryKeySchema], structPrefix: String, naming: JSONNaming = .snakeCase
    ) -> String {
        switch field.type {
        case .string: return ".string(pattern: " + (field.pattern.map { "Pattern(\(SwiftNames.literal($0)))" } ?? "nil") + ")"
        case .text: return ".text"
        case .email: return ".email"
        case .url: return ".url"
        case .integer: return ".integer"
        case .number: return ".number"
        case .boolean: return ".boolean"
        case .datetime: return ".datetime"
        case .date: return ".date"
        case .uuid: return ".uuid"
        case .enum: return ".enumeration([" + (field.values ?? []).map(SwiftNames.literal).joined(separator: ", ") + "])"
        case .json: return ".json"
        case .relation: return ".relation(" + keyKind(referencedKeys[field.table ?? ""]) + ")"
        case .array:
            guard let items = field.items?.value else { return ".json" }
            return ".array(" + rule(items, referencedKeys: referencedKeys, structPrefix: structPrefix + SwiftNames.pascalCase(field.name), naming: naming) + ")"
        case .object:
            return ".object(" + structPrefix + SwiftNames.pascalCase(field.name) + ".rules)"
        }
    }

    /// The runtime's `PrimaryKeyKind` of a key (`.uuid`, `.integer`, `.prefixed("usr_")`).
    static func keyKind(_ key: PrimaryKeySchema?) -> String {
        switch key?.type ?? .uuid {
        case .uuid: return ".uuid"
        case .integer: return ".integer"
        case .prefixed: return ".prefixed(\(SwiftNames.literal(key?.prefix ?? "")))"
        }
    }

    /// An `InputValue` expression for a schema default.
    static func inputValue(_ value: JSONValue, type: FieldType) -> String {
        switch (value, type) {
        case (.null, _): return ".null"
        case (_, .json), (.array, _), (.object, _):
            return ".json(RawJSON(validatedText: \(SwiftNames.literal(CanonicalJSON.text(value)))))"
        case (.bool(let bool), _): return ".bool(\(bool))"
        case (.integer(let integer), .number): return ".number(\(integer))"
        case (.integer(let integer), _): return ".integer(\(integer))"
        case (.number(let number), _): return ".number(\(number))"
        case (.string(let text), .uuid): return ".uuid(UUID(uuidString: \(SwiftNames.literal(text)))!)"
        case (.string(let text), .datetime):
            return ".timestamp(TimestampFormat.parseTimestamp(\(SwiftNames.literal(text)))!)"
        case (.string(let text), .date): return ".date(\(SwiftNames.literal(text)))"
        case (.string(let text), _): return ".string(\(SwiftNames.literal(text)))"
        }
    }

    /// The non-optional Swift type of a scalar field.
    static func scalarSwiftType(_ type: FieldType, referencedKey: PrimaryKeyType?) -> String {
        if type == .relation, referencedKey == .prefixed { return "String" }
        switch type {
        case .string, .text, .email, .url, .enum, .date: return "String"
        case .integer: return "Int64"
        case .number: return "Double"
        case .boolean: return "Bool"
        case .datetime: return "Date"
        case .uuid: return "UUID"
        case .json: return "RawJSON"
        case .relation: return referencedKey == .integer ? "Int64" : "UUID"
        case .array, .object: return "RawJSON"
        }
    }

    /// The accessor suffix shared by `RowReader` and `ValidatedObject` (`string`, `uuid`, ...).
    static func accessor(_ type: FieldType, referencedKey: PrimaryKeyType?) -> String {
        if type == .relation, referencedKey == .prefixed { return "String" }
        switch type {
        case .string, .text, .email, .url, .enum, .date: return "String"
        case .integer: return "Integer"
        case .number: return "Number"
        case .boolean: return "Bool"
        case .datetime: return "Timestamp"
        case .uuid: return "UUID"
        case .json, .array, .object: return "JSON"
        case .relation: return referencedKey == .integer ? "Integer" : "UUID"
        }
    }

    /// `reader.string()` / `reader.optionalString()` (the first letter lowered for the non-optional form).
    static func call(_ accessor: String, optional: Bool, on receiver: String, argument: String = "") -> String {
        let name = optional ? "optional" + accessor : lowerFirst(accessor)
        return "try \(receiver).\(name)(\(argument))"
    }

    static func lowerFirst(_ text: String) -> String {
        text == "UUID" || text == "JSON" ? text.lowercased() : text.prefix(1).lowercased() + text.dropFirst()
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
