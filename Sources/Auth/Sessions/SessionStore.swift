import Foundation
import Runtime

/// The statements that read and write `auth_sessions` and `auth_refresh_tokens` (or the
/// platform admins' tables of the same shape, see `SessionTables`).
struct SessionStore: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient
    /// The tables worked on; the app users' unless told otherwise.
    var tables: SessionTables = .users

    /// What the refresh endpoint learns from a presented token's lookup id.
    struct PresentedToken: Sendable {
        let tokenID: UUID
        let secretDigest: String
        let usedAt: Date?
        /// When the token was issued (a token may expire before its session: `RefreshRotation.tokenSeconds`).
        let issuedAt: Date
        let sessionID: UUID
        let userID: UUID
        let sessionExpiresAt: Date
        let sessionRevokedAt: Date?
        let userStatus: String
        /// The session's organization / project binding.
        let binding: SessionBinding
        /// Whether the binding still holds: the membership exists and the project is not archived
        /// (always true for an unbound session).
        let bindingHolds: Bool
    }

    /// Inserts a session.
    func insert(_ session: SessionRecord) -> SQLStatement {
        sql.statement(
            """
            INSERT INTO \(tables.sessions) (id, user_id, created_at, last_used_at, expires_at, user_agent, ip_address\(bindingColumns)) \
            VALUES (?, ?, ?, ?, ?, ?, ?\(bindingPlaceholders))
            """,
            [
                .uuid(session.id), .uuid(session.userID), .timestamp(session.createdAt), .timestamp(session.lastUsedAt),
                .timestamp(session.expiresAt), session.userAgent.map(SQLValue.text) ?? .null,
                session.ipAddress.map(SQLValue.text) ?? .null,
            ] + bindingValues(session.binding))
    }

    /// Inserts the first refresh token of a session.
    func insertToken(id: UUID, sessionID: UUID, token: RefreshToken, now: Date) -> SQLStatement {
        sql.statement(
            "INSERT INTO \(tables.refreshTokens) (id, session_id, lookup_id, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)",
            [.uuid(id), .uuid(sessionID), .text(token.lookupID), .text(SecretText.digest(token.secret)), .timestamp(now)])
    }

    /// The token with `lookupID` and its session and user, if any.
    func presented(lookupID: String) async throws -> PresentedToken? {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT t.id, t.secret_hash, t.used_at, t.created_at, s.id, s.user_id, s.expires_at, s.revoked_at, u.status, \
            \(bindingSelect) \
            FROM \(tables.refreshTokens) t JOIN \(tables.sessions) s ON s.id = t.session_id JOIN \(tables.accounts) u ON u.id = s.user_id \
            \(bindingJoins)WHERE t.lookup_id = ?
            """, [.text(lookupID)]))
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        let tokenID = try reader.uuid()
        let secretDigest = try reader.string()
        let usedAt = try reader.optionalTimestamp()
        let issuedAt = try reader.timestamp()
        let sessionID = try reader.uuid()
        let userID = try reader.uuid()
        let sessionExpiresAt = try reader.timestamp()
        let sessionRevokedAt = try reader.optionalTimestamp()
        let userStatus = try reader.string()
        let binding = SessionBinding(organizationID: try reader.optionalUUID(), projectID: try reader.optionalUUID())
        let check = try SessionBinding.Check(&reader)
        return PresentedToken(
            tokenID: tokenID, secretDigest: secretDigest, usedAt: usedAt, issuedAt: issuedAt, sessionID: sessionID, userID: userID,
            sessionExpiresAt: sessionExpiresAt, sessionRevokedAt: sessionRevokedAt, userStatus: userStatus, binding: binding,
            bindingHolds: binding.holds(check))
    }

    /// Rotation, all or nothing: marks `old` used (only if it still is unused), inserts its
    /// successor only if that mark succeeded, and touches the session. The first statement's
    /// change count says whether this caller won: 0 means the token was used concurrently.
    func rotate(old: UUID, sessionID: UUID, newID: UUID, token: RefreshToken, now: Date) -> [SQLStatement] {
        [
            sql.statement(
                "UPDATE \(tables.refreshTokens) SET used_at = ?, replaced_by = ? WHERE id = ? AND used_at IS NULL",
                [.timestamp(now), .uuid(newID), .uuid(old)]),
            sql.statement(
                """
                INSERT INTO \(tables.refreshTokens) (id, session_id, lookup_id, secret_hash, created_at) \
                SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM \(tables.refreshTokens) WHERE id = ? AND replaced_by = ?)
                """,
                [
                    .uuid(newID), .uuid(sessionID), .text(token.lookupID), .text(SecretText.digest(token.secret)),
                    .timestamp(now), .uuid(old), .uuid(newID),
                ]),
            sql.statement("UPDATE \(tables.sessions) SET last_used_at = ? WHERE id = ?", [.timestamp(now), .uuid(sessionID)]),
        ]
    }

    /// Revokes one session (and so every refresh token of its family); only the owner's, only once.
    func revoke(id: UUID, userID: UUID, reason: String, now: Date) -> SQLStatement {
        sql.statement(
            "UPDATE \(tables.sessions) SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
            [.timestamp(now), .text(reason), .uuid(id), .uuid(userID)])
    }

    /// Revokes every active session of `userID` except `keep`.
    func revokeOthers(userID: UUID, keep: UUID?, reason: String, now: Date) -> SQLStatement {
        if let keep {
            return sql.statement(
                """
                UPDATE \(tables.sessions) SET revoked_at = ?, revoked_reason = ? \
                WHERE user_id = ? AND id <> ? AND revoked_at IS NULL
                """,
                [.timestamp(now), .text(reason), .uuid(userID), .uuid(keep)])
        }
        return sql.statement(
            "UPDATE \(tables.sessions) SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL",
            [.timestamp(now), .text(reason), .uuid(userID)])
    }

    /// Moves an active session's expiry.
    func extend(id: UUID, userID: UUID, expiresAt: Date, now: Date) -> SQLStatement {
        sql.statement(
            """
            UPDATE \(tables.sessions) SET expires_at = ? \
            WHERE id = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?
            """,
            [.timestamp(expiresAt), .uuid(id), .uuid(userID), .timestamp(now)])
    }

    /// The user's active sessions, newest first.
    func active(userID: UUID, now: Date) async throws -> [SessionRecord] {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT \(SessionRecord.columns) FROM \(tables.sessions) \
            WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id
            """, [.uuid(userID), .timestamp(now)]))
        return try rows.map(SessionRecord.init(row:))
    }

    /// One session of the user, active or not.
    func find(id: UUID, userID: UUID) async throws -> SessionRecord? {
        let rows = try await database.fetch(sql.statement(
            "SELECT \(SessionRecord.columns) FROM \(tables.sessions) WHERE id = ? AND user_id = ?", [.uuid(id), .uuid(userID)]))
        return try rows.first.map(SessionRecord.init(row:))
    }
}
