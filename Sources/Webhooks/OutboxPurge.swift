import Runtime

/// Deletes what the outbox no longer owes anyone once the app's retention has passed
/// (`webhooks.delivery.retentionDays`, 30 days by default): a message older than that whose
/// deliveries are all done (delivered, or failed for good), with its deliveries and their
/// attempts (the foreign keys cascade). A message with a pending delivery, or whose static
/// subscriptions' deliveries are not written yet (`fan_out`), stays whatever its age.
///
/// Each batch reads up to `batchSize` candidates on a reader, walking the primary key from
/// where the previous batch stopped (so a message that must stay is read once per purge),
/// then deletes them in one write that checks the conditions again: a replay committed
/// meanwhile (`MessageLog.replay` sets a delivery back to pending) keeps its message. On
/// PostgreSQL that write first locks the candidates' deliveries in id order, the order the
/// delivery loops record attempts in and a stored subscription's deletion locks them in, so
/// the purge neither deadlocks with them nor deletes a delivery a replay made pending after
/// the check (the replay waits for the purge's commit and then finds no row). Batches are
/// separated by `pause`, so a large backlog never holds the writer for long. Every instance
/// may run it: a purge is idempotent.
struct OutboxPurge: Sendable {
    /// The outbox's database.
    let database: any DatabaseClient
    /// Days a finished message is kept.
    let retentionDays: Int
    /// The clock (tests move it).
    let clock: WebhookClock
    /// Most messages one batch deletes.
    var batchSize = 500
    /// The wait between two batches.
    var pause = Duration.milliseconds(50)

    /// Deletes the finished messages past the retention; returns how many went.
    func purge() async throws -> Int {
        let cutoff = WebhookClock.milliseconds(clock.now()) - Int64(retentionDays) * 86_400_000
        guard cutoff > 0 else { return 0 }
        let dialect = database.dialect
        let finished = "m.created_at < ? AND m.fan_out IS NULL AND NOT EXISTS "
            + "(SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id AND d.status = 'pending')"
        var after = ""
        var total = 0
        while !Task.isCancelled {
            let candidates = try await database.fetch(SQLStatement(
                PlaceholderSequence.render(
                    "SELECT m.id FROM webhook_messages m WHERE m.id > ? AND \(finished) ORDER BY m.id LIMIT ?", for: dialect),
                [.text(after), .integer(cutoff), .integer(Int64(batchSize))])
            ).compactMap { row -> String? in
                guard case .text(let id) = row.values[0] else { return nil }
                return id
            }
            guard let last = candidates.last else { break }
            after = last
            total += try await delete(candidates, finished: finished, cutoff: cutoff)
            if candidates.count < batchSize { break }
            try await Task.sleep(for: pause)
        }
        return total
    }

    /// Deletes those of `ids` (sorted) still finished (`finished`, whose one placeholder is the
    /// cutoff); returns how many.
    private func delete(_ ids: [String], finished: String, cutoff: Int64) async throws -> Int {
        let dialect = database.dialect
        let list = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        var statements: [SQLStatement] = []
        if dialect == .postgres {
            statements.append(SQLStatement(
                PlaceholderSequence.render(
                    "SELECT id FROM webhook_deliveries WHERE message_id IN (\(list)) ORDER BY id FOR UPDATE", for: dialect),
                ids.map(SQLValue.text)))
        }
        statements.append(SQLStatement(
            PlaceholderSequence.render(
                "DELETE FROM webhook_messages WHERE id IN (SELECT m.id FROM webhook_messages m WHERE m.id IN (\(list)) AND \(finished))",
                for: dialect),
            ids.map(SQLValue.text) + [.integer(cutoff)]))
        return try await database.write(statements).last?.changes ?? 0
    }
}
