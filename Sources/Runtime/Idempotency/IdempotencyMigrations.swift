/// The table of idempotency records, recorded in `loom_migrations` as the app
/// `<app>.idempotency` (as the audit trail's is as `<app>.audit`), the same on both engines so
/// every instance of an app on PostgreSQL sees every claim.
///
/// One row per (credential scope, key): the request's fingerprint, the claim's random `token`,
/// its `state` (`pending` while the first request runs and nothing is committed, `applied` once a
/// write of it committed without its answer, `done` with the answer), until when a pending claim
/// holds the key, when the record expires, and the stored answer. Times are milliseconds since
/// 1970 in a `BIGINT`.
enum IdempotencyMigrations {
    /// The steps as the numbered migrations of the app `<app>.idempotency`.
    static func schema(app: String) -> SchemaDefinition {
        SchemaDefinition(app: app + ".idempotency", migrations: [records])
    }

    /// `loom_idempotency` and the index the purge deletes by.
    static let records: SchemaMigration = {
        let statements = [
            """
            CREATE TABLE loom_idempotency (scope TEXT NOT NULL, idempotency_key TEXT NOT NULL, fingerprint TEXT NOT NULL, \
            token TEXT NOT NULL, state TEXT NOT NULL, locked_until BIGINT NOT NULL, expires_at BIGINT NOT NULL, \
            status INTEGER, headers TEXT, body TEXT, PRIMARY KEY (scope, idempotency_key))
            """,
            "CREATE INDEX loom_idempotency_expiry ON loom_idempotency (expires_at)",
        ]
        return SchemaMigration(version: 1, name: "idempotency_records", sqlite: statements, postgres: statements, sqliteForeignKeysOff: false)
    }()
}
