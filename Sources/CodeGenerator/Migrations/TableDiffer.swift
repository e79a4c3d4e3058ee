import SchemaModel

/// The column and index changes of one table present in both snapshots (maybe renamed).
struct TableDiffer {
    /// The table in the last migration's snapshot.
    let old: TableSnapshot
    /// The table now.
    let new: TableSnapshot
    /// The table's schema, for `renamedFrom` of fields and `allowDataLoss`.
    let schema: TableSchema?
    /// The schema file diagnostics name.
    let file: String

    private var allowDataLoss: Bool { schema?.allowDataLoss ?? false }

    /// Adds the table's column and index changes, or refusals, to `result`.
    func diff(into result: inout SchemaDiffer.Accumulator) {
        var matched: Set<String> = []
        for column in new.columns {
            let field = schema?.fields.first { $0.name == column.name }
            if let previous = old.column(column.name) {
                matched.insert(previous.name)
                compare(previous, column, into: &result)
            } else if let from = field?.renamedFrom, let previous = old.column(from), new.column(from) == nil {
                matched.insert(from)
                result.columnRenames.append(.renameColumn(table: new.name, from: from, to: column.name))
                compare(Self.renamed(previous, to: column.name), column, into: &result)
            } else if column.nullable || column.sqliteDefault != nil {
                result.columns.append(.addColumn(table: new.name, column))
            } else {
                result.diagnostics.append(Diagnostic(
                    code: "migration-required-column", file: file, path: path(column.name),
                    message: "column \"\(new.name).\(column.name)\" is required and has no default, so it cannot be added to a table "
                        + "that may hold rows; give the field a \"default\" (or make it \"nullable\") for this migration"))
            }
        }
        for column in old.columns where !matched.contains(column.name) {
            if allowDataLoss {
                result.columns.append(.dropColumn(table: new.name, column))
            } else {
                refuse(column.name, "dropping column \"\(old.name).\(column.name)\" would lose its values; if it was renamed, set "
                    + "\"renamedFrom\": \"\(column.name)\" on the new field, otherwise set \"allowDataLoss\": true on the table",
                    code: "migration-drops-column", into: &result, path: "fields")
            }
        }
        let oldIndexes = Dictionary(old.indexes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newIndexes = Dictionary(new.indexes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for index in old.indexes where newIndexes[index.name] != index {
            result.dropIndexes.append(.dropIndex(table: old.name, index))
        }
        for index in new.indexes where oldIndexes[index.name] != index {
            result.createIndexes.append(.createIndex(table: new.name, index))
        }
    }

    /// Records an `alterColumn` when anything but the definitions' text differs, refusing
    /// narrowing changes unless `allowDataLoss`.
    private func compare(_ previous: ColumnSnapshot, _ column: ColumnSnapshot, into result: inout SchemaDiffer.Accumulator) {
        guard previous != column else { return }
        let name = "\(new.name).\(column.name)"
        if !ColumnChange.widens(from: previous, to: column) {
            refuse(column.name, "changing column \"\(name)\" from \(previous.kind) to \(column.kind) may not keep every value; "
                + "keep the type, or set \"allowDataLoss\": true on the table", code: "migration-narrows-type", into: &result)
        }
        if previous.nullable, !column.nullable, column.sqliteDefault == nil {
            refuse(column.name, "making column \"\(name)\" required without a default fails on rows holding NULL; give it a "
                + "\"default\" (existing NULLs take it), or set \"allowDataLoss\": true on the table to delete those rows",
                code: "migration-required-column", into: &result)
        }
        if !ColumnChange.checkWidens(from: previous, to: column) {
            refuse(column.name, "column \"\(name)\" no longer accepts values it accepted (\(previous.values ?? []) → "
                + "\(column.values ?? [])); keep the old values, or set \"allowDataLoss\": true on the table",
                code: "migration-narrows-check", into: &result)
        }
        result.columns.append(.alterColumn(table: new.name, from: previous, to: column))
    }

    private func refuse(
        _ field: String, _ message: String, code: String, into result: inout SchemaDiffer.Accumulator, path: String? = nil
    ) {
        guard !allowDataLoss else { return }
        result.diagnostics.append(Diagnostic(code: code, file: file, path: path ?? self.path(field), message: message))
    }

    private func path(_ field: String) -> String {
        schema?.fields.contains { $0.name == field } == true ? "fields.\(field)" : "fields"
    }

    /// `column` as it is after `RENAME COLUMN ... TO name`.
    static func renamed(_ column: ColumnSnapshot, to name: String) -> ColumnSnapshot {
        var copy = column
        let quotedOld = SQLTypes.quote(column.name), quotedNew = SQLTypes.quote(name)
        copy.name = name
        copy.check = column.check?.replacingOccurrences(of: quotedOld, with: quotedNew)
        copy.sqlite = column.sqlite.replacingOccurrences(of: quotedOld, with: quotedNew)
        copy.postgres = column.postgres.replacingOccurrences(of: quotedOld, with: quotedNew)
        return copy
    }
}
