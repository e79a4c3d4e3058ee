import Foundation
import Runtime

/// The outbox tables as the delivery service uses them. Deliveries are claimed with a lease:
/// on PostgreSQL the due rows are locked `FOR UPDATE SKIP LOCKED`, so instances sharing the
/// database never claim the same row; on SQLite the single writer serialises claims. A claim
/// whose instance died expires with its lease and is claimed again.
struct DeliveryStore: Sendable {
    /// The database.
    let database: any DatabaseClient

    /// A claimed delivery and its message.
    struct Claimed: Sendable {
        /// The delivery's id.
        let id: String
        /// The message id (`webhook-id`).
        let messageID: String
        /// Attempts made before this one.
        let attempts: Int
        /// The payload to send.
        let payload: String
        /// The message's event type (`projects.created`).
        var eventType = ""
        /// Where a delivery to a per-record target goes (`nil` for a subscription's).
        var targetURL: String? = nil
        /// The secret a delivery to a per-record target is signed with.
        var targetSecret: String? = nil
    }

    /// Claims up to `limit` due deliveries of `subscription` until `leaseUntil` (milliseconds).
    func claim(subscription: String, limit: Int, now: Int64, leaseUntil: Int64, owner: String) async throws -> [Claimed] {
        var p = PlaceholderSequence(dialect: database.dialect)
        let (owner1, until, name, due, leased, count) = (p.next(), p.next(), p.next(), p.next(), p.next(), p.next())
        let lock = database.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let claim = SQLStatement(
            """
            UPDATE webhook_deliveries SET lease_owner = \(owner1), lease_until = \(until) WHERE id IN (\
            SELECT id FROM webhook_deliveries WHERE subscription = \(name) AND status = 'pending' AND next_attempt_at <= \(due) \
            AND (lease_until IS NULL OR lease_until <= \(leased)) ORDER BY next_attempt_at LIMIT \(count)\(lock)) \
            RETURNING id, message_id, attempts, target_url, target_secret
            """,
            [.text(owner), .integer(leaseUntil), .text(subscription), .integer(now), .integer(now), .integer(Int64(limit))])
        let rows = try await database.write([claim]).first?.rows ?? []
        let deliveries = rows.compactMap { row -> (String, String, Int, String?, String?)? in
            guard case .text(let id) = row.values[0], case .text(let message) = row.values[1], case .integer(let attempts) = row.values[2] else {
                return nil
            }
            let url: String? = if case .text(let url) = row.values[3] { url } else { nil }
            let secret: String? = if case .text(let secret) = row.values[4] { secret } else { nil }
            return (id, message, Int(attempts), url, secret)
        }
        guard !deliveries.isEmpty else { return [] }
        let payloads = try await self.payloads(Set(deliveries.map { $0.1 }))
        return deliveries.compactMap { delivery in
            payloads[delivery.1].map {
                Claimed(
                    id: delivery.0, messageID: delivery.1, attempts: delivery.2, payload: $0.payload, eventType: $0.eventType,
                    targetURL: delivery.3, targetSecret: delivery.4)
            }
        }
    }

    private func payloads(_ messages: Set<String>) async throws -> [String: (payload: String, eventType: String)] {
        var p = PlaceholderSequence(dialect: database.dialect)
        let list = p.list(messages.count)
        let rows = try await database.fetch(SQLStatement(
            "SELECT id, payload, event_type FROM webhook_messages WHERE id IN (\(list))", messages.sorted().map(SQLValue.text)))
        var result: [String: (payload: String, eventType: String)] = [:]
        for row in rows {
            if case .text(let id) = row.values[0], case .text(let payload) = row.values[1], case .text(let type) = row.values[2] {
                result[id] = (payload, type)
            }
        }
        return result
    }

    /// One attempt made and what it moves its delivery to.
    struct Attempted: Sendable {
        /// The delivery attempted.
        let delivery: Claimed
        /// What came of it.
        let outcome: AttemptOutcome
        /// The delivery's status from now on.
        let status: DeliveryStatus
        /// When it is due again, in milliseconds (while `pending`).
        let nextAttemptAt: Int64
        /// When the outcome was known, in milliseconds.
        let at: Int64
    }

    /// Logs a round's attempts and moves their deliveries on (those this instance still holds
    /// the lease of), in one transaction with the subscription's failure streak: a success ends
    /// it, a failure starts it if none runs. Returns, per attempt (in delivery id order, the
    /// order their rows are locked in, as a subscription's deletion locks them), when the streak
    /// began (milliseconds) after a failure, `nil` after a success. The streak's row is written
    /// after every delivery's, as `disable` does: deliveries in id order, then the streak.
    /// `keepsStreaks`: false for a per-record target's deliveries, which no streak disables (a
    /// failing callback URL is one caller's, not a subscription's); their secret is cleared once
    /// they succeed or fail for good.
    func record(_ attempts: [Attempted], subscription: String, owner: String, keepsStreaks: Bool = true) async throws -> [Int64?] {
        let attempts = attempts.sorted { $0.delivery.id < $1.delivery.id }
        var statements: [SQLStatement] = []
        var streakStatements: [SQLStatement] = []
        var streaks: [Int?] = []
        for attempt in attempts {
            statements += record(
                attempt.outcome, of: attempt.delivery, subscription: subscription, owner: owner, status: attempt.status,
                nextAttemptAt: attempt.nextAttemptAt, at: attempt.at)
            if attempt.delivery.targetSecret != nil, attempt.status != .pending {
                var p = PlaceholderSequence(dialect: database.dialect)
                statements.append(SQLStatement(
                    "UPDATE webhook_deliveries SET target_secret = NULL WHERE id = \(p.next())", [.text(attempt.delivery.id)]))
            }
            guard keepsStreaks else {
                streaks.append(nil)
                continue
            }
            streaks.append(streakStatements.count)
            streakStatements.append(streak(subscription, succeeded: attempt.outcome.succeeded, at: attempt.outcome.startedAt))
        }
        let first = statements.count
        let results = try await database.write(statements + streakStatements)
        return zip(attempts, streaks).map { attempt, position in
            guard let position, !attempt.outcome.succeeded, case .integer(let since) = results[first + position].rows.first?.values.first else {
                return nil
            }
            return since
        }
    }

    /// The statements that log one attempt and move its delivery on.
    private func record(
        _ attempt: AttemptOutcome, of delivery: Claimed, subscription: String, owner: String, status: DeliveryStatus, nextAttemptAt: Int64,
        at now: Int64
    ) -> [SQLStatement] {
        var p = PlaceholderSequence(dialect: database.dialect)
        let log = p.list(7)
        let insert = SQLStatement(
            "INSERT INTO webhook_attempts (id, delivery_id, attempted_at, response_status, duration_ms, response_body, error) VALUES (\(log))",
            [.text(UniqueIdentifiers.timeOrdered(at: attempt.startedAt)), .text(delivery.id), .integer(attempt.startedAt), attempt.status.map { .integer(Int64($0)) } ?? .null,
             .integer(attempt.durationMilliseconds), attempt.responseBody.map(SQLValue.text) ?? .null, attempt.error.map(SQLValue.text) ?? .null])
        var q = PlaceholderSequence(dialect: database.dialect)
        let update = SQLStatement(
            """
            UPDATE webhook_deliveries SET status = \(q.next()), attempts = attempts + 1, next_attempt_at = \(q.next()), \
            lease_owner = NULL, lease_until = NULL, last_status = \(q.next()), last_error = \(q.next()), updated_at = \(q.next()) \
            WHERE id = \(q.next()) AND lease_owner = \(q.next())
            """,
            [.text(status.rawValue), .integer(nextAttemptAt), attempt.status.map { .integer(Int64($0)) } ?? .null,
             attempt.error.map(SQLValue.text) ?? .null, .integer(now), .text(delivery.id), .text(owner)])
        // The delivery's row lock first, then the attempt (whose foreign key takes a share lock
        // on that row): the other way round, a subscription's deletion cascading to the same
        // delivery between the two deadlocked with this on PostgreSQL.
        return [update, insert]
    }

    /// Ends the subscription's failure streak, or starts it at `now` unless one runs, returning
    /// its start either way (`DO UPDATE` to itself, so `RETURNING` also answers on a conflict).
    private func streak(_ subscription: String, succeeded: Bool, at now: Int64) -> SQLStatement {
        var p = PlaceholderSequence(dialect: database.dialect)
        if succeeded {
            return SQLStatement("DELETE FROM webhook_failure_streaks WHERE subscription = \(p.next())", [.text(subscription)])
        }
        return SQLStatement(
            """
            INSERT INTO webhook_failure_streaks (subscription, failing_since) VALUES (\(p.next()), \(p.next())) \
            ON CONFLICT (subscription) DO UPDATE SET failing_since = webhook_failure_streaks.failing_since RETURNING failing_since
            """,
            [.text(subscription), .integer(now)])
    }

    /// Disables `subscription` (a `410 Gone`): it receives nothing more, its pending deliveries
    /// fail; a stored one is marked disabled with the reason (enabling it through the API clears both).
    func disable(subscription: String, reason: String, at now: Int64, audit: SQLStatement? = nil) async throws {
        var p = PlaceholderSequence(dialect: database.dialect)
        let state = SQLStatement(
            """
            INSERT INTO webhook_subscription_states (subscription, disabled_at, reason) VALUES (\(p.next()), \(p.next()), \(p.next())) \
            ON CONFLICT (subscription) DO NOTHING
            """,
            [.text(subscription), .integer(now), .text(reason)])
        var q = PlaceholderSequence(dialect: database.dialect)
        let stored = SQLStatement(
            "UPDATE webhook_subscriptions SET enabled = 0, disabled_reason = \(q.next()), updated_at = \(q.next()) WHERE id = \(q.next())",
            [.text(reason), .integer(now), .text(subscription)])
        let streak = SQLStatement(
            PlaceholderSequence.render("DELETE FROM webhook_failure_streaks WHERE subscription = ?", for: database.dialect), [.text(subscription)])
        _ = try await database.write([state, stored] + failPending(subscription: subscription, reason: reason, at: now) + [streak] + (audit.map { [$0] } ?? []))
    }

    /// Fails the pending deliveries of a disabled subscription (events written after it was
    /// disabled included). On PostgreSQL they are locked first, in id order, the order `record`
    /// locks them in (an `UPDATE` alone locks in the order it scans).
    func failPending(subscription: String, reason: String, at now: Int64) -> [SQLStatement] {
        settlePending(subscription: subscription, error: "the subscription is disabled: \(reason)", at: now)
    }

    /// The statements failing every pending delivery of `subscription` with `error` as its
    /// last error (a disabled subscription's, a retired one's: `SubscriptionRetirement`), and
    /// clearing a per-record target's secret as a delivery failed for good does; the last
    /// one's `changes` is how many.
    func settlePending(subscription: String, error: String, at now: Int64) -> [SQLStatement] {
        var q = PlaceholderSequence(dialect: database.dialect)
        return Self.locks(of: subscription, pendingOnly: true, dialect: database.dialect) + [SQLStatement(
            """
            UPDATE webhook_deliveries SET status = 'failed', last_error = \(q.next()), updated_at = \(q.next()), lease_owner = NULL, \
            lease_until = NULL, target_secret = NULL WHERE subscription = \(q.next()) AND status = 'pending'
            """,
            [.text(error), .integer(now), .text(subscription)])]
    }

    /// On PostgreSQL, the statement locking `subscription`'s deliveries (its pending ones only
    /// when `pendingOnly`) in id order, before a statement that changes or deletes them all: the
    /// order `record` locks them in. Nothing on SQLite, whose writer is alone.
    static func locks(of subscription: String, pendingOnly: Bool, dialect: SQLDialect) -> [SQLStatement] {
        guard dialect == .postgres else { return [] }
        let pending = pendingOnly ? " AND status = 'pending'" : ""
        return [SQLStatement("SELECT id FROM webhook_deliveries WHERE subscription = $1\(pending) ORDER BY id FOR UPDATE", [.text(subscription)])]
    }

    /// Why `subscription` was disabled, or `nil` while it is enabled.
    func disabledReason(_ subscription: String) async throws -> String? {
        var p = PlaceholderSequence(dialect: database.dialect)
        let rows = try await database.fetch(SQLStatement(
            "SELECT reason FROM webhook_subscription_states WHERE subscription = \(p.next())", [.text(subscription)]))
        guard case .text(let reason) = rows.first?.values.first else { return nil }
        return reason
    }
}
