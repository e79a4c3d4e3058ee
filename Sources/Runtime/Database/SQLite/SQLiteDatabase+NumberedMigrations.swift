import Foundation
import GRDB

/// Numbered migrations on SQLite: each pending migration runs in its own `BEGIN EXCLUSIVE`
/// transaction that first re-reads `loom_migrations`, so two servers starting at once on one
/// file take turns and the second one skips what the first applied.
///
/// A migration that rebuilds or drops a table (`sqliteForeignKeysOff`) runs with
/// `PRAGMA foreign_keys = OFF` around its transaction (the pragma is a no-op inside one) and
/// must pass `PRAGMA foreign_key_check` before it commits; the pragma is turned back on after.
extension SQLiteDatabase {
    /// Applies the pending numbered migrations of `schema` (see `NumberedMigrationHistory`).
    /// - Throws: `MigrationError`.
    func applyNumberedMigrations(of schema: SchemaDefinition) async throws -> MigrationReport {
        let history = NumberedMigrationHistory(app: schema.app, migrations: schema.migrations, dialect: .sqlite)
        let progress = MigrationProgress(logger: logger, app: schema.app, database: path)
        let plan = try await plannedNumbered(history)
        var report = MigrationReport()
        if plan.adoptsBaseline, let baseline = schema.migrations.first {
            if try await sqliteMigration { db in try self.adopt(baseline, history: history, in: db) } {
                progress.adoptedBaseline(baseline)
                report.applied.append(baseline.identifier)
            }
        }
        if let legacy = schema.legacyHistoryTable {
            let adopted = try await sqliteMigration { db in try self.adoptLegacy(from: legacy, history: history, in: db) }
            for migration in adopted {
                progress.adoptedBaseline(migration)
                report.applied.append(migration.identifier)
            }
        }
        for migration in plan.pending {
            let start = Date()
            let applied = try await sqliteMigration { db in
                try self.apply(migration, history: history, progress: progress, in: db)
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
        let history = NumberedMigrationHistory(app: schema.app, migrations: schema.migrations, dialect: .sqlite)
        let plan = try await plannedNumbered(history)
        guard let legacy = schema.legacyHistoryTable else { return plan.report(baseline: schema.migrations.first) }
        let versions = try await sqliteMigration { db in try self.legacyVersions(in: legacy, history: history, in: db) }
        return plan.report(baseline: schema.migrations.first, legacyTable: legacy, legacyVersions: versions)
    }

    private func plannedNumbered(_ history: NumberedMigrationHistory) async throws -> NumberedMigrationHistory.Plan {
        try await sqliteMigration { db in
            var plan: NumberedMigrationHistory.Plan?
            try db.inTransaction(.deferred) {
                plan = try history.plan(recorded: try self.recorded(app: history.app, in: db))
                return .rollback
            }
            return plan ?? NumberedMigrationHistory.Plan(adoptsBaseline: false, pending: [])
        }
    }

    /// Runs `migration` unless another instance applied it meanwhile; returns whether it ran.
    private func apply(
        _ migration: SchemaMigration, history: NumberedMigrationHistory, progress: MigrationProgress, in db: GRDB.Database
    ) throws -> Bool {
        if migration.sqliteForeignKeysOff { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
        defer { if migration.sqliteForeignKeysOff { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
        var applied = false
        try db.inTransaction(.exclusive) {
            let plan = try history.plan(recorded: try recorded(app: history.app, in: db))
            guard plan.pending.contains(migration) else { return .rollback }
            let statements = migration.sqlite
            progress.started(migration, statements: statements.count)
            for (index, statement) in statements.enumerated() {
                let start = Date()
                try db.execute(sql: statement)
                progress.statementFinished(migration, number: index + 1, of: statements.count, since: start)
            }
            if migration.sqliteForeignKeysOff {
                let violations = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pragma_foreign_key_check") ?? 0
                guard violations == 0 else {
                    throw MigrationError(
                        code: .databaseFailure,
                        message: "migration \(migration.identifier) left \(violations) rows whose reference points nowhere "
                            + "(PRAGMA foreign_key_check); it was rolled back")
                }
            }
            try record(migration, app: history.app, in: db)
            applied = true
            return .commit
        }
        return applied
    }

    /// Records the baseline as applied without running it, after checking its tables exist.
    private func adopt(_ baseline: SchemaMigration, history: NumberedMigrationHistory, in db: GRDB.Database) throws -> Bool {
        var adopted = false
        try db.inTransaction(.exclusive) {
            guard try history.plan(recorded: try recorded(app: history.app, in: db)).adoptsBaseline else { return .rollback }
            var existing: [String: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p WHERE m.type = 'table'
                """) {
                existing[row[0], default: []].insert(row[1])
            }
            let missing = history.missingFromBaseline(existing: existing)
            guard missing.isEmpty else { throw history.baselineMismatch(missing: missing) }
            try record(baseline, app: history.app, in: db)
            adopted = true
            return .commit
        }
        return adopted
    }

    /// The app's rows of `loom_migrations` (creating the table when missing), oldest first.
    func recorded(app: String, in db: GRDB.Database) throws -> [NumberedMigrationHistory.Recorded] {
        try db.execute(sql: SQLiteMigrationHistory.createTable)
        return try Row.fetchAll(
            db, sql: "SELECT step, checksum FROM \(SQLiteMigrationHistory.table) WHERE app = ? ORDER BY id", arguments: [app]
        ).map { NumberedMigrationHistory.Recorded(step: $0[0], checksum: $0[1]) }
    }

    func record(_ migration: SchemaMigration, app: String, in db: GRDB.Database) throws {
        try db.execute(
            sql: "INSERT INTO \(SQLiteMigrationHistory.table) (app, step, checksum, applied_at) VALUES (?, ?, ?, ?)",
            arguments: [app, migration.identifier, migration.checksum(for: .sqlite), TimestampFormat.makeTimestamp(Date())])
    }

    /// Runs `body` on the writer connection outside any transaction, reporting SQLite failures
    /// as `MigrationError`.
    func sqliteMigration<T: Sendable>(_ body: @escaping @Sendable (GRDB.Database) throws -> T) async throws -> T {
        do {
            return try await pool.writeWithoutTransaction(body)
        } catch let error as GRDB.DatabaseError {
            throw MigrationError(
                code: .databaseFailure,
                message: "migrating \(path) failed: \(error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"); nothing of the failed migration was applied")
        }
    }
}
