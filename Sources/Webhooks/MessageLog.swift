import APIContract
import Foundation
import Runtime

/// The messages, deliveries and attempts of one subscription, as the management API lists and
/// replays them. A replay sets the delivery back to `pending` with its attempt count at zero
/// (a fresh retry schedule), due now; the attempts made before stay in the log.
struct MessageLog: Sendable {
    /// The database.
    let database: any DatabaseClient

    /// Queues a `webhook.test` message to `subscription` alone.
    func queueTest(to subscription: StoredSubscription, at time: Date, tenantScoped: Bool) async throws -> MessageRecord {
        let milliseconds = WebhookClock.milliseconds(time)
        let id = EventPayload.newMessageID(at: milliseconds)
        let payload = EventPayload.test(
            id: id, subscription: subscription.id, at: time, organizationID: subscription.organizationID, tenantScoped: tenantScoped)
        let dialect = database.dialect
        _ = try await database.write([
            SQLStatement(
                OutboxInserts.message[dialect]!,
                [.text(id), .text(WebhookContract.testEventType), subscription.organizationID.map(SQLValue.text) ?? .null, .text(payload),
                 .integer(milliseconds)]),
            SQLStatement(
                OutboxInserts.delivery[dialect]!,
                [.text(id + ":" + subscription.id), .text(id), .text(subscription.id), .text(DeliveryStatus.pending.rawValue), .integer(0),
                 .integer(milliseconds), .integer(milliseconds)]),
        ])
        guard let record = try await find(message: id, subscription: subscription.id) else { throw APIError.internalError }
        return record
    }

    /// One page of the subscription's messages, newest first, with the total.
    func page(subscription: String, status: String?, limit: Int, offset: Int) async throws -> ([MessageRecord], Int) {
        var p = PlaceholderSequence(dialect: database.dialect)
        var condition = "d.subscription = \(p.next())"
        var values: [SQLValue] = [.text(subscription)]
        if let status {
            condition += " AND d.status = \(p.next())"
            values.append(.text(status))
        }
        let total = try await database.fetch(SQLStatement("SELECT COUNT(*) FROM webhook_deliveries d WHERE \(condition)", values))
        let (count, skip) = (p.next(), p.next())
        let rows = try await database.fetch(SQLStatement(
            """
            SELECT \(MessageRecord.columns) FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id \
            WHERE \(condition) ORDER BY m.created_at DESC, m.id DESC LIMIT \(count) OFFSET \(skip)
            """,
            values + [.integer(Int64(limit)), .integer(Int64(offset))]))
        var reader = RowReader(total.first ?? SQLRow(values: [.integer(0)]))
        return (try rows.map(MessageRecord.init(row:)), Int(try reader.integer()))
    }

    /// The message `message` as delivered to `subscription`, or `nil`.
    func find(message: String, subscription: String) async throws -> MessageRecord? {
        var p = PlaceholderSequence(dialect: database.dialect)
        let rows = try await database.fetch(SQLStatement(
            """
            SELECT \(MessageRecord.columns) FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id \
            WHERE d.subscription = \(p.next()) AND d.message_id = \(p.next())
            """,
            [.text(subscription), .text(message)]))
        return try rows.first.map(MessageRecord.init(row:))
    }

    /// One page of the attempts to deliver `message` to `subscription`, newest first, with the total.
    func attempts(message: String, subscription: String, limit: Int, offset: Int) async throws -> ([AttemptRecord], Int) {
        var p = PlaceholderSequence(dialect: database.dialect)
        let condition = "d.subscription = \(p.next()) AND d.message_id = \(p.next())"
        let values: [SQLValue] = [.text(subscription), .text(message)]
        let total = try await database.fetch(SQLStatement(
            "SELECT COUNT(*) FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE \(condition)", values))
        let (count, skip) = (p.next(), p.next())
        let rows = try await database.fetch(SQLStatement(
            """
            SELECT \(AttemptRecord.columns) FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id \
            WHERE \(condition) ORDER BY a.attempted_at DESC, a.id DESC LIMIT \(count) OFFSET \(skip)
            """,
            values + [.integer(Int64(limit)), .integer(Int64(offset))]))
        var reader = RowReader(total.first ?? SQLRow(values: [.integer(0)]))
        return (try rows.map(AttemptRecord.init(row:)), Int(try reader.integer()))
    }

    /// Sets the deliveries of `subscription` that `condition` selects back to pending, due at
    /// `now`, with a fresh schedule; returns how many.
    func replay(subscription: String, message: String?, failedSince: Int64?, now: Int64) async throws -> Int {
        var p = PlaceholderSequence(dialect: database.dialect)
        var sql = """
            UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = \(p.next()), lease_owner = NULL, \
            lease_until = NULL, updated_at = \(p.next()) WHERE subscription = \(p.next())
            """
        var values: [SQLValue] = [.integer(now), .integer(now), .text(subscription)]
        if let message {
            sql += " AND message_id = \(p.next())"
            values.append(.text(message))
        }
        if let failedSince {
            sql += " AND status = 'failed' AND message_id IN (SELECT id FROM webhook_messages WHERE created_at >= \(p.next()))"
            values.append(.integer(failedSince))
        }
        let results = try await database.write([SQLStatement(sql + " RETURNING id", values)])
        return results.first?.rows.count ?? 0
    }
}
