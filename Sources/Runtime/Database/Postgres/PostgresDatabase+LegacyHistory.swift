import PostgresNIO

/// PostgreSQL side of adopting a legacy version table (see `SchemaDefinition.legacyHistoryTable`):
/// the versions are read and recorded in `loom_migrations` under the migration advisory lock,
/// so instances starting at once adopt once.
extension PostgresDatabase {
    /// Records the migrations `table` holds as applied (when the app has no rows yet); returns them.
    func adoptLegacy(from table: String, history: NumberedMigrationHistory, on connection: PostgresConnection) async throws -> [SchemaMigration] {
        let adopted = try await pendingLegacyAdoptions(from: table, history: history, on: connection)
        for migration in adopted { try await record(migration, app: history.app, on: connection) }
        return adopted
    }

    /// The versions `table` holds that would be adopted now (empty once the app has rows).
    func legacyVersions(in table: String, history: NumberedMigrationHistory, on connection: PostgresConnection) async throws -> Set<Int> {
        Set(try await pendingLegacyAdoptions(from: table, history: history, on: connection).map(\.version))
    }

    private func pendingLegacyAdoptions(
        from table: String, history: NumberedMigrationHistory, on connection: PostgresConnection
    ) async throws -> [SchemaMigration] {
        let recorded = try await recorded(app: history.app, on: connection)
        guard recorded.isEmpty else { return [] }
        let exists = try await run(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1",
            binds: [.text(table)], on: connection)
        guard case .integer(let count)? = exists.first?.values.first, count > 0 else { return [] }
        var versions: Set<Int> = []
        for row in try await run("SELECT version FROM \"\(table)\"", on: connection) {
            if case .integer(let version)? = row.values.first { versions.insert(Int(version)) }
        }
        return history.legacyAdoptions(recorded: recorded, legacyVersions: versions)
    }
}
