import Foundation
import PostgresNIO

/// Numbered migrations on PostgreSQL: each pending migration (and the planning read) runs in its
/// own transaction that first takes the migration advisory lock (`PostgresMigrationHistory.lockSQL`) and re-reads
/// `loom_migrations`, so instances starting at once take turns and the later ones skip what the
/// first applied. DDL is transactional, so a failed migration leaves nothing behind.
extension PostgresDatabase {
    /// Applies the pending numbered migrations of `schema` (see `NumberedMigrationHistory`).
    /// - Throws: `MigrationError`.
    func applyNumberedMigrations(of schema: SchemaDefinition) async throws -> MigrationReport {
        let history = NumberedMigrationHistory(app: schema.app, migrations: schema.migrations, dialect: .postgres)
        let progress = MigrationProgress(logger: logger, app: schema.app, database: "\(settings.host):\(settings.port)/\(settings.database)")
        let plan = try await postgresMigration(end: "ROLLBACK") { connection in
            try await history.plan(recorded: try await self.recorded(app: history.app, on: connection))
        }
        var report = MigrationReport()
        if plan.adoptsBaseline, let baseline = schema.migrations.first {
            let adopted = try await postgresMigration { connection in
                try await self.adopt(baseline, history: history, on: connection)
            }
            if adopted {
                progress.adoptedBaseline(baseline)
                report.applied.append(baseline.identifier)
            }
        }
        if let legacy = schema.legacyHistoryTable {
            let adopted = try await postgresMigration { connection in
                try await self.adoptLegacy(from: legacy, history: history, on: connection)
            }
            for migration in adopted {
                progress.adoptedBaseline(migration)
                report.applied.append(migration.identifier)
            }
        }
        for migration in plan.pending {
            let start = Date()
            let applied = try await postgresMigration { connection in
                try await self.apply(migration, history: history, progress: progress, on: connection)
            }
            if applied {
                progress.applied(migration, since: start)
                report.applied.append(migration.identifier)
            }
        }
        return report
    }

    /// The migrations `applyNumberedMigrations` would apply now, read in a transaction that is
    /// rolled back.
    /// - Throws: `MigrationError` when applying would be refused.
    func plannedNumberedMigrations(of schema: SchemaDefinition) async throws -> MigrationReport {
        let history = NumberedMigrationHistory(app: schema.app, migrations: schema.migrations, dialect: .postgres)
        let plan = try await postgresMigration(end: "ROLLBACK") { connection in
            try await history.plan(recorded: try await self.recorded(app: history.app, on: connection))
        }
        guard let legacy = schema.legacyHistoryTable else { return plan.report(baseline: schema.migrations.first) }
        let versions = try await postgresMigration(end: "ROLLBACK") { connection in
            try await self.legacyVersions(in: legacy, history: history, on: connection)
        }
        return plan.report(baseline: schema.migrations.first, legacyTable: legacy, legacyVersions: versions)
    }

    /// Runs `migration` under the lock unless another instance applied it meanwhile; returns
    /// whether it ran (a `false` transaction commits nothing but the history table).
    private func apply(
        _ migration: SchemaMigration, history: NumberedMigrationHistory, progress: MigrationProgress, on connection: PostgresConnection
    ) async throws -> Bool {
        let plan = try history.plan(recorded: try await recorded(app: history.app, on: connection))
        guard plan.pending.contains(migration) else { return false }
        let statements = migration.postgres
        progress.started(migration, statements: statements.count)
        for (index, statement) in statements.enumerated() {
            let start = Date()
            try await run(statement, on: connection)
            progress.statementFinished(migration, number: index + 1, of: statements.count, since: start)
        }
        try await record(migration, app: history.app, on: connection)
        return true
    }

    /// Records the baseline as applied without running it, after checking its tables exist.
    private func adopt(_ baseline: SchemaMigration, history: NumberedMigrationHistory, on connection: PostgresConnection) async throws -> Bool {
        guard try history.plan(recorded: try await recorded(app: history.app, on: connection)).adoptsBaseline else { return false }
        let rows = try await run(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()", on: connection)
        var existing: [String: Set<String>] = [:]
        for row in rows {
            guard row.values.count == 2, case .text(let table) = row.values[0], case .text(let column) = row.values[1] else { continue }
            existing[table, default: []].insert(column)
        }
        let missing = history.missingFromBaseline(existing: existing)
        guard missing.isEmpty else { throw history.baselineMismatch(missing: missing) }
        try await record(baseline, app: history.app, on: connection)
        return true
    }

    /// Takes the migration lock (held until the transaction ends, so concurrent instances also
    /// take turns creating `loom_migrations`), then reads the app's rows, oldest first.
    func recorded(app: String, on connection: PostgresConnection) async throws -> [NumberedMigrationHistory.Recorded] {
        try await run(PostgresMigrationHistory.lockSQL, on: connection)
        try await run(PostgresMigrationHistory.createTable, on: connection)
        let rows = try await run(
            "SELECT step, checksum FROM \(PostgresMigrationHistory.table) WHERE app = $1 ORDER BY id", binds: [.text(app)], on: connection)
        return rows.compactMap { row in
            guard row.values.count == 2, case .text(let step) = row.values[0], case .text(let checksum) = row.values[1] else { return nil }
            return NumberedMigrationHistory.Recorded(step: step, checksum: checksum)
        }
    }

    func record(_ migration: SchemaMigration, app: String, on connection: PostgresConnection) async throws {
        try await run(
            "INSERT INTO \(PostgresMigrationHistory.table) (app, step, checksum, applied_at) VALUES ($1, $2, $3, $4)",
            binds: [.text(app), .text(migration.identifier), .text(migration.checksum(for: .postgres)), .text(TimestampFormat.makeTimestamp(Date()))],
            on: connection)
    }

    @discardableResult
    func run(_ sql: String, binds: [SQLValue] = [], on connection: PostgresConnection) async throws -> [SQLRow] {
        try await PostgresStatementRunner.run(SQLStatement(sql, binds), on: connection, logger: logger).rows
    }

    /// Runs `body` in one transaction, reporting failures as `MigrationError`.
    /// Migrations are not bound by the request deadlines and lift `statement_timeout`: a
    /// migration of a large table may legitimately run long.
    func postgresMigration<T: Sendable>(end: String = "COMMIT", _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await transaction(begin: "BEGIN", end: end, bounded: false, body)
        } catch let error as Runtime.DatabaseError {
            throw MigrationError(
                code: .databaseFailure,
                message: "migrating \(settings.host):\(settings.port)/\(settings.database) failed: \(error.message); nothing of the failed migration was applied")
        }
    }
}
