/// The SQL of one migration in one dialect.
public struct MigrationSQL: Sendable, Hashable {
    /// Statements in order; each runs on its own (an SQLite search index is one multi-statement script).
    public var statements: [String]
    /// SQLite only: the migration rebuilds or drops a table, so the runner turns
    /// `PRAGMA foreign_keys` off around its transaction (the pragma is a no-op inside one) and
    /// runs `PRAGMA foreign_key_check` before committing.
    public var foreignKeysOff: Bool
}

/// Turns typed changes into SQL per dialect. Pure: the same changes give the same text.
struct MigrationPlanner {
    /// The snapshot the database is at before the migration.
    let old: SchemaSnapshot
    /// The snapshot it reaches.
    let new: SchemaSnapshot
    /// Tables whose `allowDataLoss` lets a column become required by deleting rows holding NULL.
    let dataLossTables: Set<String>

    /// The PostgreSQL SQL of `changes`.
    func postgres(_ changes: [SchemaChange]) -> MigrationSQL {
        MigrationSQL(statements: PostgresPlan(old: old, dataLossTables: dataLossTables).statements(for: ordered(changes)), foreignKeysOff: false)
    }

    /// The SQLite SQL of `changes`, and whether it needs foreign keys off.
    func sqlite(_ changes: [SchemaChange]) -> MigrationSQL {
        let plan = SQLitePlan(old: old, new: new, dataLossTables: dataLossTables)
        return MigrationSQL(statements: plan.statements(for: ordered(changes)), foreignKeysOff: plan.needsForeignKeysOff(ordered(changes)))
    }

    /// `changes` with created tables after the tables they reference and dropped tables before
    /// the tables they reference (PostgreSQL checks references when a table is created).
    func ordered(_ changes: [SchemaChange]) -> [SchemaChange] {
        var created: [TableSnapshot] = [], dropped: [TableSnapshot] = []
        for change in changes {
            if case .createTable(let table) = change { created.append(table) }
            if case .dropTable(let table) = change { dropped.append(table) }
        }
        let createdOrder = Self.dependencyOrder(created), droppedOrder = Array(Self.dependencyOrder(dropped).reversed())
        var result: [SchemaChange] = []
        var placedCreates = false, placedDrops = false
        for change in changes {
            switch change {
            case .createTable:
                if !placedCreates { result += createdOrder.map { .createTable($0) }; placedCreates = true }
            case .dropTable:
                if !placedDrops { result += droppedOrder.map { .dropTable($0) }; placedDrops = true }
            default: result.append(change)
            }
        }
        return result
    }

    /// Tables ordered so each comes after the tables (of the list) it references.
    static func dependencyOrder(_ tables: [TableSnapshot]) -> [TableSnapshot] {
        var remaining = tables, result: [TableSnapshot] = [], placed: Set<String> = []
        let names = Set(tables.map(\.name))
        while !remaining.isEmpty {
            let index = remaining.firstIndex { table in
                table.columns.allSatisfy { column in
                    guard let target = ColumnChange.target(column.references), target != table.name, names.contains(target) else { return true }
                    return placed.contains(target)
                }
            } ?? 0
            let table = remaining.remove(at: index)
            placed.insert(table.name)
            result.append(table)
        }
        return result
    }

    /// `CREATE TABLE` from a snapshot, the same text `TableDDL` renders.
    static func createTable(_ table: TableSnapshot, named name: String? = nil, dialect: Dialect) -> String {
        let columns = table.columns.map { dialect == .sqlite ? $0.sqlite : $0.postgres }
        return "CREATE TABLE \(SQLTypes.quote(name ?? table.name)) (" + columns.joined(separator: ", ") + ")"
    }
}
