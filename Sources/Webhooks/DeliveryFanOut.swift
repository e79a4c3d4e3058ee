import Runtime

/// Writes the deliveries of messages to the static subscriptions, after the fact.
///
/// A change's transaction writes its message with `fan_out = 1` and no delivery row
/// (`OutboxHook`): one row instead of one plus one per subscription, each delivery row being
/// four more b-trees (its table, key and two indexes) written and synced with the request's
/// commit. The delivery loops of the static subscriptions then read the messages still marked
/// (a partial index holds only those), write a delivery for each static subscription that
/// receives the message's type, and clear the mark, in one transaction. A message's
/// deliveries are what the outbox owes from the moment it commits: a crash before the fan-out
/// leaves the mark, and the next loop (of any instance, after a restart too) writes them.
///
/// A delivery's id is `<message id>:<subscription>`, so a fan-out made twice (two instances
/// reading the same marked messages on PostgreSQL) writes each delivery once (`ON CONFLICT DO
/// NOTHING`). The subscriptions a message goes to are those active in the instance that fans
/// it out; instances sharing a database are expected to share their static subscriptions, as
/// they share `app.json`.
struct DeliveryFanOut: Sendable {
    /// The outbox tables.
    let store: DeliveryStore
    /// The static subscriptions active in this process.
    let subscriptions: [ActiveSubscription]
    /// Most messages one fan-out transaction takes.
    var batchSize = 500

    /// The marked messages' deliveries written and their marks cleared, up to `limit` (at most
    /// `batchSize`) of the oldest; returns how many messages it took (0: nothing was waiting).
    func run(at now: Int64, limit: Int = .max) async throws -> Int {
        let dialect = store.database.dialect
        let rows = try await store.database.fetch(SQLStatement(
            PlaceholderSequence.render(
                "SELECT id, event_type FROM webhook_messages WHERE fan_out = 1 ORDER BY created_at, id LIMIT ?", for: dialect),
            [.integer(Int64(min(limit, batchSize)))]))
        var messages: [(id: String, type: String)] = []
        for row in rows {
            guard case .text(let id) = row.values[0], case .text(let type) = row.values[1] else { continue }
            messages.append((id, type))
        }
        guard !messages.isEmpty else { return 0 }
        var statements: [SQLStatement] = []
        for subscription in subscriptions {
            let receiving = messages.filter { subscription.receives($0.type) }.map(\.id)
            guard !receiving.isEmpty else { continue }
            statements.append(Self.deliveries(of: receiving, to: subscription.name, at: now, dialect: dialect))
        }
        var p = PlaceholderSequence(dialect: dialect)
        let list = messages.map { _ in p.next() }.joined(separator: ", ")
        statements.append(SQLStatement(
            "UPDATE webhook_messages SET fan_out = 0 WHERE fan_out = 1 AND id IN (\(list))", messages.map { .text($0.id) }))
        _ = try await store.database.write(statements)
        return messages.count
    }

    /// One pending delivery of each message of `messages` to `subscription`, due when its
    /// message was stored; none written twice.
    static func deliveries(of messages: [String], to subscription: String, at now: Int64, dialect: SQLDialect) -> SQLStatement {
        var p = PlaceholderSequence(dialect: dialect)
        let (suffix, name, pending, updated) = (p.next(), p.next(), p.next(), p.next())
        let list = messages.map { _ in p.next() }.joined(separator: ", ")
        return SQLStatement(
            """
            INSERT INTO webhook_deliveries (id, message_id, subscription, status, attempts, next_attempt_at, updated_at) \
            SELECT m.id || CAST(\(suffix) AS TEXT), m.id, CAST(\(name) AS TEXT), CAST(\(pending) AS TEXT), 0, m.created_at, \
            CAST(\(updated) AS BIGINT) FROM webhook_messages m WHERE m.id IN (\(list)) ON CONFLICT (id) DO NOTHING
            """,
            [.text(":" + subscription), .text(subscription), .text(DeliveryStatus.pending.rawValue), .integer(now)]
                + messages.map(SQLValue.text))
    }
}
