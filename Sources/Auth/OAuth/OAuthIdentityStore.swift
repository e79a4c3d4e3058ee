import Foundation
import Runtime

/// `auth_oauth_identities`: which account a provider's user signs in as.
struct OAuthIdentityStore: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient

    /// The account columns qualified for the join, built once.
    private static let userColumns = UserRecord.columns.split(separator: ",")
        .map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")

    /// The app-level account linked to `providerUserID` at `provider`, if any (one primary-key
    /// read joined to the account). OAuth sign-in never reaches a project's end users.
    func linkedUser(provider: String, providerUserID: String) async throws -> UserRecord? {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT \(Self.userColumns) FROM auth_oauth_identities i JOIN auth_users u ON u.id = i.user_id \
            WHERE i.provider = ? AND i.provider_user_id = ? AND u.project_id IS NULL
            """,
            [.text(provider), .text(providerUserID)]))
        return try rows.first.map(UserRecord.init(row:))
    }

    /// Links `providerUserID` at `provider` to `userID`.
    func link(provider: String, providerUserID: String, userID: UUID, email: String?, now: Date) -> SQLStatement {
        sql.statement(
            """
            INSERT INTO auth_oauth_identities (provider, provider_user_id, user_id, email, created_at, last_used_at) \
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [.text(provider), .text(providerUserID), .uuid(userID), email.map(SQLValue.text) ?? .null, .timestamp(now), .timestamp(now)])
    }

    /// Records a sign-in through an existing link (and the address the provider gave this time).
    func touch(provider: String, providerUserID: String, email: String?, now: Date) -> SQLStatement {
        sql.statement(
            "UPDATE auth_oauth_identities SET last_used_at = ?, email = ? WHERE provider = ? AND provider_user_id = ?",
            [.timestamp(now), email.map(SQLValue.text) ?? .null, .text(provider), .text(providerUserID)])
    }

    /// Marks the account's address verified (the provider vouched for it) unless it already is.
    func markVerified(userID: UUID, email: String, now: Date) -> SQLStatement {
        sql.statement(
            "UPDATE auth_users SET email_verified_at = ?, updated_at = ? WHERE id = ? AND email = ? AND email_verified_at IS NULL",
            [.timestamp(now), .timestamp(now), .uuid(userID), .text(email)])
    }
}
