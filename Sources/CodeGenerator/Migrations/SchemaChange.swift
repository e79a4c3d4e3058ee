/// One typed difference between two `SchemaSnapshot`s, in the order `MigrationPlanner` applies
/// them.
public enum SchemaChange: Sendable, Hashable {
    /// Drop an index that changed or is gone (before tables and columns change under it).
    case dropIndex(table: String, IndexSnapshot)
    /// Rename a table (`renamedFrom`).
    case renameTable(from: String, to: String)
    /// Rename a column (`renamedFrom`); `table` is the table's new name.
    case renameColumn(table: String, from: String, to: String)
    /// Create a new table.
    case createTable(TableSnapshot)
    /// Add a column to an existing table.
    case addColumn(table: String, ColumnSnapshot)
    /// Change a column's type, nullability, default, check or foreign key.
    case alterColumn(table: String, from: ColumnSnapshot, to: ColumnSnapshot)
    /// Drop a column (allowed by `allowDataLoss`).
    case dropColumn(table: String, ColumnSnapshot)
    /// Drop a table (allowed by `droppedTables`).
    case dropTable(TableSnapshot)
    /// Create an index that is new or changed.
    case createIndex(table: String, IndexSnapshot)

    /// A short snake_case phrase for the migration's file name (`add_tasks_priority`).
    var summary: String {
        switch self {
        case .dropIndex(let table, let index): return "drop_\(table)_index_\(index.name)"
        case .renameTable(let from, let to): return "rename_\(from)_to_\(to)"
        case .renameColumn(let table, let from, let to): return "rename_\(table)_\(from)_to_\(to)"
        case .createTable(let table): return "create_\(table.name)"
        case .addColumn(let table, let column): return "add_\(table)_\(column.name)"
        case .alterColumn(let table, _, let column): return "alter_\(table)_\(column.name)"
        case .dropColumn(let table, let column): return "drop_\(table)_\(column.name)"
        case .dropTable(let table): return "drop_\(table.name)"
        case .createIndex(let table, let index): return "index_\(table)_\(index.name)"
        }
    }
}
