/// The tables of rate-limit tier assignments, the same on both engines, recorded in
/// `loom_migrations` as the app `<app>.ratelimittiers`: `loom_rate_limit_tiers` (one row per API
/// key or organization with a tier of its own) and `loom_rate_limit_tier_version`, one row whose
/// `version` every change increments in the change's transaction, so instances notice a change
/// by reading one integer (on PostgreSQL with each request's counter statement).
enum RateLimitTierMigrations {
    /// The steps as the numbered migrations of the app `<app>.ratelimittiers`.
    static func schema(app: String) -> SchemaDefinition {
        SchemaDefinition(app: app + ".ratelimittiers", migrations: [tables])
    }

    /// Both tables and the version row.
    static let tables: SchemaMigration = {
        let statements = [
            "CREATE TABLE loom_rate_limit_tiers (holder TEXT PRIMARY KEY, tier TEXT NOT NULL, updated_at BIGINT NOT NULL)",
            "CREATE TABLE loom_rate_limit_tier_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)",
            "INSERT INTO loom_rate_limit_tier_version (id, version) VALUES (1, 0)",
        ]
        return SchemaMigration(version: 1, name: "rate_limit_tiers", sqlite: statements, postgres: statements, sqliteForeignKeysOff: false)
    }()

    /// The current version (a scalar subquery the PostgreSQL counter returns with each count).
    static let versionQuery = "SELECT version FROM loom_rate_limit_tier_version WHERE id = 1"
}
