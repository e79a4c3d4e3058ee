import Foundation
import NIOConcurrencyHelpers
import Runtime

/// Writes the deliveries of messages to the static subscriptions, after the fact.
///
/// A change's transaction writes its message with `fan_out` naming the static subscriptions
/// that receive it (a JSON array, chosen by the writing instance) and no delivery row
/// (`OutboxHook`): one row instead of one plus one per subscription, each delivery row being
/// four more b-trees (its table, key and two indexes) written and synced with the request's
/// commit. The delivery loops of the static subscriptions then read the messages still marked
/// (a partial index holds only those), write a delivery for each subscription a message names,
/// and clear the mark, in one transaction. A message's deliveries are what the outbox owes from
/// the moment it commits: a crash before the fan-out leaves the mark, and the next loop (of any
/// instance, after a restart too) writes them. Which instance fans a message out does not
/// change who receives it: the names come from the message, not from the fanning instance's
/// configuration (instances of a rolling deploy may differ), and a delivery to a subscription
/// this instance does not run waits for the instances that do.
///
/// A delivery's id is `<message id>:<subscription>`, so a fan-out made twice (two instances
/// reading the same marked messages on PostgreSQL) writes each delivery once (`ON CONFLICT DO
/// NOTHING`). On PostgreSQL the transaction first locks its messages in id order, then writes
/// the deliveries by subscription name and message id: two instances fanning out overlapping
/// messages queue on the first shared message instead of deadlocking. Within one process only
/// one loop fans out at a time (the others skip their turn).
struct DeliveryFanOut: Sendable {
    /// The outbox tables.
    let store: DeliveryStore
    /// Most messages one fan-out transaction takes.
    var batchSize = 500
    /// Set while a loop of this process fans out.
    private let running = NIOLockedValueBox(false)

    /// Creates the fan-out over `store`'s tables.
    init(store: DeliveryStore, batchSize: Int = 500) {
        self.store = store
        self.batchSize = batchSize
    }

    /// The marked messages' deliveries written and their marks cleared, up to `limit` (at most
    /// `batchSize`) of the oldest; returns how many messages it took (0: nothing was waiting, or
    /// another loop of this process is fanning out).
    func run(at now: Int64, limit: Int = .max) async throws -> Int {
        let started = running.withLockedValue { busy in
            if busy { return false }
            busy = true
            return true
        }
        guard started else { return 0 }
        defer { running.withLockedValue { $0 = false } }
        let dialect = store.database.dialect
        let rows = try await store.database.fetch(SQLStatement(
            PlaceholderSequence.render(
                "SELECT id, fan_out FROM webhook_messages WHERE fan_out IS NOT NULL ORDER BY created_at, id LIMIT ?", for: dialect),
            [.integer(Int64(min(limit, batchSize)))]))
        var messages: [String] = []
        var receiving: [String: [String]] = [:]
        for row in rows {
            guard case .text(let id) = row.values[0] else { continue }
            messages.append(id)
            guard case .text(let names) = row.values[1] else { continue }
            for name in Self.names(names) { receiving[name, default: []].append(id) }
        }
        guard !messages.isEmpty else { return 0 }
        messages.sort()
        var statements: [SQLStatement] = []
        if dialect == .postgres {
            var p = PlaceholderSequence(dialect: dialect)
            let list = p.list(messages.count)
            statements.append(SQLStatement(
                "SELECT id FROM webhook_messages WHERE id IN (\(list)) ORDER BY id FOR UPDATE", messages.map(SQLValue.text)))
        }
        for name in receiving.keys.sorted() {
            statements.append(Self.deliveries(of: receiving[name]!.sorted(), to: name, at: now, dialect: dialect))
        }
        var p = PlaceholderSequence(dialect: dialect)
        let list = p.list(messages.count)
        statements.append(SQLStatement(
            "UPDATE webhook_messages SET fan_out = NULL WHERE fan_out IS NOT NULL AND id IN (\(list))", messages.map(SQLValue.text)))
        _ = try await store.database.write(statements)
        return messages.count
    }

    /// The subscription names a message's `fan_out` holds (`OutboxHook.receivers`); a value that
    /// is not a JSON array of strings (written by hand) names none, and its mark is cleared.
    static func names(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// One pending delivery of each message of `messages` to `subscription`, due when its
    /// message was stored, written in message id order; none written twice.
    static func deliveries(of messages: [String], to subscription: String, at now: Int64, dialect: SQLDialect) -> SQLStatement {
        var p = PlaceholderSequence(dialect: dialect)
        let (suffix, name, pending, updated) = (p.next(), p.next(), p.next(), p.next())
        let list = p.list(messages.count)
        return SQLStatement(
            """
            INSERT INTO webhook_deliveries (id, message_id, subscription, status, attempts, next_attempt_at, updated_at) \
            SELECT m.id || CAST(\(suffix) AS TEXT), m.id, CAST(\(name) AS TEXT), CAST(\(pending) AS TEXT), 0, m.created_at, \
            CAST(\(updated) AS BIGINT) FROM webhook_messages m WHERE m.id IN (\(list)) ORDER BY m.id ON CONFLICT (id) DO NOTHING
            """,
            [.text(":" + subscription), .text(subscription), .text(DeliveryStatus.pending.rawValue), .integer(now)]
                + messages.map(SQLValue.text))
    }
}
