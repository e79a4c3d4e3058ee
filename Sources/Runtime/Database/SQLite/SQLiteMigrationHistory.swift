/// The `loom_migrations` table on SQLite, where every applied numbered migration is recorded
/// with its checksum (see `SQLiteDatabase+NumberedMigrations`).
enum SQLiteMigrationHistory {
    /// The name of the table recording applied steps.
    static let table = "loom_migrations"
    /// Creates `loom_migrations`.
    static let createTable = """
        CREATE TABLE IF NOT EXISTS \(table) (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            app TEXT NOT NULL,
            step TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """
}
