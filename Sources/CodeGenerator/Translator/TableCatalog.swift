import Foundation
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
        let name = { (member: String) in JSONText.string(config.jsonName(member)) }
        let tables = app.tables.map { table -> String in
            let routes = TableRoutes(table: table, basePath: config.basePath)
            let path = routes.paths.first { $0.key == .list }?.paths.first ?? routes.paths.first?.paths.first ?? ""
            let fields = table.fields.filter { !$0.writeOnly }.map { field -> String in
                var members = [
                    name("name") + ":" + JSONText.string(config.jsonName(field.name)),
                    name("type") + ":" + JSONText.string(field.type.rawValue),
                    name("description") + ":" + JSONText.string(field.description),
                    name("required") + ":" + String(field.required),
                    name("nullable") + ":" + String(field.nullable),
                    name("unique") + ":" + String(field.unique),
                    name("read_only") + ":" + String(field.readOnly),
                ]
                if let values = field.values { members.append(name("values") + ":[" + values.map(JSONText.string).joined(separator: ",") + "]") }
                if let target = field.table { members.append(name("table") + ":" + JSONText.string(target)) }
                return "{" + members.joined(separator: ",") + "}"
            }
            let members = [
                name("name") + ":" + JSONText.string(table.name),
                name("description") + ":" + JSONText.string(table.description),
                name("path") + ":" + JSONText.string(path),
                name("primary_key") + ":{" + name("name") + ":" + JSONText.string(config.jsonName(table.primaryKey.name)) + ","
                    + name("type") + ":" + JSONText.string(table.primaryKey.type.rawValue) + "}",
                name("operations") + ":[" + table.operations.map { JSONText.string($0.rawValue) }.joined(separator: ",") + "]",
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

/// JSON text of values the generator writes by hand.
enum JSONText {
    /// `text` as a JSON string literal.
    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
