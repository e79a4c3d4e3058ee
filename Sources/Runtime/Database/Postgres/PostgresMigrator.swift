import Logging
import PostgresNIO

/// Brings a PostgreSQL schema to a `SchemaDefinition` inside one transaction that
/// `PostgresDatabase.migrate(to:)` opened, with the same rules as `SQLiteMigrator`: it only adds
/// missing tables, columns and indexes, records each step in `loom_migrations` with its checksum,
/// and warns about columns no schema declares instead of dropping them.
///
/// The transaction first takes a transaction-scoped advisory lock keyed by the current schema, so
/// several server instances starting at once on one database take turns: the second one sees
/// the first one's tables and applies nothing. DDL is transactional in PostgreSQL, so a refused
/// or failed migration applies nothing.
struct PostgresMigrator {
    /// The history table, shared with SQLite.
    static let historyTable = "loom_migrations"
    /// Creates `loom_migrations` (shared with the numbered migrations).
    static let createHistoryTable = """
        CREATE TABLE IF NOT EXISTS \(historyTable) (
            id BIGSERIAL PRIMARY KEY,
            app TEXT NOT NULL,
            step TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """
    /// The transaction-scoped advisory lock every migrating transaction takes first, keyed by
    /// the current schema, so instances starting at once take turns.
    static let lockSQL = #"SELECT pg_advisory_xact_lock(hashtext('loom_migrations:' || current_schema()))"#

    /// The schema to reach.
    let schema: SchemaDefinition
    /// The `applied_at` value recorded for every step of this run.
    let appliedAt: String
    /// Logger for the queries.
    let logger: Logger
    /// Whether to log "Applying migration step" before each step (progress for long steps such
    /// as an index on a big table); off for a dry run.
    var reportsProgress = true

    /// Applies what is missing on `connection` (already inside a transaction).
    func migrate(on connection: PostgresConnection) async throws -> MigrationReport {
        try await run("take the migration lock", Self.lockSQL, on: connection)
        try await run("create the \(Self.historyTable) table", Self.createHistoryTable, on: connection)
        let tables = Set(try await names(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()", on: connection))
        let indexes = Set(try await names(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()", on: connection))
        var report = MigrationReport()
        for table in schema.tables {
            if tables.contains(table.name) {
                try await addMissingColumns(of: table, on: connection, report: &report)
            } else {
                try await apply("create table \(table.name)", sql: table.create.postgres, on: connection, report: &report)
            }
        }
        for table in schema.tables {
            for index in table.indexes where !indexes.contains(index.name) {
                try await apply("create index \(index.name)", sql: index.create.postgres, on: connection, report: &report)
            }
        }
        return report
    }

    /// Adds the schema columns an existing table lacks and warns about columns it has in excess.
    private func addMissingColumns(of table: TableDefinition, on connection: PostgresConnection, report: inout MigrationReport) async throws {
        let existing = try await names(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            binds: [.text(table.name)], on: connection)
        let existingSet = Set(existing)
        for column in table.columns where !existingSet.contains(column.name) {
            guard let addColumn = column.addColumn else {
                throw MigrationError.columnCannotBeAdded(table: table.name, column: column.name)
            }
            try await apply("add column \(table.name).\(column.name)", sql: addColumn.postgres, on: connection, report: &report)
        }
        let declared = Set(table.columns.map(\.name))
        for name in existing where !declared.contains(name) {
            report.warnings.append("column \(table.name).\(name) exists in the database but no schema declares it; it is left in place")
        }
    }

    /// Runs `sql`, records it in the history table and in `report`.
    private func apply(_ step: String, sql: String, on connection: PostgresConnection, report: inout MigrationReport) async throws {
        if reportsProgress {
            logger.info("Applying migration step", metadata: ["app": .string(schema.app), "step": .string(step)])
        }
        try await run(step, sql, on: connection)
        try await run(
            "record \(step)",
            "INSERT INTO \(Self.historyTable) (app, step, checksum, applied_at) VALUES ($1, $2, $3, $4)",
            binds: [.text(schema.app), .text(step), .text(MigrationChecksum.fnv1a64Hex(sql)), .text(appliedAt)],
            on: connection)
        report.applied.append(step)
    }

    /// The first column of every row of a catalog query, as text.
    private func names(_ sql: String, binds: [SQLValue] = [], on connection: PostgresConnection) async throws -> [String] {
        let rows = try await run("read the catalog", sql, binds: binds, on: connection)
        return rows.compactMap { row in
            if case .text(let name)? = row.values.first { return name }
            return nil
        }
    }

    /// Runs one statement, turning a failure into a `MigrationError` that names the step.
    @discardableResult
    private func run(_ step: String, _ sql: String, binds: [SQLValue] = [], on connection: PostgresConnection) async throws -> [SQLRow] {
        do {
            return try await PostgresStatementRunner.run(SQLStatement(sql, binds), on: connection, logger: logger).rows
        } catch let error as Runtime.DatabaseError {
            throw MigrationError(code: .databaseFailure, message: "\(step) failed: \(error.message)")
        }
    }
}
