import Logging

/// The idempotency records of an app with an `idempotency` section: the table and its purge.
/// `LoomServer` adds the middleware itself when `AppSettings.idempotency` is set; the server's
/// wiring creates the table (`migrate`) and runs the purge (`purgeService`), as for the audit trail.
public enum IdempotencyRecords {
    /// Creates or updates `loom_idempotency` (recorded in `loom_migrations` as `<app>.idempotency`).
    public static func migrate(_ database: any DatabaseClient, app: String) async throws -> [String] {
        try await database.migrate(to: IdempotencyMigrations.schema(app: app)).applied.map { "idempotency migration \($0)" }
    }

    /// Purges expired records; goes into `LoomServer.Configuration.services`.
    public static func purgeService(database: any DatabaseClient, settings: IdempotencySettings, logger: Logger) -> PeriodicPurge {
        let store = IdempotencyStore(database: database, settings: settings)
        return PeriodicPurge(rows: "expired idempotency records", interval: .seconds(settings.purgeIntervalSeconds), logger: logger) {
            try await store.purge()
        }
    }
}
