/// The `loom_migrations` table on PostgreSQL (see `PostgresDatabase+NumberedMigrations`), and
/// the lock that makes instances starting at once take turns.
enum PostgresMigrationHistory {
    /// The history table, named as on SQLite.
    static let table = "loom_migrations"
    /// Creates `loom_migrations`.
    static let createTable = """
        CREATE TABLE IF NOT EXISTS \(table) (
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
}
