import Foundation
import Runtime

/// The statements that read and write `auth_users`.
struct UserStore: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient

    /// The account with `email` (already normalized) among the end users of `project`, or
    /// among the app-level accounts when `project` is `nil` (the default: password recovery,
    /// OAuth and invitations only ever look there). An end user and an app-level account with
    /// the same email are different accounts.
    func find(email: String, project: UUID? = nil) async throws -> UserRecord? {
        let rows = try await database.fetch(
            project.map {
                sql.statement(
                    "SELECT \(UserRecord.columns) FROM auth_users WHERE project_id = ? AND email = ?", [.uuid($0), .text(email)])
            } ?? sql.statement("SELECT \(UserRecord.columns) FROM auth_users WHERE project_id IS NULL AND email = ?", [.text(email)]))
        return try rows.first.map(UserRecord.init(row:))
    }

    /// The account with `id`, if any.
    func find(id: UUID) async throws -> UserRecord? {
        let rows = try await database.fetchByKey(
            sql.statement("SELECT \(UserRecord.columns) FROM auth_users WHERE id = ?", [.uuid(id)]))
        return try rows.first.map(UserRecord.init(row:))
    }

    /// Inserts a new account.
    func insert(_ user: UserRecord) -> SQLStatement {
        sql.statement(
            """
            INSERT INTO auth_users (id, email, name, password_hash, role, status, password_changed_at, created_at, updated_at, \
            project_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .uuid(user.id), .text(user.email), .text(user.name), .text(user.passwordHash), .text(user.role),
                .text(user.status), .timestamp(user.createdAt), .timestamp(user.createdAt), .timestamp(user.updatedAt),
                user.projectID.map(SQLValue.uuid) ?? .null,
            ])
    }

    /// Changes name and email; a changed email is no longer verified.
    func updateProfile(id: UUID, name: String, email: String, now: Date) -> SQLStatement {
        sql.statement(
            """
            UPDATE auth_users SET name = ?, \
            email_verified_at = CASE WHEN email = ? THEN email_verified_at ELSE NULL END, email = ?, updated_at = ? \
            WHERE id = ?
            """,
            [.text(name), .text(email), .text(email), .timestamp(now), .uuid(id)])
    }

    /// Replaces the password hash.
    func updatePassword(id: UUID, hash: String, now: Date) -> SQLStatement {
        sql.statement(
            "UPDATE auth_users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?",
            [.text(hash), .timestamp(now), .timestamp(now), .uuid(id)])
    }
}
