/// PostgreSQL statements for typed changes: `ALTER TABLE` for everything, renaming the
/// constraints PostgreSQL named after the table and column (`<table>_<column>_check`,
/// `_fkey`, `<table>_pkey`) so later migrations find them by name.
struct PostgresPlan {
    /// The snapshot before the migration (constraint names of renamed columns).
    let old: SchemaSnapshot
    /// Tables whose `allowDataLoss` lets a column become required by deleting rows holding NULL.
    let dataLossTables: Set<String>

    /// The statements of `changes`, in order.
    func statements(for changes: [SchemaChange]) -> [String] {
        var previousNames: [String: String] = [:]
        for case .renameTable(let from, let to) in changes { previousNames[to] = from }
        return changes.flatMap { statements(for: $0, previousNames: previousNames) }
    }

    private func statements(for change: SchemaChange, previousNames: [String: String]) -> [String] {
        switch change {
        case .dropIndex(_, let index):
            return ["DROP INDEX IF EXISTS \(q(index.name))"]
        case .renameTable(let from, let to):
            var result = ["ALTER TABLE \(q(from)) RENAME TO \(q(to))", renameConstraint(to, "\(from)_pkey", "\(to)_pkey")]
            for column in old.table(from)?.columns ?? [] {
                result += renameColumnConstraints(table: to, column, oldPrefix: "\(from)_\(column.name)", newPrefix: "\(to)_\(column.name)")
            }
            return result
        case .renameColumn(let table, let from, let to):
            let previous = old.table(previousNames[table] ?? table)?.column(from)
            var result = ["ALTER TABLE \(q(table)) RENAME COLUMN \(q(from)) TO \(q(to))"]
            if let previous {
                result += renameColumnConstraints(table: table, previous, oldPrefix: "\(table)_\(from)", newPrefix: "\(table)_\(to)")
            }
            return result
        case .createTable(let table):
            return [MigrationPlanner.createTable(table, dialect: .postgres)]
        case .addColumn(let table, let column):
            return ["ALTER TABLE \(q(table)) ADD COLUMN \(column.postgres)"]
        case .alterColumn(let table, let from, let to):
            return alter(table, from, to)
        case .dropColumn(let table, let column):
            return ["ALTER TABLE \(q(table)) DROP COLUMN \(q(column.name))"]
        case .dropTable(let table):
            return ["DROP TABLE \(q(table.name))"]
        case .createIndex(_, let index):
            return [index.postgres]
        }
    }

    private func alter(_ table: String, _ from: ColumnSnapshot, _ to: ColumnSnapshot) -> [String] {
        let prefix = "ALTER TABLE \(q(table)) "
        let column = q(to.name)
        let checkName = q("\(table)_\(to.name)_check"), foreignKeyName = q("\(table)_\(to.name)_fkey")
        var result: [String] = []
        if from.check != to.check, from.check != nil { result.append(prefix + "DROP CONSTRAINT IF EXISTS \(checkName)") }
        if from.references != to.references, from.references != nil { result.append(prefix + "DROP CONSTRAINT IF EXISTS \(foreignKeyName)") }
        let typeChanged = from.postgresType != to.postgresType
        if from.postgresDefault != nil, from.postgresDefault != to.postgresDefault || typeChanged {
            result.append(prefix + "ALTER COLUMN \(column) DROP DEFAULT")
        }
        if typeChanged {
            result.append(prefix + "ALTER COLUMN \(column) TYPE \(to.postgresType) USING \(column)::\(to.postgresType)")
        }
        if let value = to.postgresDefault, value != from.postgresDefault || typeChanged {
            result.append(prefix + "ALTER COLUMN \(column) SET DEFAULT \(value)")
        }
        if from.nullable, !to.nullable {
            if let value = to.postgresDefault {
                result.append("UPDATE \(q(table)) SET \(column) = \(value) WHERE \(column) IS NULL")
            } else if dataLossTables.contains(table) {
                result.append("DELETE FROM \(q(table)) WHERE \(column) IS NULL")
            }
            result.append(prefix + "ALTER COLUMN \(column) SET NOT NULL")
        } else if !from.nullable, to.nullable {
            result.append(prefix + "ALTER COLUMN \(column) DROP NOT NULL")
        }
        if let check = to.check, check != from.check { result.append(prefix + "ADD CONSTRAINT \(checkName) \(check)") }
        if let references = to.references, references != from.references {
            result.append(prefix + "ADD CONSTRAINT \(foreignKeyName) FOREIGN KEY (\(column)) \(references)")
        }
        return result
    }

    private func renameColumnConstraints(table: String, _ column: ColumnSnapshot, oldPrefix: String, newPrefix: String) -> [String] {
        var result: [String] = []
        if column.check != nil { result.append(renameConstraint(table, oldPrefix + "_check", newPrefix + "_check")) }
        if column.references != nil { result.append(renameConstraint(table, oldPrefix + "_fkey", newPrefix + "_fkey")) }
        return result
    }

    private func renameConstraint(_ table: String, _ from: String, _ to: String) -> String {
        "ALTER TABLE \(q(table)) RENAME CONSTRAINT \(q(from)) TO \(q(to))"
    }

    private func q(_ name: String) -> String { SQLTypes.quote(name) }
}
