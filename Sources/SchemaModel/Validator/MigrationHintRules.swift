/// Rules for the keys that steer migration generation: `renamedFrom` (tables, fields) and
/// `droppedTables` (app). A hint naming something the schema still declares would make the
/// generator rename or drop a live table or column, so it is refused.
enum MigrationHintRules {
    /// Reports hints of `app` that name invalid or still-declared tables and fields.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        let tableNames = Set(app.tables.map(\.name))
        for (index, name) in app.config.droppedTables.enumerated() {
            let path = "droppedTables[\(index)]"
            NameRules.check(name, what: "dropped table name", file: app.config.file, path: path, diagnostics: diagnostics)
            if tableNames.contains(name) {
                diagnostics.error(
                    .invalidMigrationHint, file: app.config.file, path: path,
                    "\"\(name)\" is listed in droppedTables but a table file still declares it; remove it from droppedTables or delete the table file")
            }
        }
        for table in app.tables {
            if let from = table.renamedFrom {
                NameRules.check(from, what: "renamedFrom", file: table.file, path: "renamedFrom", diagnostics: diagnostics)
                if tableNames.contains(from) {
                    diagnostics.error(
                        .invalidMigrationHint, file: table.file, path: "renamedFrom",
                        "renamedFrom \"\(from)\" names a table the schema still declares; remove renamedFrom or the old table")
                }
            }
            let fieldNames = Set(table.fields.map(\.name))
            for field in table.fields {
                guard let from = field.renamedFrom else { continue }
                let path = "fields.\(field.name).renamedFrom"
                NameRules.check(from, what: "renamedFrom", file: table.file, path: path, diagnostics: diagnostics)
                if fieldNames.contains(from) || from == table.primaryKey.name {
                    diagnostics.error(
                        .invalidMigrationHint, file: table.file, path: path,
                        "renamedFrom \"\(from)\" names a field the table still declares; remove renamedFrom or the old field")
                }
            }
        }
    }
}
