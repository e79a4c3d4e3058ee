import Foundation
import Runtime

/// `auth_oauth_identities`: which account a provider's user signs in as.
struct OAuthIdentityStore: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient

    /// The account columns qualified for the join, built once.
    private static let userColumns = UserRecord.columns.split(separator: ",")
        .map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")

    /// The account linked to `providerUserID` at `provider`, if any (one unique-index read
    /// joined to the account): an app-level account when `project` is `nil`, else an end user of
    /// that project. A provider's user has one link at app level and one in each project.
    func linkedUser(provider: String, providerUserID: String, project: UUID?) async throws -> UserRecord? {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT \(Self.userColumns) FROM auth_oauth_identities i JOIN auth_users u ON u.id = i.user_id \
            WHERE i.provider = ? AND i.provider_user_id = ? AND \(Self.scope("i", project)) AND \(Self.scope("u", project))
            """,
            [.text(provider), .text(providerUserID)] + Self.scopeValues(project) + Self.scopeValues(project)))
        return try rows.first.map(UserRecord.init(row:))
    }

    /// Links `providerUserID` at `provider` to `userID`, inside `project` when the account is its end user.
    func link(provider: String, providerUserID: String, userID: UUID, project: UUID?, email: String?, now: Date) -> SQLStatement {
        sql.statement(
            """
            INSERT INTO auth_oauth_identities (provider, provider_user_id, user_id, project_id, email, created_at, last_used_at) \
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(provider), .text(providerUserID), .uuid(userID), project.map(SQLValue.uuid) ?? .null, email.map(SQLValue.text) ?? .null,
                .timestamp(now), .timestamp(now),
            ])
    }

    /// Records a sign-in through an existing link (and the address the provider gave this time).
    func touch(provider: String, providerUserID: String, project: UUID?, email: String?, now: Date) -> SQLStatement {
        sql.statement(
            "UPDATE auth_oauth_identities SET last_used_at = ?, email = ? WHERE provider = ? AND provider_user_id = ? AND \(Self.scope("", project))",
            [.timestamp(now), email.map(SQLValue.text) ?? .null, .text(provider), .text(providerUserID)] + Self.scopeValues(project))
    }

    /// Marks the account's address verified (the provider vouched for it) unless it already is.
    func markVerified(userID: UUID, email: String, now: Date) -> SQLStatement {
        sql.statement(
            "UPDATE auth_users SET email_verified_at = ?, updated_at = ? WHERE id = ? AND email = ? AND email_verified_at IS NULL",
            [.timestamp(now), .timestamp(now), .uuid(userID), .text(email)])
    }

    /// The condition on `project_id` of the row aliased `alias` (empty: unqualified): `IS NULL`
    /// at app level, else equal to the project (`scopeValues`).
    private static func scope(_ alias: String, _ project: UUID?) -> String {
        let column = alias.isEmpty ? "project_id" : alias + ".project_id"
        return project == nil ? column + " IS NULL" : column + " = ?"
    }

    /// The values of one `scope` condition: none at app level, else the project.
    private static func scopeValues(_ project: UUID?) -> [SQLValue] {
        project.map { [SQLValue.uuid($0)] } ?? []
    }
}
