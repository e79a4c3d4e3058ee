import SchemaModel

/// Compares the previous snapshot of an app with the snapshot of its current schema and lists
/// the typed changes, or diagnostics for changes that would lose data and the schema does not
/// allow (`renamedFrom`, `allowDataLoss`, `droppedTables`).
struct SchemaDiffer {
    /// The snapshot of the last migration.
    let old: SchemaSnapshot
    /// The snapshot of the current schema.
    let new: SchemaSnapshot
    /// The current schema, for `renamedFrom`, `allowDataLoss`, `droppedTables` and file names.
    let app: AppSchema

    /// The changes in planner order, and the refusals.
    func diff() -> (changes: [SchemaChange], diagnostics: [Diagnostic]) {
        var result = Accumulator()
        var matchedOld: Set<String> = []
        var pairs: [(old: TableSnapshot, new: TableSnapshot, schema: TableSchema?)] = []
        for table in new.tables {
            let schema = app.tables.first { $0.name == table.name }
            if let previous = old.table(table.name) {
                matchedOld.insert(previous.name)
                pairs.append((previous, table, schema))
            } else if let from = schema?.renamedFrom, let previous = old.table(from), new.table(from) == nil {
                matchedOld.insert(from)
                result.renames.append(.renameTable(from: from, to: table.name))
                pairs.append((previous, table, schema))
            } else {
                result.creates.append(.createTable(table))
                result.createIndexes += table.indexes.map { .createIndex(table: table.name, $0) }
            }
        }
        for table in old.tables where !matchedOld.contains(table.name) {
            if app.config.droppedTables.contains(table.name) {
                result.dropIndexes += table.indexes.map { .dropIndex(table: table.name, $0) }
                result.drops.append(.dropTable(table))
            } else {
                result.diagnostics.append(Diagnostic(
                    code: "migration-drops-table", file: app.config.file, path: "droppedTables",
                    message: "table \"\(table.name)\" is no longer declared, so the next migration would drop it with all its rows; "
                        + "if it was renamed, set \"renamedFrom\": \"\(table.name)\" in the new table file, otherwise add "
                        + "\"\(table.name)\" to \"droppedTables\" in app.json to allow dropping it"))
            }
        }
        for pair in pairs {
            TableDiffer(old: pair.old, new: pair.new, schema: pair.schema, file: pair.schema?.file ?? app.config.file)
                .diff(into: &result)
        }
        return (result.ordered, result.diagnostics)
    }

    /// Changes collected per kind, then ordered the way the planner applies them.
    struct Accumulator {
        /// Indexes to drop (first, before their tables or columns change).
        var dropIndexes: [SchemaChange] = []
        /// Table renames.
        var renames: [SchemaChange] = []
        /// Column renames.
        var columnRenames: [SchemaChange] = []
        /// New tables.
        var creates: [SchemaChange] = []
        /// Added, altered and dropped columns.
        var columns: [SchemaChange] = []
        /// Dropped tables.
        var drops: [SchemaChange] = []
        /// Indexes to create (last, once their columns exist).
        var createIndexes: [SchemaChange] = []
        /// Refusals.
        var diagnostics: [Diagnostic] = []

        /// Every change in the order the planner applies them.
        var ordered: [SchemaChange] {
            dropIndexes + renames + columnRenames + creates + columns + drops + createIndexes
        }
    }
}
