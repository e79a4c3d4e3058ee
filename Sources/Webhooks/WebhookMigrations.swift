import Runtime

/// The `Webhooks` module's own tables, recorded in `loom_migrations` as the app `<app>.webhooks`
/// (as the `Auth` module's are as `<app>.auth`), so `loom-server migrate --status` lists them.
///
/// Times are whole milliseconds since 1970 in `BIGINT` columns, identical on both engines, so
/// the claim and retry arithmetic is plain integer comparison in SQL.
enum WebhookMigrations {
    /// The steps as the numbered migrations of the app `<app>.webhooks`.
    static func schema(app: String) -> SchemaDefinition {
        SchemaDefinition(app: app + ".webhooks", migrations: [outbox, storedSubscriptions, failureStreaks, deliveryTargets, deferredFanOut])
    }

    /// Messages (one per event), deliveries (one per message and subscription, claimed with a
    /// lease), attempts (the delivery log) and the state of static subscriptions (disabled by a
    /// `410 Gone`).
    static let outbox: SchemaMigration = {
        let statements = [
            """
            CREATE TABLE webhook_messages (id TEXT PRIMARY KEY, event_type TEXT NOT NULL, organization_id TEXT, \
            payload TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE webhook_deliveries (id TEXT PRIMARY KEY, \
            message_id TEXT NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE, subscription TEXT NOT NULL, \
            status TEXT NOT NULL, attempts BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL, lease_owner TEXT, \
            lease_until BIGINT, last_status BIGINT, last_error TEXT, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (subscription, status, next_attempt_at)",
            "CREATE INDEX webhook_deliveries_message ON webhook_deliveries (message_id)",
            """
            CREATE TABLE webhook_attempts (id TEXT PRIMARY KEY, \
            delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE, attempted_at BIGINT NOT NULL, \
            response_status BIGINT, duration_ms BIGINT NOT NULL, response_body TEXT, error TEXT)
            """,
            "CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempted_at)",
            """
            CREATE TABLE webhook_subscription_states (subscription TEXT PRIMARY KEY, disabled_at BIGINT NOT NULL, \
            reason TEXT NOT NULL)
            """,
        ]
        return SchemaMigration(version: 1, name: "outbox_deliveries_attempts", sqlite: statements, postgres: statements, sqliteForeignKeysOff: false)
    }()

    /// Subscriptions managed through the API (`webhooks.management`): the URL, the secret (and
    /// the one before the last rotation with its end), the owning organization, and one row per
    /// event pattern, which the outbox hook matches with `IN` in the change's transaction.
    static let storedSubscriptions: SchemaMigration = {
        let statements = [
            """
            CREATE TABLE webhook_subscriptions (id TEXT PRIMARY KEY, organization_id TEXT, url TEXT NOT NULL, description TEXT, \
            secret TEXT NOT NULL, previous_secret TEXT, previous_secret_expires_at BIGINT, enabled BIGINT NOT NULL, \
            disabled_reason TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX webhook_subscriptions_organization ON webhook_subscriptions (organization_id, created_at)",
            """
            CREATE TABLE webhook_subscription_events (\
            subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE, pattern TEXT NOT NULL, \
            PRIMARY KEY (subscription_id, pattern))
            """,
            "CREATE INDEX webhook_subscription_events_pattern ON webhook_subscription_events (pattern, subscription_id)",
        ]
        return SchemaMigration(version: 2, name: "stored_subscriptions", sqlite: statements, postgres: statements, sqliteForeignKeysOff: false)
    }()

    /// When each subscription's current run of failed attempts began (no row: its last attempt
    /// succeeded), for `webhooks.delivery.disableAfterFailingHours`.
    static let failureStreaks: SchemaMigration = {
        let statements = ["CREATE TABLE webhook_failure_streaks (subscription TEXT PRIMARY KEY, failing_since BIGINT NOT NULL)"]
        return SchemaMigration(version: 3, name: "failure_streaks", sqlite: statements, postgres: statements, sqliteForeignKeysOff: false)
    }()

    /// The URL and secret of a delivery to a per-record target (`webhooks.events.<type>.target`),
    /// stored with the delivery because no subscription holds them; the secret is cleared once
    /// the delivery succeeds or fails for good.
    static let deliveryTargets: SchemaMigration = {
        let statements = [
            "ALTER TABLE webhook_deliveries ADD COLUMN target_url TEXT",
            "ALTER TABLE webhook_deliveries ADD COLUMN target_secret TEXT",
        ]
        return SchemaMigration(version: 4, name: "delivery_targets", sqlite: statements, postgres: statements, sqliteForeignKeysOff: false)
    }()

    /// Messages whose deliveries to the static subscriptions are not written yet
    /// (`DeliveryFanOut`): `fan_out` holds the names of the subscriptions the writing instance
    /// chose (a JSON array), `NULL` once they are written; a partial index holds only the marked
    /// ones, so the loops find them without reading the delivered ones. Messages stored before
    /// had their deliveries written with them.
    static let deferredFanOut: SchemaMigration = {
        let statements = [
            "ALTER TABLE webhook_messages ADD COLUMN fan_out TEXT",
            "CREATE INDEX webhook_messages_fan_out ON webhook_messages (created_at, id) WHERE fan_out IS NOT NULL",
        ]
        return SchemaMigration(version: 5, name: "deferred_fan_out", sqlite: statements, postgres: statements, sqliteForeignKeysOff: false)
    }()
}
