/// The table of shared rate-limit counters on PostgreSQL, recorded in `loom_migrations` as the
/// app `<app>.ratelimits`. A single SQLite server counts in memory and has no table.
///
/// `UNLOGGED`: counters are rewritten on every request and worth nothing after a crash, so
/// they skip the write-ahead log (a crash empties the table, which only restarts windows).
public enum RateLimitMigrations {
    /// The steps as the numbered migrations of the app `<app>.ratelimits`.
    public static func schema(app: String) -> SchemaDefinition {
        SchemaDefinition(app: app + ".ratelimits", migrations: [counters])
    }

    /// One row per counted key: when its window ends (milliseconds since 1970) and its hits.
    static let counters = SchemaMigration(
        version: 1, name: "rate_limit_counters",
        sqlite: ["CREATE TABLE loom_rate_limits (key TEXT PRIMARY KEY, window_ends BIGINT NOT NULL, hits BIGINT NOT NULL)"],
        postgres: ["CREATE UNLOGGED TABLE loom_rate_limits (key TEXT PRIMARY KEY, window_ends BIGINT NOT NULL, hits BIGINT NOT NULL)"],
        sqliteForeignKeysOff: false)

    /// Removes windows that ended more than a minute ago (run by `RateLimitPurge`).
    static let purge = SQLStatement(
        "DELETE FROM loom_rate_limits WHERE window_ends < (extract(epoch FROM clock_timestamp()) * 1000)::bigint - 60000")
}
