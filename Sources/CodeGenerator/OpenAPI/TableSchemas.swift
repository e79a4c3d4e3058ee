import APIContract
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
        if let key = table.upsertKey, !fields.context.routes(table)[.upsert].isEmpty {
            result.append((OpenAPINames.upsert(table), try input(usage: .input, requiring: key)))
        }
        if operations.contains(.list) {
            result.append((OpenAPINames.page(table), try page()))
        }
        return result
    }

    /// The table's envelopes (its own, else the app's).
    var envelopes: EnvelopesSchema { EnvelopesSchema.effective(table: table.envelopes, app: fields.context.config.envelopes) }

    /// Key, fields, timestamps, as the app spells them; all required because responses always
    /// carry every member (nullable ones as `null`). With `envelopes.record.fields` the declared
    /// fields are one object member between the key and the timestamps.
    func record() throws -> JSONSchema {
        let key = table.primaryKey
        let naming = fields.naming
        var properties = [SchemaFactory.Property(
            naming.name(key.name), SchemaFactory.primaryKey(key, description: "Unique identifier of the record, set by the server.", readOnly: true))]
        var declared: [SchemaFactory.Property] = []
        for field in table.fields where !field.writeOnly {
            declared.append(.init(naming.name(field.name), try fields.schema(for: field, usage: .record)))
        }
        if let nest = envelopes.record?.fields {
            properties.append(.init(nest, SchemaFactory.object(declared, description: "The record's fields.")))
        } else {
            properties += declared
        }
        // Loom's members, spelled by `naming` whatever `fieldNaming` says.
        let loom = fields.context.config.jsonNaming
        if table.timestamps {
            properties.append(.init(loom.name("created_at"), SchemaFactory.timestamp("When the record was created (UTC).")))
            properties.append(.init(loom.name("updated_at"), SchemaFactory.timestamp("When the record was last changed (UTC).")))
        }
        if table.softDelete {
            properties.append(.init(loom.name("deleted_at"), .string(
                JSONSchema.CoreContext(format: .dateTime, nullable: true, permissions: .readOnly, description: "When the record was deleted (UTC); null while it is live."),
                JSONSchema.StringContext())))
        }
        return SchemaFactory.object(properties, description: table.description)
    }

    /// What a single-record answer holds: `record` itself, or (`envelopes.record.wrap`) an
    /// object whose one member holds it.
    func singleRecord(_ record: JSONSchema) -> JSONSchema {
        guard let wrap = envelopes.record?.wrap else { return record }
        return SchemaFactory.object([.init(wrap, record)], description: "One \(table.name) record in `\(wrap)`.")
    }

    /// A write body: the component `name`, or (`envelopes.request.wrap`) an object whose one
    /// member holds it, the bare form also accepted when the wrapper is optional.
    func writeBody(_ name: String) -> JSONSchema {
        let bare = SchemaFactory.reference(name)
        guard let request = envelopes.request, let wrap = request.wrap else { return bare }
        let wrapped = SchemaFactory.object([.init(wrap, bare)], description: "The record's members in `\(wrap)`.", closed: true)
        return request.optional ? .any(of: [wrapped, bare]) : wrapped
    }

    /// The record's members with none required: what `fields=` answers on reads.
    func selection() throws -> JSONSchema {
        let whole = try record()
        guard case .object(let core, let object) = whole.value else { return whole }
        var members = OrderedDictionary<String, JSONSchema>()
        for (name, schema) in object.properties {
            // Nested fields: the member is always written, each field in it only when selected.
            if name == envelopes.record?.fields, case .object(let nestedCore, let nested) = schema.value {
                var inner = OrderedDictionary<String, JSONSchema>()
                for (field, fieldSchema) in nested.properties { inner[field] = fieldSchema.optionalSchemaObject() }
                members[name] = JSONSchema.object(nestedCore, JSONSchema.ObjectContext(properties: inner, additionalProperties: nested.additionalProperties))
            } else {
                members[name] = schema.optionalSchemaObject()
            }
        }
        return JSONSchema.object(core, JSONSchema.ObjectContext(properties: members, additionalProperties: object.additionalProperties))
            .with(description: "Members of a \(table.name) record chosen with `fields`; without `fields` every member is present.")
    }

    /// What reads answer: the whole record, or (with `fields`) the members asked for. The whole
    /// record comes first so typed clients read it as such whenever they can.
    static func selectedRecord(_ table: TableSchema) -> JSONSchema {
        .any(of: [SchemaFactory.reference(OpenAPINames.record(table)), SchemaFactory.reference(OpenAPINames.selection(table))])
    }

    /// The writable fields; for create/replace the required ones are required, for update none
    /// is; `requiring` (an upsert's key) is required besides.
    func input(usage: FieldSchemaBuilder.Usage, requiring key: String? = nil) throws -> JSONSchema {
        let writable = table.fields.filter { !$0.readOnly }
        var properties = try writable.map { field in
            // The upsert key decides which record to replace: required, and never null.
            var field = field
            if field.name == key { field.nullable = false }
            return SchemaFactory.Property(
                fields.naming.name(field.name), try fields.schema(for: field, usage: usage),
                required: (usage != .patch && field.required) || field.name == key)
        }
        if usage == .patch, let clear = clearList() { properties.append(clear) }
        let purpose = usage == .patch
            ? "Fields to change in a \(table.name) record; absent fields keep their value."
            : key.map { "A \(table.name) record to create, or to replace the one with the same \(fields.naming.name($0))." }
                ?? "A new or replacing \(table.name) record."
        let serverOwned = table.serverOwnedFields == .ignore
            ? " Server-owned members (the key, timestamps, read-only fields) may be sent and are ignored."
            : " Server-owned members (the key, timestamps, read-only fields) are not accepted: sending one is a 422."
        return SchemaFactory.object(properties, description: purpose + serverOwned, closed: true)
    }

    /// The update body's `clear` member (`ClearList`): the nullable fields a client may write,
    /// each named at most once; `nil` when the table takes no clear list.
    func clearList() -> SchemaFactory.Property? {
        let names = ClearList.names(of: table.fields.map { (fields.naming.name($0.name), $0.nullable, $0.readOnly) })
        guard !names.isEmpty else { return nil }
        return SchemaFactory.clearList(names)
    }

    /// `aggregations`, as `AggregateStatement` writes it: the figures `aggregate=` asked for.
    private func aggregations() throws -> JSONSchema {
        let naming = fields.naming
        func figures(_ function: String, _ fieldsOf: [FieldSchema], _ schema: (FieldSchema) throws -> JSONSchema) throws -> SchemaFactory.Property {
            let properties = try fieldsOf.map { SchemaFactory.Property(naming.name($0.name), try schema($0).nullableSchemaObject(), required: false) }
            return .init(function, SchemaFactory.object(properties, description: "Per field asked for: its \(function) over the matching records; null over none.", closed: true), required: false)
        }
        let number = { (_: FieldSchema) in
            JSONSchema.number(JSONSchema.CoreContext(description: "A figure over the matching records."), JSONSchema.NumericContext())
        }
        let ordered = { (field: FieldSchema) throws -> JSONSchema in
            var plain = FieldSchema(name: field.name, type: field.type, description: "The \(field.name) at that end of the matching records.")
            plain.example = field.example
            return try fields.schema(for: plain, usage: .record)
        }
        let numbers = ListQueryParameters.aggregatable(table)
        let extremes = ListQueryParameters.aggregatable(table, orderedOnly: true)
        return SchemaFactory.object([
            .init("count", SchemaFactory.integer("Number of matching records (with `\"count\": true`)."), required: false),
            try figures("sum", numbers, number), try figures("avg", numbers, number),
            try figures("min", extremes, ordered), try figures("max", extremes, ordered),
        ], description: "With `aggregate=`: the figures asked for, over every matching record.", closed: true)
    }

    /// The page as `TableHandlers.page` writes it in the table's list envelope: the records
    /// under `items` (or the envelope's name), `expand` when asked for, and the paging members
    /// beside them or nested in one object.
    func page() throws -> JSONSchema {
        let list = envelopes.list ?? EnvelopesSchema.List()
        let naming = fields.context.config.jsonNaming
        let paging: [SchemaFactory.Property] = list.metadata.map { member in
            let name = naming.name(member.rawValue)
            switch member {
            case .total:
                return .init(name, .integer(
                    JSONSchema.CoreContext(nullable: true, description: "Number of records matching the filters, across all pages; null with `count=none`."),
                    JSONSchema.IntegerContext()))
            case .limit: return .init(name, SchemaFactory.integer("The page size used."))
            case .offset: return .init(name, SchemaFactory.integer("Records skipped before this page."))
            case .page:
                return .init(name, .integer(
                    JSONSchema.CoreContext(nullable: true, description: "The page number from 1 (`offset / limit + 1`); null for a page reached with `cursor`."),
                    JSONSchema.IntegerContext()))
            case .totalPages:
                return .init(name, .integer(
                    JSONSchema.CoreContext(nullable: true, description: "Pages at this page size; null with `count=none`."), JSONSchema.IntegerContext()))
            case .hasNextPage: return .init(name, .boolean(JSONSchema.CoreContext(description: "Whether records follow this page.")))
            case .hasPreviousPage: return .init(name, .boolean(JSONSchema.CoreContext(description: "Whether records precede this page.")))
            case .nextCursor:
                return .init(name, .string(
                    JSONSchema.CoreContext(nullable: true, description: "Send as `cursor` (with the same `sort` and `filter`) for the next page; null on the last page."),
                    JSONSchema.StringContext()))
            }
        }
        var properties: [SchemaFactory.Property] = [
            .init(list.items, SchemaFactory.array(of: Self.selectedRecord(table), description: "The records of this page; with `fields`, only the members asked for.")),
            .init("expand", .object(
                JSONSchema.CoreContext(description: "With `expand=`: per expanded path, the related records by key (forward: one record per key; referencing tables: an array per key of the record referenced)."),
                JSONSchema.ObjectContext(properties: [:], additionalProperties: .init(true))), required: false),
            .init("aggregations", try aggregations(), required: false),
        ]
        if let nest = list.nest {
            properties.append(.init(nest, SchemaFactory.object(paging, description: "Paging of this list.")))
        } else {
            properties += paging
        }
        return SchemaFactory.object(properties, description: "One page of \(table.name) records.")
    }
}
