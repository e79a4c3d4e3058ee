/// Checks a table file: its name, description, primary key, operations and fields.
enum TableRules {
    /// Names of the columns `timestamps: true` adds.
    static let timestampNames = ["created_at", "updated_at"]

    /// Runs the table rules and the field rules of every field.
    static func check(_ table: TableSchema, in app: AppSchema, diagnostics: DiagnosticCollector) {
        let file = table.file
        NameRules.check(table.name, what: "table name", file: file, path: "name", diagnostics: diagnostics)
        NameRules.checkMatch(
            declared: table.name, expected: NameRules.fileStem(file), what: "table name", fix: "the file name",
            file: file, path: "name", diagnostics: diagnostics)
        TextRules.checkDescription(
            table.description, of: "table \"\(table.name)\"", file: file, path: "description", diagnostics: diagnostics)
        NameRules.check(
            table.primaryKey.name, what: "primary key name", file: file, path: "primaryKey.name",
            diagnostics: diagnostics)
        if table.timestamps, timestampNames.contains(table.primaryKey.name) {
            diagnostics.error(
                .reservedFieldName, file: file, path: "primaryKey.name",
                "primary key \"\(table.primaryKey.name)\" clashes with a generated timestamp; rename it")
        }
        checkReservedFieldNames(table, diagnostics: diagnostics)
        checkOperations(table, diagnostics: diagnostics)
        checkUpsertKey(table, diagnostics: diagnostics)
        if table.fields.isEmpty {
            diagnostics.error(
                .emptyFields, file: file, path: "fields",
                "a table needs at least one field in \"fields\" (the primary key and timestamps are generated)")
        }
        FieldRules.check(
            table.fields, at: "fields", placement: .tableField, app: app, file: file, diagnostics: diagnostics)
    }

    /// Every column name the table has: its primary key, its fields and its timestamps.
    static func columnNames(of table: TableSchema) -> [String] {
        [table.primaryKey.name] + table.fields.map(\.name) + (table.timestamps ? timestampNames : [])
    }

    private static func checkUpsertKey(_ table: TableSchema, diagnostics: DiagnosticCollector) {
        guard let key = table.upsertKey else { return }
        guard let field = table.fields.first(where: { $0.name == key }), field.unique, !field.readOnly else {
            let unique = table.fields.filter { $0.unique && !$0.readOnly }.map { "\"\($0.name)\"" }
            diagnostics.error(
                .invalidUpsertKey, file: table.file, path: "upsertKey",
                "\"upsertKey\" must name a writable field with \"unique\": true"
                    + (unique.isEmpty ? "; mark a field unique first" : "; candidates: \(unique.joined(separator: ", "))"))
            return
        }
        if !table.operations.contains(.create) || !table.operations.contains(.replace) {
            diagnostics.error(
                .invalidUpsertKey, file: table.file, path: "upsertKey",
                "an upsert creates or replaces records, so \"operations\" must include \"create\" and \"replace\"")
        }
    }

    /// Query parameters every list route reserves (paging and the query language).
    static let listParameterNames: Set<String> = [
        "limit", "offset", "filter", "sort", "cursor", "count", "fields", "expand", "deleted", "include_deleted", "q", "aggregate",
    ]

    private static func checkReservedFieldNames(_ table: TableSchema, diagnostics: DiagnosticCollector) {
        for field in table.fields {
            let path = JSONPath.member(field.name, of: "fields")
            if field.name == table.primaryKey.name {
                diagnostics.error(
                    .reservedFieldName, file: table.file, path: path,
                    "field \"\(field.name)\" clashes with the generated primary key; remove it, or rename the key "
                        + "with \"primaryKey\": {\"name\": \"...\"}")
            } else if table.timestamps, timestampNames.contains(field.name) {
                diagnostics.error(
                    .reservedFieldName, file: table.file, path: path,
                    "field \"\(field.name)\" clashes with the generated timestamp; remove it, or set "
                        + "\"timestamps\": false to manage timestamps yourself")
            } else if table.softDelete, field.name == "deleted_at" {
                diagnostics.error(
                    .reservedFieldName, file: table.file, path: path,
                    "field \"deleted_at\" clashes with the column \"softDelete\": true adds; remove the field")
            } else if listParameterNames.contains(field.name) {
                diagnostics.error(
                    .reservedFieldName, file: table.file, path: path,
                    "field \"\(field.name)\" clashes with the list query parameter of the same name, so it could "
                        + "not be filtered on; rename it (e.g. \"\(field.name)_value\")")
            }
        }
    }

    private static func checkOperations(_ table: TableSchema, diagnostics: DiagnosticCollector) {
        if table.operations.isEmpty {
            diagnostics.error(
                .invalidOperations, file: table.file, path: "operations",
                "\"operations\" is empty; list at least one of "
                    + TableOperation.allCases.map(\.rawValue).joined(separator: ", ")
                    + " (omit the key to expose all of them)")
        }
        var seen: Set<TableOperation> = []
        for (index, operation) in table.operations.enumerated() where !seen.insert(operation).inserted {
            diagnostics.error(
                .invalidOperations, file: table.file, path: JSONPath.element(index, of: "operations"),
                "operation \"\(operation.rawValue)\" is listed twice; remove one")
        }
    }
}
