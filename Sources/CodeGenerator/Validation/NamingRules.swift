import APIContract
import SchemaModel

/// JSON names stay distinct once spelled in the app's style (`a_1` and `a1` are both `a1` in
/// `camelCase`), and the names envelopes and list parameters take do not collide with them.
enum NamingRules {
    /// The collisions of `app`.
    static func check(_ app: AppSchema) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let config = app.config
        for table in app.tables {
            func report(_ path: String, _ message: String, code: SchemaDiagnosticCode = .namingConflict) {
                diagnostics.append(Diagnostic(code: code.rawValue, file: table.file, path: path, message: message))
            }
            let envelopes = EnvelopesSchema.effective(table: table.envelopes, app: config.envelopes)
            let beside = [table.primaryKey.name] + (table.timestamps ? ["created_at", "updated_at"] : []) + (table.softDelete ? ["deleted_at"] : [])
            var names: [String: String] = [:]
            for name in beside + table.fields.map(\.name) {
                let json = config.columnName(name, of: table)
                if let other = names[json] {
                    report("fields", "\"\(name)\" and \"\(other)\" are both written \"\(json)\" in \(config.naming.rawValue); rename one")
                }
                names[json] = name
            }
            if let nest = envelopes.record?.fields, beside.map({ config.columnName($0, of: table) }).contains(nest) {
                report("envelopes.record.fields", "the fields cannot be nested under \"\(nest)\": the key or a timestamp is written under that name", code: .invalidEnvelope)
            }
            if let request = envelopes.request, let wrap = request.wrap, request.optional,
                table.fields.contains(where: { config.fieldName($0.name) == wrap })
            {
                report(
                    "envelopes.request.wrap",
                    "a bare body may be sent too, so no field may be called \"\(wrap)\": a body holding it could not be told from a wrapped one",
                    code: .invalidEnvelope)
            }
            let shorthands = Set(table.fields.map { config.fieldName($0.name) })
            for parameter in table.listParameters where shorthands.contains(parameter.name) {
                report(
                    "listParameters." + parameter.name,
                    "\"\(parameter.name)\" is already the equality shorthand of a field; choose another name", code: .invalidListParameter)
            }
        }
        for endpoint in app.endpoints {
            var fields: [(String, [FieldSchema])] = []
            if let body = endpoint.requestBody { fields.append(("requestBody.fields", body.fields)) }
            fields.append(("response.fields", endpoint.response.fields))
            fields.append(("queryParameters", endpoint.queryParameters))
            for (path, members) in fields {
                var names: [String: String] = [:]
                for field in members {
                    let json = config.fieldName(field.name)
                    if let other = names[json] {
                        diagnostics.append(Diagnostic(
                            code: SchemaDiagnosticCode.namingConflict.rawValue, file: endpoint.file, path: path,
                            message: "\"\(field.name)\" and \"\(other)\" are both written \"\(json)\" in \(config.naming.rawValue); rename one"))
                    }
                    names[json] = field.name
                }
            }
        }
        return diagnostics
    }
}
