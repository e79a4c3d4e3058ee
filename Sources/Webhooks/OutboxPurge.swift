import Logging
import Runtime

/// Deletes what the outbox no longer owes anyone once the app's retention has passed
/// (`webhooks.delivery.retentionDays`, 30 days by default): a message older than that whose
/// deliveries are all done (delivered, or failed for good), with its deliveries and their
/// attempts (the foreign keys cascade). A message with a pending delivery, or whose static
/// subscriptions' deliveries are not written yet (`fan_out`), stays whatever its age.
///
/// Message ids are time-ordered (`msg_`, then the creation's milliseconds as 12 hex digits,
/// `EventPayload.newMessageID`), so the old messages are a range of the primary key:
/// `id < 'msg_<cutoff>'` (and `created_at` says the same). Each statement deletes at most
/// `batchSize` of them, oldest first, so a large backlog goes in short transactions that
/// never hold the writer for long. Every instance may run it: a purge is idempotent.
struct OutboxPurge: Sendable {
    /// The outbox's database.
    let database: any DatabaseClient
    /// Days a finished message is kept.
    let retentionDays: Int
    /// The clock (tests move it).
    let clock: WebhookClock
    /// Most messages one statement deletes.
    var batchSize = 1_000

    /// Deletes the finished messages past the retention; returns how many went.
    func purge() async throws -> Int {
        let cutoff = WebhookClock.milliseconds(clock.now()) - Int64(retentionDays) * 86_400_000
        guard cutoff > 0 else { return 0 }
        let bound = "msg_" + Self.hex12(cutoff)
        var p = PlaceholderSequence(dialect: database.dialect)
        let statement = SQLStatement(
            """
            DELETE FROM webhook_messages WHERE id IN (SELECT m.id FROM webhook_messages m WHERE m.id < \(p.next()) \
            AND m.created_at < \(p.next()) AND m.fan_out IS NULL AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d \
            WHERE d.message_id = m.id AND d.status = 'pending') ORDER BY m.id LIMIT \(p.next()))
            """,
            [.text(bound), .integer(cutoff), .integer(Int64(batchSize))])
        var total = 0
        while !Task.isCancelled {
            let deleted = try await database.write([statement]).first?.changes ?? 0
            total += deleted
            if deleted < batchSize { break }
        }
        return total
    }

    /// `milliseconds` as the 12 lower-case hex digits a time-ordered id starts with.
    static func hex12(_ milliseconds: Int64) -> String {
        let digits = String(UInt64(milliseconds) & 0xFFFF_FFFF_FFFF, radix: 16)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }
}
