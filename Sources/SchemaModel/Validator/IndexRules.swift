/// Checks the indexes of every table of an app: their fields exist and appear once, and
/// their names are unique in the app (PostgreSQL keeps index and table names in one namespace).
enum IndexRules {
    /// Runs the index rules on every table of `app`.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        var owners: [String: String] = [:]
        for table in app.tables { owners[table.name] = "table \"\(table.name)\"" }
        for table in app.tables {
            for (position, index) in table.indexes.enumerated() {
                let path = JSONPath.element(position, of: "indexes")
                checkFields(index, of: table, at: path, diagnostics: diagnostics)
                checkName(index, of: table, at: path, owners: &owners, diagnostics: diagnostics)
            }
        }
    }

    /// The name an index gets in the database: its `name`, or `<table>_<fields>_idx`.
    static func effectiveName(of index: IndexSchema, in table: TableSchema) -> String {
        index.name ?? ([table.name] + index.fields + ["idx"]).joined(separator: "_")
    }

    private static func checkFields(
        _ index: IndexSchema, of table: TableSchema, at path: String, diagnostics: DiagnosticCollector
    ) {
        let fieldsPath = JSONPath.member("fields", of: path)
        if index.fields.isEmpty {
            diagnostics.error(
                .invalidIndex, file: table.file, path: fieldsPath, "an index needs at least one field in \"fields\"")
        }
        let columns = TableRules.columnNames(of: table)
        var seen: Set<String> = []
        for (position, name) in index.fields.enumerated() {
            let elementPath = JSONPath.element(position, of: fieldsPath)
            if !columns.contains(name) {
                diagnostics.error(
                    .unknownIndexField, file: table.file, path: elementPath,
                    "index names unknown field \(ValueText.quoted(name)); \(Suggestion.useOneOf(columns, for: name))")
            } else if !seen.insert(name).inserted {
                diagnostics.error(
                    .invalidIndex, file: table.file, path: elementPath,
                    "field \"\(name)\" appears twice in this index; list each field once")
            }
        }
        if index.fields.count == 1, let name = index.fields.first,
            let field = table.fields.first(where: { $0.name == name }), field.unique
        {
            diagnostics.warning(
                .redundantIndex, file: table.file, path: path,
                "field \"\(name)\" is already \"unique\", which creates an index; remove this index")
        }
    }

    private static func checkName(
        _ index: IndexSchema, of table: TableSchema, at path: String, owners: inout [String: String],
        diagnostics: DiagnosticCollector
    ) {
        let name = effectiveName(of: index, in: table)
        let namePath = JSONPath.member("name", of: path)
        if index.name != nil {
            NameRules.check(name, what: "index name", file: table.file, path: namePath, diagnostics: diagnostics)
        } else if name.utf8.count > NameRules.maximumLength {
            diagnostics.error(
                .invalidName, file: table.file, path: path,
                "the generated index name \"\(name)\" is longer than \(NameRules.maximumLength) characters; "
                    + "set a shorter \"name\"")
        }
        let owner = "\(path) of \(table.file)"
        if let existing = owners[name] {
            let origin = index.name == nil ? "the generated index name" : "index name"
            diagnostics.error(
                .duplicateIndexName, file: table.file, path: index.name == nil ? path : namePath,
                "\(origin) \"\(name)\" is already used by \(existing); set a different \"name\"")
        } else {
            owners[name] = owner
        }
    }
}
