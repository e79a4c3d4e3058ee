import GRDB

/// SQLite side of adopting a legacy version table (see `SchemaDefinition.legacyHistoryTable`):
/// the versions are read and recorded in `loom_migrations` inside one `BEGIN EXCLUSIVE`
/// transaction, so two servers starting at once adopt once.
extension SQLiteDatabase {
    /// Records the migrations `table` holds as applied (when the app has no rows yet); returns them.
    func adoptLegacy(from table: String, history: NumberedMigrationHistory, in db: GRDB.Database) throws -> [SchemaMigration] {
        var adopted: [SchemaMigration] = []
        try db.inTransaction(.exclusive) {
            adopted = try pendingLegacyAdoptions(from: table, history: history, in: db)
            guard !adopted.isEmpty else { return .rollback }
            for migration in adopted { try record(migration, app: history.app, in: db) }
            return .commit
        }
        return adopted
    }

    /// The versions `table` holds that would be adopted now (empty once the app has rows).
    func legacyVersions(in table: String, history: NumberedMigrationHistory, in db: GRDB.Database) throws -> Set<Int> {
        var versions: Set<Int> = []
        try db.inTransaction(.deferred) {
            versions = Set(try pendingLegacyAdoptions(from: table, history: history, in: db).map(\.version))
            return .rollback
        }
        return versions
    }

    private func pendingLegacyAdoptions(
        from table: String, history: NumberedMigrationHistory, in db: GRDB.Database
    ) throws -> [SchemaMigration] {
        let recorded = try recorded(app: history.app, in: db)
        guard recorded.isEmpty, try db.tableExists(table) else { return [] }
        let versions = Set(try Int.fetchAll(db, sql: "SELECT version FROM \"\(table)\""))
        return history.legacyAdoptions(recorded: recorded, legacyVersions: versions)
    }
}
