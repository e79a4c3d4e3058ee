import APIContract
import OpenAPIKit
import SchemaModel
import ValueFormats

extension FieldSchema {
    /// A contract body member in the schema vocabulary, so `FieldSchemaBuilder` documents auth
    /// bodies exactly like table fields (formats, lengths, anchored patterns, nullability).
    init(contract field: ContractField) {
        var type: FieldType
        var pattern: String?
        var values: [String]?
        var items: FieldSchema?
        switch field.kind {
        case .string(let text):
            type = .string
            pattern = text
        case .email: type = .email
        case .uuid, .id(_, prefix: nil): type = .uuid
        case .id(_, let prefix?):
            type = .string
            // FieldSchemaBuilder anchors patterns itself.
            pattern = Base62ID.pattern(prefix: prefix, anchored: false)
        case .datetime: type = .datetime
        case .integer: type = .integer
        case .boolean: type = .boolean
        case .enumeration(let names):
            type = .enum
            values = names
        case .array(let item):
            type = .array
            items = FieldSchema(contract: item)
        }
        self.init(
            name: field.name, type: type, description: field.description, required: field.required, nullable: field.nullable,
            minimum: field.minimum.map(Double.init), maximum: field.maximum.map(Double.init), minLength: field.minLength,
            maxLength: field.maxLength, pattern: pattern, values: values, items: items)
    }
}

extension FieldSchemaBuilder {
    /// Object properties of contract body members, each enumeration with an `enumComponent`
    /// (an array's items too) documented as that component.
    func properties(ofContract members: [ContractField], usage: Usage) throws -> [SchemaFactory.Property] {
        var components: [String: String] = [:]
        for member in members {
            if let component = member.enumComponent { components[member.name] = component }
            if case .array(let item) = member.kind, let component = item.enumComponent { components[item.name] = component }
        }
        return try naming(enums: components).properties(of: members.map(FieldSchema.init(contract:)), usage: usage)
    }
}

extension FieldSchemaBuilder {
    /// The closed object schema of a contract request body: its members, and `clear` when the
    /// body is a partial update with nullable members (`ContractBody.clearable`), the list the
    /// runtime's validator takes.
    func requestBody(_ body: ContractBody) throws -> JSONSchema {
        var properties = try properties(ofContract: body.fields, usage: .input)
        if let clear = SchemaFactory.clearList(body.clearable) { properties.append(clear) }
        return SchemaFactory.object(properties, closed: true)
    }
}

extension SchemaFactory {
    /// The `clear` member of a partial update (`ClearList`): an array of the member names
    /// `names`, each at most once; `nil` when `names` is empty (the body takes no clear list).
    static func clearList(_ names: [String]) -> Property? {
        guard let first = names.first else { return nil }
        let item = JSONSchema.string(
            JSONSchema.CoreContext(description: "A field to set to null.", allowedValues: names.map { AnyCodable($0) }), JSONSchema.StringContext())
        return Property(
            ClearList.member,
            .array(
                JSONSchema.CoreContext(
                    description: "Fields to set to null, for clients that cannot send an explicit null (typed clients omit nil members): "
                        + "`{\"\(ClearList.member)\": [\"\(first)\"]}` is `{\"\(first)\": null}`. A field named here must not also be sent."),
                JSONSchema.ArrayContext(items: item, uniqueItems: true)),
            required: false)
    }
}
