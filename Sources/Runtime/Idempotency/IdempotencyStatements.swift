/// The statements on `loom_idempotency`, in one dialect. Every statement names the claim by
/// scope, key and its random token, so a request whose abandoned claim was taken over can never
/// finish the new owner's record.
struct IdempotencyStatements: Sendable {
    /// The database's dialect.
    let dialect: SQLDialect

    /// `sql` with each `?` replaced by the dialect's placeholder.
    private func statement(_ sql: String, _ binds: [SQLValue]) -> SQLStatement {
        SQLStatement(PlaceholderSequence.render(sql, for: dialect), binds)
    }

    /// Inserts a pending claim, or takes over a record that expired or a pending claim whose
    /// `locked_until` passed; returns the token when the claim is this request's, no row otherwise.
    func claim(_ claim: IdempotencyClaim.Identity, fingerprint: String, nowMilliseconds now: Int64, lease: Int64, retention: Int64) -> SQLStatement {
        statement(
            """
            INSERT INTO loom_idempotency (scope, idempotency_key, fingerprint, token, state, locked_until, expires_at) \
            VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (scope, idempotency_key) DO UPDATE SET fingerprint = excluded.fingerprint, \
            token = excluded.token, state = 'pending', locked_until = excluded.locked_until, expires_at = excluded.expires_at, \
            status = NULL, headers = NULL, body = NULL \
            WHERE loom_idempotency.expires_at <= ? OR (loom_idempotency.state = 'pending' AND loom_idempotency.locked_until <= ?) \
            RETURNING token
            """,
            [.text(claim.scope), .text(claim.key), .text(fingerprint), .text(claim.token), .integer(now + lease), .integer(now + retention),
             .integer(now), .integer(now)])
    }

    /// The record of a key: fingerprint, state, status, headers, body, expiry.
    func lookup(scope: String, key: String) -> SQLStatement {
        statement(
            "SELECT fingerprint, state, status, headers, body, expires_at FROM loom_idempotency WHERE scope = ? AND idempotency_key = ?",
            [.text(scope), .text(key)])
    }

    /// Turns the claim into the stored answer (in the write's transaction, or on its own).
    func complete(_ claim: IdempotencyClaim.Identity, with answer: IdempotentAnswer) -> SQLStatement {
        statement(
            "UPDATE loom_idempotency SET state = 'done', status = ?, headers = ?, body = ? WHERE scope = ? AND idempotency_key = ? AND token = ?",
            [.integer(Int64(answer.status)), .text(answer.storedHeaders), .text(String(decoding: answer.body, as: UTF8.self)),
             .text(claim.scope), .text(claim.key), .text(claim.token)])
    }

    /// Marks that a write of the claim's request committed (a custom endpoint, whose answer is
    /// known only after its handler returns): the key is never run again.
    func markApplied(_ claim: IdempotencyClaim.Identity) -> SQLStatement {
        statement(
            "UPDATE loom_idempotency SET state = 'applied' WHERE scope = ? AND idempotency_key = ? AND token = ? AND state <> 'done'",
            [.text(claim.scope), .text(claim.key), .text(claim.token)])
    }

    /// Gives the key back when nothing of the request committed.
    func release(_ claim: IdempotencyClaim.Identity) -> SQLStatement {
        statement(
            "DELETE FROM loom_idempotency WHERE scope = ? AND idempotency_key = ? AND token = ? AND state = 'pending'",
            [.text(claim.scope), .text(claim.key), .text(claim.token)])
    }

    /// Deletes the records that expired before `now`.
    func purge(nowMilliseconds now: Int64) -> SQLStatement {
        statement("DELETE FROM loom_idempotency WHERE expires_at <= ?", [.integer(now)])
    }
}
