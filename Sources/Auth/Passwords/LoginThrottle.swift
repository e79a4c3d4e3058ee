import Foundation
import Runtime

/// Throttles repeated failed logins per email, with counters in the database so every server
/// instance sees the same count.
///
/// Each attempt is counted as a failure *before* its password is checked (`reserveAttempt`):
/// an atomic increment returns the attempt's number, and an attempt past `maxFailures` is
/// refused without reaching bcrypt, so 200 parallel guesses cost at most `maxFailures` bcrypt
/// runs and a correct password among them is refused once the quota is taken. A failed
/// attempt then locks the email for `lockoutSeconds` once `maxFailures` is reached
/// (`lockStatements`); logins for it answer 429 with `Retry-After`, whether or not an account
/// has that email (so the lock reveals nothing). A success clears the counter; failures older
/// than the lockout window are forgotten.
struct LoginThrottle: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient
    let maxFailures: Int
    let lockoutSeconds: Int

    /// The throttling key of an email.
    static func subject(email: String) -> String { "login:" + email }

    /// Counts one attempt for `subject` before its password is checked; throws 429 when the
    /// subject is locked or `limit` (`maxFailures` unless given) attempts of the window are
    /// already taken (by earlier failures or by attempts still running).
    func reserveAttempt(_ subject: String, limit: Int? = nil, now: Date) async throws {
        try await checkAllowed(subject, now: now)
        let results = try await database.write([
            sql.statement(
                """
                INSERT INTO auth_login_throttle (subject, failures, window_started_at) VALUES (?, 1, ?) \
                ON CONFLICT (subject) DO UPDATE SET failures = auth_login_throttle.failures + 1 RETURNING failures
                """,
                [.text(subject), .timestamp(now)])
        ])
        guard let row = results.first?.rows.first else { return }
        var reader = RowReader(row)
        let attempt = try reader.integer()
        guard attempt > Int64(limit ?? maxFailures) else { return }
        throw Self.refusal(subject, seconds: lockoutSeconds)
    }

    /// Throws 429 when `subject` is locked at `now`; forgets an expired lock or window.
    private func checkAllowed(_ subject: String, now: Date) async throws {
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
            throw Self.refusal(subject, seconds: seconds)
        }
        let windowOver = now.timeIntervalSince(windowStarted) >= TimeInterval(lockoutSeconds)
        if lockedUntil != nil || windowOver {
            _ = try await database.write([clear(subject)])
        }
    }

    /// Locks the subject once its reserved attempts reach `limit` (`maxFailures` unless given;
    /// the failed attempt was counted by `reserveAttempt`), run in the caller's transaction with
    /// its audit row.
    func lockStatements(_ subject: String, limit: Int? = nil, now: Date) -> [SQLStatement] {
        [
            sql.statement(
                "UPDATE auth_login_throttle SET locked_until = ? WHERE subject = ? AND failures >= ? AND locked_until IS NULL",
                [.timestamp(now.addingTimeInterval(TimeInterval(lockoutSeconds))), .text(subject), .integer(Int64(limit ?? maxFailures))])
        ]
    }

    /// Gives back one reserved attempt of `subject` (a login that succeeded from an address).
    func release(_ subject: String) -> SQLStatement {
        sql.statement("UPDATE auth_login_throttle SET failures = failures - 1 WHERE subject = ? AND failures > 0", [.text(subject)])
    }

    /// Forgets `subject` and every `subject|<address>` (a password reset ends every lock of the email).
    func clearAll(_ subject: String) -> SQLStatement {
        let prefix = subject + "|"
        return sql.statement(
            "DELETE FROM auth_login_throttle WHERE subject = ? OR substr(subject, 1, ?) = ?",
            [.text(subject), .integer(Int64(prefix.unicodeScalars.count)), .text(prefix)])
    }

    /// The 429 of a refused attempt, saying which limit was reached.
    static func refusal(_ subject: String, seconds: Int) -> APIError {
        let what: String
        if subject.hasPrefix(MailQuota.recipientPrefix) {
            what = "Too many mails to this email"
        } else if subject.hasPrefix(MailQuota.addressPrefix) {
            what = "Too many mails requested from this address"
        } else if subject.hasPrefix(LoginAttempt.addressPrefix) {
            what = "Too many failed logins from this address"
        } else {
            what = "Too many failed logins for this email"
        }
        return APIError.tooManyRequests(retryAfterSeconds: seconds, detail: "\(what); try again in \(seconds) seconds.")
    }

    /// Forgets the subject's failures (after a successful login).
    func clear(_ subject: String) -> SQLStatement {
        sql.statement("DELETE FROM auth_login_throttle WHERE subject = ?", [.text(subject)])
    }
}
