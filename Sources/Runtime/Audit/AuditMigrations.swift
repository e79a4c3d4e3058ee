/// The audit trail's table, recorded in `loom_migrations` as the app `<app>.audit` (as the
/// `Auth` module's are as `<app>.auth`).
///
/// Times are whole milliseconds since 1970 in a `BIGINT`, identical on both engines, so range
/// filters and the purge are plain integer comparisons. `changed_fields` is a JSON array of
/// member names (never values). `sequence`, assigned by the database, orders the events of one
/// millisecond as they were inserted.
enum AuditMigrations {
    /// The steps as the numbered migrations of the app `<app>.audit`.
    static func schema(app: String) -> SchemaDefinition {
        SchemaDefinition(app: app + ".audit", migrations: [events])
    }

    /// `audit_events` and the indexes of its two reads: newest first for everyone, and newest
    /// first within one organization; the time index also serves the purge.
    static let events: SchemaMigration = {
        let table = { (sequence: String) in
            """
            CREATE TABLE audit_events (\(sequence), id TEXT NOT NULL UNIQUE, occurred_at BIGINT NOT NULL, actor TEXT, credential TEXT, \
            organization_id TEXT, action TEXT NOT NULL, resource TEXT NOT NULL, resource_id TEXT NOT NULL, request_id TEXT, \
            client_ip TEXT, changed_fields TEXT NOT NULL)
            """
        }
        let indexes = [
            "CREATE INDEX audit_events_time ON audit_events (occurred_at)",
            "CREATE INDEX audit_events_organization_time ON audit_events (organization_id, occurred_at)",
        ]
        return SchemaMigration(
            version: 1, name: "audit_events", sqlite: [table("sequence INTEGER PRIMARY KEY")] + indexes,
            postgres: [table("sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY")] + indexes, sqliteForeignKeysOff: false)
    }()
}
