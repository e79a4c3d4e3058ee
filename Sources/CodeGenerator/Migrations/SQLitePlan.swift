/// SQLite statements for typed changes.
///
/// SQLite alters little in place (rename table/column, add a plain column), so any other column
/// change rebuilds the table the documented way (sqlite.org/lang_altertable.html, "Making
/// Other Kinds Of Table Schema Changes"): create the new table, copy the rows (keeping `rowid`
/// so a search index stays in step), drop the old table, rename the new one, recreate its
/// indexes and search triggers. That runs inside the migration's transaction with
/// `foreign_keys` off (`MigrationSQL.foreignKeysOff`), so dropping the old table neither
/// cascades into nor fails on the tables referencing it.
struct SQLitePlan {
    /// The snapshot before the migration (the rebuild's source tables).
    let old: SchemaSnapshot
    /// The snapshot after it (the rebuild's target tables).
    let new: SchemaSnapshot
    /// Tables whose `allowDataLoss` lets a rebuild skip rows holding NULL in a column made required.
    let dataLossTables: Set<String>

    /// Tables this migration rebuilds.
    func rebuilt(_ changes: [SchemaChange]) -> Set<String> {
        var result: Set<String> = []
        for change in changes {
            switch change {
            case .alterColumn(let table, _, _), .dropColumn(let table, _): result.insert(table)
            case .addColumn(let table, let column) where !Self.canAdd(column): result.insert(table)
            default: break
            }
        }
        return result
    }

    /// Whether rebuilding or dropping a table needs `foreign_keys` off.
    func needsForeignKeysOff(_ changes: [SchemaChange]) -> Bool {
        !rebuilt(changes).isEmpty || changes.contains { if case .dropTable = $0 { return true } else { return false } }
    }

    /// The statements of `changes`, in order; each rebuilt table is rebuilt once.
    func statements(for changes: [SchemaChange]) -> [String] {
        let rebuilt = rebuilt(changes)
        var renamedColumns: [String: [String: String]] = [:]
        for case .renameColumn(let table, let from, let to) in changes { renamedColumns[table, default: [:]][to] = from }
        var previousNames: [String: String] = [:]
        for case .renameTable(let from, let to) in changes { previousNames[to] = from }
        var done: Set<String> = []
        var result: [String] = []
        for change in changes {
            switch change {
            case .dropIndex(_, let index):
                result += dropIndex(index)
            case .renameTable(let from, let to):
                result.append("ALTER TABLE \(q(from)) RENAME TO \(q(to))")
            case .renameColumn(let table, let from, let to):
                result.append("ALTER TABLE \(q(table)) RENAME COLUMN \(q(from)) TO \(q(to))")
            case .createTable(let table):
                result.append(MigrationPlanner.createTable(table, dialect: .sqlite))
            case .addColumn(let table, let column) where !rebuilt.contains(table):
                result.append("ALTER TABLE \(q(table)) ADD COLUMN \(column.sqlite)")
            case .addColumn(let table, _), .alterColumn(let table, _, _), .dropColumn(let table, _):
                guard !done.contains(table), let target = new.table(table),
                      let source = old.table(previousNames[table] ?? table) else { continue }
                done.insert(table)
                result += rebuild(target, from: source, renamed: renamedColumns[table] ?? [:], changes: changes)
            case .dropTable(let table):
                result.append("DROP TABLE \(q(table.name))")
            case .createIndex(let table, let index) where !rebuilt.contains(table):
                result.append(index.sqlite)
            case .createIndex:
                continue
            }
        }
        return result
    }

    /// The rebuild of `target` from the rows of `source` (whose renamed columns already carry
    /// their new names), then every index of `target`.
    private func rebuild(_ target: TableSnapshot, from source: TableSnapshot, renamed: [String: String], changes: [SchemaChange]) -> [String] {
        let temporary = "loom_new_" + target.name
        let sourceNames = Set(source.columns.map { column in renamed.first { $0.value == column.name }?.key ?? column.name })
        var names: [String] = [], values: [String] = [], conditions: [String] = []
        let integerKey = target.columns.first?.kind == "primaryKey:integer"
        if !integerKey {
            names.append("rowid")
            values.append("rowid")
        }
        for column in target.columns where sourceNames.contains(column.name) {
            names.append(q(column.name))
            let previous = source.column(renamed[column.name] ?? column.name)
            if previous?.nullable == true, !column.nullable {
                if let value = column.sqliteDefault {
                    values.append("coalesce(\(q(column.name)), \(value))")
                    continue
                }
                if dataLossTables.contains(target.name) { conditions.append("\(q(column.name)) IS NOT NULL") }
            }
            values.append(q(column.name))
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return [
            MigrationPlanner.createTable(target, named: temporary, dialect: .sqlite),
            "INSERT INTO \(q(temporary)) (\(names.joined(separator: ", "))) SELECT \(values.joined(separator: ", ")) FROM \(q(target.name))\(filter)",
            "DROP TABLE \(q(target.name))",
            "ALTER TABLE \(q(temporary)) RENAME TO \(q(target.name))",
        ] + target.indexes.map(\.sqlite)
    }

    /// A plain index, or the search index's triggers and FTS5 table.
    private func dropIndex(_ index: IndexSnapshot) -> [String] {
        guard index.search else { return ["DROP INDEX IF EXISTS \(q(index.name))"] }
        return ["insert", "delete", "update"].map { "DROP TRIGGER IF EXISTS \(q(index.name + "_" + $0))" }
            + ["DROP TABLE IF EXISTS \(q(index.name))"]
    }

    /// `ADD COLUMN` works unless the column references another table with a non-NULL default
    /// (SQLite refuses that while foreign keys are enforced).
    static func canAdd(_ column: ColumnSnapshot) -> Bool {
        (column.nullable || column.sqliteDefault != nil) && (column.references == nil || column.sqliteDefault == nil)
    }

    private func q(_ name: String) -> String { SQLTypes.quote(name) }
}
