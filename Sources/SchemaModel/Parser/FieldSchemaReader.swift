/// Reads field objects (table fields, parameters, body fields, array items) into `FieldSchema`.
enum FieldSchemaReader {
    /// Reads an ordered `fields`-style object: each member is a field named by its key.
    static func readFields(_ members: [JSONMember], at path: String, values: ValueReader) -> [FieldSchema] {
        members.compactMap { member in
            read(member.value, name: member.key, at: JSONPath.member(member.key, of: path), values: values)
        }
    }

    /// Reads the field object at `path`.
    ///
    /// - Parameter inheritedDescription: the description used when the object has none; only
    ///   an array's `items` passes one (its parent's), everywhere else `description` is required.
    static func read(
        _ value: JSONValue, name: String, at path: String, inheritedDescription: String? = nil, values: ValueReader
    ) -> FieldSchema? {
        guard let reader = ObjectReader(value, at: path, keys: SchemaKeys.field, values: values) else { return nil }
        let type: FieldType? = reader.choice("type", named: "field type")
        var description = reader.string("description")
        if !reader.contains("description") {
            if let inheritedDescription {
                description = inheritedDescription
            } else {
                reader.reportMissing("description", kind: "a string that documents the field")
            }
        }
        let items = reader.value("items").flatMap {
            read(
                $0, name: "items", at: reader.path(of: "items"), inheritedDescription: description ?? "", values: values
            )
        }
        let fields = reader.members("fields").map { readFields($0, at: reader.path(of: "fields"), values: values) }
        var field = FieldSchema(
            name: name, type: type ?? .string, description: description ?? "",
            required: reader.bool("required") ?? false,
            nullable: reader.bool("nullable") ?? false,
            unique: reader.bool("unique") ?? false,
            readOnly: reader.bool("readOnly") ?? false,
            defaultValue: reader.value("default"),
            minimum: reader.number("min"), maximum: reader.number("max"),
            minLength: reader.integer("minLength"), maxLength: reader.integer("maxLength"),
            pattern: reader.string("pattern"),
            values: reader.stringArray("values"),
            table: reader.string("table"),
            onDelete: reader.choice("onDelete", named: "onDelete action"),
            items: items, fields: fields,
            example: reader.value("example"))
        field.writeOnly = reader.bool("writeOnly") ?? false
        field.searchable = reader.bool("searchable") ?? false
        field.renamedFrom = reader.string("renamedFrom")
        field.filterable = reader.bool("filterable") ?? true
        field.sortable = reader.bool("sortable") ?? true
        return type == nil ? nil : field
    }
}
