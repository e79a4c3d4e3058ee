/// The usage table, recorded in `loom_migrations` as the app `<app>.usage`.
///
/// One row per UTC day (days since 1970), API key id and organization id (both `''` when
/// absent, so the primary key compares them). Every count is a `BIGINT` that flushes add to,
/// one column per latency bucket (`UsageHistogram.columns`), so several instances' counts add
/// up and the percentiles are computed from the sums when read.
enum UsageMigrations {
    /// The steps as the numbered migrations of the app `<app>.usage`.
    static func schema(app: String) -> SchemaDefinition {
        SchemaDefinition(app: app + ".usage", migrations: [daily])
    }

    /// `usage_daily`; the primary key serves the upsert and the purge (`day <`), the second
    /// index an organization's rows.
    static let daily: SchemaMigration = {
        let counts = (["requests", "client_errors", "server_errors"] + UsageHistogram.columns).map { "\($0) BIGINT NOT NULL DEFAULT 0" }
        let table = "CREATE TABLE usage_daily (day BIGINT NOT NULL, api_key_id TEXT NOT NULL, organization_id TEXT NOT NULL, "
            + counts.joined(separator: ", ") + ", PRIMARY KEY (day, api_key_id, organization_id))"
        let statements = [table, "CREATE INDEX usage_daily_organization_day ON usage_daily (organization_id, day)"]
        return SchemaMigration(version: 1, name: "usage_daily", sqlite: statements, postgres: statements, sqliteForeignKeysOff: false)
    }()
}
