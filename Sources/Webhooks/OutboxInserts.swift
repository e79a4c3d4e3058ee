import Runtime

/// The inserts of a webhook message and of one delivery of it, written once with `?` and
/// rendered for each dialect at first use (`PlaceholderSequence.render`): the outbox hook runs
/// them for every event a table write makes, `MessageLog` for a test message.
enum OutboxInserts {
    /// `id, event_type, organization_id, payload, created_at`.
    static let message = rendered(
        "INSERT INTO webhook_messages (id, event_type, organization_id, payload, created_at) VALUES (?, ?, ?, ?, ?)")

    /// The columns of `message`, then `fan_out`: the static subscriptions (a JSON array of
    /// names) whose deliveries `DeliveryFanOut` writes after the commit.
    static let messageToFanOut = rendered(
        "INSERT INTO webhook_messages (id, event_type, organization_id, payload, created_at, fan_out) VALUES (?, ?, ?, ?, ?, ?)")

    /// `id, message_id, subscription, status, attempts, next_attempt_at, updated_at`.
    static let delivery = rendered(
        "INSERT INTO webhook_deliveries (id, message_id, subscription, status, attempts, next_attempt_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")

    /// A delivery to a per-record target: the columns of `delivery`, then `target_url, target_secret`.
    static let targetedDelivery = rendered(
        """
        INSERT INTO webhook_deliveries (id, message_id, subscription, status, attempts, next_attempt_at, updated_at, target_url, target_secret) \
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)

    private static func rendered(_ sql: String) -> [SQLDialect: String] {
        Dictionary(uniqueKeysWithValues: SQLDialect.allCases.map { ($0, PlaceholderSequence.render(sql, for: $0)) })
    }
}
