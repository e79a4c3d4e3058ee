import GRDB
import Logging

/// Brings an SQLite database to a `SchemaDefinition` inside one write transaction that
/// `SQLiteDatabase.migrate(to:)` opened.
///
/// It only ever adds: missing tables, missing columns, missing indexes. A column the database
/// holds but no schema declares is reported as a warning and kept, because dropping it would
/// destroy data. Any thrown error rolls the whole transaction back, so a refused migration
/// applies nothing.
struct SQLiteMigrator {
    /// The name of the table recording applied steps.
    static let historyTable = "loom_migrations"
    /// Creates `loom_migrations` (shared with the numbered migrations).
    static let createHistoryTable = """
        CREATE TABLE IF NOT EXISTS \(historyTable) (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            app TEXT NOT NULL,
            step TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    /// The schema to reach.
    let schema: SchemaDefinition
    /// The `applied_at` value recorded for every step of this run.
    let appliedAt: String
    /// Receives "Applying migration step" before each step runs (progress for long steps such
    /// as an index on a big table); `nil` for a dry run.
    var progress: Logger? = nil

    /// Applies what is missing and returns what was done.
    func migrate(in db: GRDB.Database) throws -> MigrationReport {
        var report = MigrationReport()
        try run("create the \(Self.historyTable) table") {
            try db.execute(sql: Self.createHistoryTable)
        }
        for table in schema.tables {
            if try exists(type: "table", named: table.name, in: db) {
                try addMissingColumns(of: table, in: db, report: &report)
            } else {
                try apply("create table \(table.name)", sql: table.create.sqlite, in: db, report: &report)
            }
        }
        for table in schema.tables {
            for index in table.indexes {
                // A search index is an FTS5 virtual table (type 'table'), a plain one an 'index'.
                let existed = try exists(type: "index", named: index.name, in: db)
                    || exists(type: "table", named: index.name, in: db)
                if existed {
                    // Still run the `IF NOT EXISTS` statement: it is a no-op, and keeps one code path.
                    try run("create index \(index.name)") { try db.execute(sql: index.create.sqlite) }
                } else {
                    try apply("create index \(index.name)", sql: index.create.sqlite, in: db, report: &report)
                }
            }
        }
        return report
    }

    /// Adds the schema columns an existing table lacks and warns about columns it has in excess.
    private func addMissingColumns(
        of table: TableDefinition,
        in db: GRDB.Database,
        report: inout MigrationReport
    ) throws {
        let existing = try columnNames(of: table.name, in: db)
        let existingLowercased = Set(existing.map { $0.lowercased() })
        for column in table.columns where !existingLowercased.contains(column.name.lowercased()) {
            guard let addColumn = column.addColumn else {
                throw MigrationError.columnCannotBeAdded(table: table.name, column: column.name)
            }
            try apply("add column \(table.name).\(column.name)", sql: addColumn.sqlite, in: db, report: &report)
        }
        let declared = Set(table.columns.map { $0.name.lowercased() })
        for name in existing where !declared.contains(name.lowercased()) {
            report.warnings.append(
                "column \(table.name).\(name) exists in the database but no schema declares it; it is left in place"
            )
        }
    }

    /// Runs `sql`, records it in the history table and in `report`.
    private func apply(_ step: String, sql: String, in db: GRDB.Database, report: inout MigrationReport) throws {
        progress?.info("Applying migration step", metadata: ["app": .string(schema.app), "step": .string(step)])
        try run(step) {
            try db.execute(sql: sql)
            try db.execute(
                sql: "INSERT INTO \(Self.historyTable) (app, step, checksum, applied_at) VALUES (?, ?, ?, ?)",
                arguments: [schema.app, step, MigrationChecksum.fnv1a64Hex(sql), appliedAt]
            )
        }
        report.applied.append(step)
    }

    /// Whether `sqlite_master` holds an object of `type` called `name` (names are case-insensitive
    /// in SQLite). Read directly rather than through GRDB's schema cache, which another process
    /// migrating the same file could have made stale.
    private func exists(type: String, named name: String, in db: GRDB.Database) throws -> Bool {
        try run("look up \(type) \(name)") {
            try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = ? AND lower(name) = lower(?))",
                arguments: [type, name]
            ) ?? false
        }
    }

    /// Column names of an existing table, in table order.
    private func columnNames(of table: String, in db: GRDB.Database) throws -> [String] {
        try run("read the columns of \(table)") {
            try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
        }
    }

    /// Runs `body`, turning an SQLite failure into a `MigrationError` that names the step.
    private func run<T>(_ step: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GRDB.DatabaseError {
            throw MigrationError(
                code: .databaseFailure,
                message: "\(step) failed: \(error.message ?? "SQLite error \(error.extendedResultCode.rawValue)")"
            )
        }
    }
}
