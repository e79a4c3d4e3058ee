import Foundation
import Runtime

/// Throttles repeated failed logins per email, with counters in the database so every server
/// instance sees the same count.
///
/// After `maxFailures` consecutive failures the email is locked for `lockoutSeconds`: logins
/// for it answer 429 with `Retry-After`, whether or not an account has that email (so the
/// lock reveals nothing). A success clears the counter; failures older than the lockout
/// window are forgotten.
struct LoginThrottle: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient
    let maxFailures: Int
    let lockoutSeconds: Int

    /// The throttling key of an email.
    static func subject(email: String) -> String { "login:" + email }

    /// Throws 429 when `subject` is locked at `now`; forgets an expired lock or window.
    func checkAllowed(_ subject: String, now: Date) async throws {
        let rows = try await database.fetch(sql.statement(
            "SELECT failures, window_started_at, locked_until FROM auth_login_throttle WHERE subject = ?", [.text(subject)]))
        guard let row = rows.first else { return }
        var reader = RowReader(row)
        _ = try reader.integer()
        let windowStarted = try reader.timestamp()
        let lockedUntil = try reader.optionalTimestamp()
        if let lockedUntil, lockedUntil.isLater(than: now) {
            // Whole seconds, rounded up, ignoring the sub-millisecond noise of stored timestamps.
            let seconds = Int((lockedUntil.timeIntervalSince(now) - 0.001).rounded(.up))
            throw APIError.tooManyRequests(
                retryAfterSeconds: seconds,
                detail: "Too many failed logins for this email; try again in \(seconds) seconds.")
        }
        let windowOver = now.timeIntervalSince(windowStarted) >= TimeInterval(lockoutSeconds)
        if lockedUntil != nil || windowOver {
            _ = try await database.write([clear(subject)])
        }
    }

    /// Counts one failure and locks the subject once it reaches `maxFailures`: an atomic
    /// upsert, then the lock, run in the caller's transaction. (Two statements rather than one
    /// `CASE`, so that every bound value is assigned straight to its column and PostgreSQL
    /// types it from the column.)
    func failureStatements(_ subject: String, now: Date) -> [SQLStatement] {
        [
            sql.statement(
                """
                INSERT INTO auth_login_throttle (subject, failures, window_started_at) VALUES (?, 1, ?) \
                ON CONFLICT (subject) DO UPDATE SET failures = auth_login_throttle.failures + 1
                """,
                [.text(subject), .timestamp(now)]),
            sql.statement(
                "UPDATE auth_login_throttle SET locked_until = ? WHERE subject = ? AND failures >= ?",
                [.timestamp(now.addingTimeInterval(TimeInterval(lockoutSeconds))), .text(subject), .integer(Int64(maxFailures))]),
        ]
    }

    /// Forgets the subject's failures (after a successful login).
    func clear(_ subject: String) -> SQLStatement {
        sql.statement("DELETE FROM auth_login_throttle WHERE subject = ?", [.text(subject)])
    }
}
