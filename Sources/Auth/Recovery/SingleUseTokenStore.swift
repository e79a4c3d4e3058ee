import Foundation
import Runtime

/// The statements that read and write `auth_single_use_tokens`: password reset and email
/// verification tokens, `<lookup id>.<secret>` like refresh tokens, stored as a digest, used once.
struct SingleUseTokenStore: Sendable {
    /// What a token is for; a token of one purpose is refused by the other route.
    enum Purpose: String, Sendable {
        case passwordReset = "password_reset"
        case emailVerification = "email_verification"
    }

    /// A presented token's row.
    struct Presented: Sendable {
        let id: UUID
        let userID: UUID
        let purpose: String
        let email: String
        let secretDigest: String
        let expiresAt: Date
        let usedAt: Date?
    }

    let sql: AuthSQL
    let database: any DatabaseClient

    /// Inserts a token for `email` of `userID`.
    func insert(userID: UUID, purpose: Purpose, email: String, token: RefreshToken, now: Date, expiresAt: Date) -> SQLStatement {
        sql.statement(
            """
            INSERT INTO auth_single_use_tokens (id, user_id, purpose, email, lookup_id, secret_hash, created_at, expires_at) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .uuid(UUID()), .uuid(userID), .text(purpose.rawValue), .text(email), .text(token.lookupID),
                .text(SecretText.digest(token.secret)), .timestamp(now), .timestamp(expiresAt),
            ])
    }

    /// The row of the token with `lookupID`, if any.
    func presented(lookupID: String) async throws -> Presented? {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT id, user_id, purpose, email, secret_hash, expires_at, used_at FROM auth_single_use_tokens \
            WHERE lookup_id = ?
            """, [.text(lookupID)]))
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        return Presented(
            id: try reader.uuid(), userID: try reader.uuid(), purpose: try reader.string(), email: try reader.string(),
            secretDigest: try reader.string(), expiresAt: try reader.timestamp(), usedAt: try reader.optionalTimestamp())
    }

    /// Marks a live token used; changes one row only for the first caller.
    func consume(id: UUID, now: Date) -> SQLStatement {
        sql.statement(
            "UPDATE auth_single_use_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?",
            [.timestamp(now), .uuid(id), .timestamp(now)])
    }
}
