/// The keys of a table file that place and shape its routes: `path`, `routes`, `envelopes`,
/// `listParameters` and `forbiddenAsNotFound`.
extension TableSchemaReader {
    /// Reads them into `table`; absent keys keep the defaults.
    static func readLayout(_ reader: ObjectReader, into table: inout TableSchema) {
        table.path = reader.string("path")
        // The object reader reports unknown operation names; the map reader reads the values.
        if reader.object("routes", keys: SchemaKeys.tableRoutes) != nil {
            for (key, value) in RouteOverrideReader.readMap(reader) {
                if let route = TableRouteKey(rawValue: key) { table.routes[route] = value }
            }
        }
        if reader.contains("envelopes") { table.envelopes = EnvelopesReader.read(reader) ?? EnvelopesSchema() }
        if let entries = reader.members("listParameters") {
            let path = reader.path(of: "listParameters")
            for entry in entries {
                guard let parameter = ObjectReader(
                    entry.value, at: JSONPath.member(entry.key, of: path), keys: SchemaKeys.listParameter, values: reader.values)
                else { continue }
                guard let field = parameter.string("field"), let compare: ListParameterComparison = parameter.choice("compare", named: "comparison"),
                    let description = parameter.string("description")
                else { continue }
                table.listParameters.append(.init(name: entry.key, field: field, compare: compare, description: description))
            }
        }
        table.forbiddenAsNotFound = reader.bool("forbiddenAsNotFound")
    }
}
