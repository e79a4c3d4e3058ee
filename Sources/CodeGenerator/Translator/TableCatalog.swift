import APIContract
import SchemaModel

/// The table catalog (`GET <routes.tableCatalog>`, the system operation `tableCatalog`): every
/// table of the app (by name) with its collection path, key, operations and fields (in declaration order).
/// The generator writes it once, as JSON, into the app's settings (the runtime serves those
/// bytes) and into the OpenAPI document as the answer's example, so the two never differ.
enum TableCatalog {
    /// The catalog of `app` in its JSON naming.
    static func json(_ app: AppSchema) -> String {
        let config = app.config
        let name = { (member: String) in CanonicalJSON.quote(config.jsonName(member)) }
        let tables = app.tables.map { table -> String in
            let routes = TableRoutes(table: table, basePath: config.basePath)
            let path = routes.paths.first { $0.key == .list }?.paths.first ?? routes.paths.first?.paths.first ?? ""
            let fields = table.fields.filter { !$0.writeOnly }.map { field -> String in
                var members = [
                    name("name") + ":" + CanonicalJSON.quote(config.fieldName(field.name)),
                    name("type") + ":" + CanonicalJSON.quote(field.type.rawValue),
                    name("description") + ":" + CanonicalJSON.quote(field.description),
                    name("required") + ":" + String(field.required),
                    name("nullable") + ":" + String(field.nullable),
                    name("unique") + ":" + String(field.unique),
                    name("read_only") + ":" + String(field.readOnly),
                ]
                if let values = field.values { members.append(name("values") + ":[" + values.map(CanonicalJSON.quote).joined(separator: ",") + "]") }
                if let target = field.table { members.append(name("table") + ":" + CanonicalJSON.quote(target)) }
                return "{" + members.joined(separator: ",") + "}"
            }
            let members = [
                name("name") + ":" + CanonicalJSON.quote(table.name),
                name("description") + ":" + CanonicalJSON.quote(table.description),
                name("path") + ":" + CanonicalJSON.quote(path),
                name("primary_key") + ":{" + name("name") + ":" + CanonicalJSON.quote(config.fieldName(table.primaryKey.name)) + ","
                    + name("type") + ":" + CanonicalJSON.quote(table.primaryKey.type.rawValue) + "}",
                name("operations") + ":[" + table.operations.map { CanonicalJSON.quote($0.rawValue) }.joined(separator: ",") + "]",
                name("timestamps") + ":" + String(table.timestamps),
                name("soft_delete") + ":" + String(table.softDelete),
                name("fields") + ":[" + fields.joined(separator: ",") + "]",
            ]
            return "{" + members.joined(separator: ",") + "}"
        }
        return "{" + name("tables") + ":[" + tables.joined(separator: ",") + "]}"
    }

    /// Whether `config` serves the catalog (only where `routes.tableCatalog` declares it).
    static func served(_ config: AppConfig) -> Bool {
        config.servedSystemRoutes[SystemOperation.tableCatalog.routeKey]?.isOff == false
    }
}
