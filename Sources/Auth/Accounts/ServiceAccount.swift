import Foundation
import Runtime

/// The app's service account: the one non-person row of `auth_users` that owns the keys
/// `loom-server api-key create` issues without `--owner` (bootstrap and service keys).
///
/// It has the status `service`, so nothing signs in as it (login, OAuth, recovery and
/// refresh all need `active`), and an address without `@`, which no sign-up, invitation or
/// `set-role` can name. Its keys are bounded by their own scopes only (see
/// `AuthService.identity(of:)`), not by a role; a key of it that manages keys acts for it, so
/// the service keys see one another at `GET /api-keys` and an operator's token does not.
/// Platform admins' account listings leave it out.
struct ServiceAccount: Sendable {
    /// `auth_users.status` (and `role`) of the service account.
    static let status = "service"
    /// Its `auth_users.email`; not an email address, so no person can ever hold it.
    static let email = "service-account"

    let sql: AuthSQL
    let database: any DatabaseClient

    /// The service account's id, created on first use. Two commands creating it at once meet
    /// at the unique email: the second reads the first's row.
    func id() async throws -> UUID {
        let store = UserStore(sql: sql, database: database)
        if let existing = try await store.find(email: Self.email) { return existing.id }
        var account = UserRecord(id: UUID(), email: Self.email, name: "Service account", passwordHash: "", role: Self.status, now: TimestampFormat.now())
        account.status = Self.status
        do {
            _ = try await database.write([store.insert(account)])
            return account.id
        } catch let error as DatabaseError {
            guard case .uniqueViolation = error.code, let existing = try await store.find(email: Self.email) else { throw error }
            return existing.id
        }
    }
}
