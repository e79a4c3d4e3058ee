import OpenAPIKit
import SchemaModel

/// The component schemas of one table: the record responses hold, the create and update
/// bodies, and the list page.
struct TableSchemas {
    /// The table.
    let table: TableSchema
    /// Field schema conversion (relations need other tables' keys).
    let fields: FieldSchemaBuilder

    /// The components this table's operations use, by name. The record is always present: it
    /// documents the table even when only custom endpoints read it.
    func schemas() throws -> [(String, JSONSchema)] {
        let operations = Set(table.operations)
        var result = [(OpenAPINames.record(table), try record())]
        if operations.contains(.get) || operations.contains(.list) {
            result.append((OpenAPINames.selection(table), try selection()))
        }
        if operations.contains(.create) || operations.contains(.replace) {
            result.append((OpenAPINames.create(table), try input(usage: .input)))
        }
        if operations.contains(.update) {
            result.append((OpenAPINames.update(table), try input(usage: .patch)))
        }
        if operations.contains(.list) {
            result.append((OpenAPINames.page(table), page()))
        }
        return result
    }

    /// Key, fields, timestamps; all required because responses always carry every member
    /// (nullable ones as `null`).
    func record() throws -> JSONSchema {
        let key = table.primaryKey
        var properties = [SchemaFactory.Property(
            key.name, SchemaFactory.primaryKey(key.type, description: "Unique identifier of the record, set by the server.", readOnly: true))]
        for field in table.fields where !field.writeOnly {
            properties.append(.init(field.name, try fields.schema(for: field, usage: .record)))
        }
        if table.timestamps {
            properties.append(.init("created_at", SchemaFactory.timestamp("When the record was created (UTC).")))
            properties.append(.init("updated_at", SchemaFactory.timestamp("When the record was last changed (UTC).")))
        }
        if table.softDelete {
            properties.append(.init("deleted_at", .string(
                JSONSchema.CoreContext(format: .dateTime, nullable: true, permissions: .readOnly, description: "When the record was deleted (UTC); null while it is live."),
                JSONSchema.StringContext())))
        }
        return SchemaFactory.object(properties, description: table.description)
    }

    /// The record's members with none required: what `fields=` answers on reads.
    func selection() throws -> JSONSchema {
        let whole = try record()
        guard case .object(let core, let object) = whole.value else { return whole }
        var members = OrderedDictionary<String, JSONSchema>()
        for (name, schema) in object.properties { members[name] = schema.optionalSchemaObject() }
        return JSONSchema.object(core, JSONSchema.ObjectContext(properties: members, additionalProperties: object.additionalProperties))
            .with(description: "Members of a \(table.name) record chosen with `fields`; without `fields` every member is present.")
    }

    /// What reads answer: the whole record, or (with `fields`) the members asked for. The whole
    /// record comes first so typed clients read it as such whenever they can.
    static func selectedRecord(_ table: TableSchema) -> JSONSchema {
        .any(of: [SchemaFactory.reference(OpenAPINames.record(table)), SchemaFactory.reference(OpenAPINames.selection(table))])
    }

    /// The writable fields; for create/replace the required ones are required, for update none is.
    func input(usage: FieldSchemaBuilder.Usage) throws -> JSONSchema {
        let writable = table.fields.filter { !$0.readOnly }
        let properties = try writable.map { field in
            SchemaFactory.Property(
                field.name, try fields.schema(for: field, usage: usage), required: usage != .patch && field.required)
        }
        let purpose = usage == .patch
            ? "Fields to change in a \(table.name) record; absent fields keep their value."
            : "A new or replacing \(table.name) record."
        let serverOwned = table.serverOwnedFields == .ignore
            ? " Server-owned members (the key, timestamps, read-only fields) may be sent and are ignored."
            : " Server-owned members (the key, timestamps, read-only fields) are not accepted: sending one is a 422."
        return SchemaFactory.object(properties, description: purpose + serverOwned, closed: true)
    }

    /// `{items, total, limit, offset, next_cursor}` as `TableHandlers.list` writes it.
    func page() -> JSONSchema {
        SchemaFactory.object(
            [
                .init("items", SchemaFactory.array(of: Self.selectedRecord(table), description: "The records of this page; with `fields`, only the members asked for.")),
                .init("total", .integer(
                    JSONSchema.CoreContext(nullable: true, description: "Number of records matching the filters, across all pages; null with `count=none`."),
                    JSONSchema.IntegerContext())),
                .init("limit", SchemaFactory.integer("The page size used.")),
                .init("offset", SchemaFactory.integer("Records skipped before this page.")),
                .init("expand", .object(
                    JSONSchema.CoreContext(description: "With `expand=`: per expanded path, the related records by key (forward: one record per key; referencing tables: an array per key of the record referenced)."),
                    JSONSchema.ObjectContext(properties: [:], additionalProperties: .init(true))), required: false),
                .init("next_cursor", .string(
                    JSONSchema.CoreContext(nullable: true, description: "Send as `cursor` (with the same `sort` and `filter`) for the next page; null on the last page."),
                    JSONSchema.StringContext())),
            ],
            description: "One page of \(table.name) records.")
    }
}
