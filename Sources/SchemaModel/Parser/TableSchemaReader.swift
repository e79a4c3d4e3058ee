/// Reads `Schemas/<app>/tables/<name>.json` into a `TableSchema`.
enum TableSchemaReader {
    /// Reads a table file; absent optional keys take the `TableSchema` defaults.
    static func read(_ root: JSONValue, values: ValueReader) -> TableSchema? {
        guard let reader = ObjectReader(root, at: "", keys: SchemaKeys.table, values: values) else { return nil }
        _ = reader.string(SchemaKeys.schemaReference)
        let fields = reader.members("fields").map {
            FieldSchemaReader.readFields($0, at: reader.path(of: "fields"), values: values)
        }
        var table = TableSchema(
            file: values.file,
            name: reader.string("name") ?? "",
            description: reader.string("description") ?? "",
            primaryKey: readPrimaryKey(reader) ?? PrimaryKeySchema(),
            timestamps: reader.bool("timestamps") ?? true,
            operations: readOperations(reader) ?? TableOperation.allCases,
            fields: fields ?? [],
            indexes: readIndexes(reader) ?? [],
            upsertKey: reader.string("upsertKey"))
        table.singular = reader.string("singular")
        table.softDelete = reader.bool("softDelete") ?? false
        table.serverOwnedFields = reader.choice("serverOwnedFields", named: "server-owned fields policy") ?? .reject
        table.renamedFrom = reader.string("renamedFrom")
        table.allowDataLoss = reader.bool("allowDataLoss") ?? false
        readAccess(reader, into: &table)
        readLayout(reader, into: &table)
        return table
    }

    private static func readPrimaryKey(_ table: ObjectReader) -> PrimaryKeySchema? {
        guard let reader = table.object("primaryKey", keys: SchemaKeys.primaryKey) else { return nil }
        let defaults = PrimaryKeySchema()
        return PrimaryKeySchema(
            name: reader.string("name") ?? defaults.name,
            type: reader.choice("type", named: "primary key type") ?? defaults.type,
            prefix: reader.string("prefix"))
    }

    private static func readOperations(_ table: ObjectReader) -> [TableOperation]? {
        guard let elements = table.array("operations") else { return nil }
        let path = table.path(of: "operations")
        return elements.enumerated().compactMap { index, element in
            table.values.choice(element, at: JSONPath.element(index, of: path), named: "operation")
        }
    }

    private static func readIndexes(_ table: ObjectReader) -> [IndexSchema]? {
        guard let elements = table.array("indexes") else { return nil }
        let path = table.path(of: "indexes")
        return elements.enumerated().compactMap { index, element in
            let elementPath = JSONPath.element(index, of: path)
            guard let reader = ObjectReader(element, at: elementPath, keys: SchemaKeys.index, values: table.values)
            else { return nil }
            return IndexSchema(
                name: reader.string("name"),
                fields: reader.stringArray("fields") ?? [],
                unique: reader.bool("unique") ?? false)
        }
    }
}
