import Foundation
import Runtime

/// One row of `auth_sessions`: a login on one device, the family of its refresh tokens.
struct SessionRecord: Sendable {
    /// Select list matching `init(row:)`.
    static let columns = "id, user_id, created_at, last_used_at, expires_at, revoked_at, user_agent, ip_address"

    var id: UUID
    var userID: UUID
    var createdAt: Date
    var lastUsedAt: Date
    var expiresAt: Date
    var revokedAt: Date?
    var userAgent: String?
    var ipAddress: String?
    /// The organization / project the session is bound to (written on insert; lists do not show it).
    var binding = SessionBinding.none

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws {
        var reader = RowReader(row)
        id = try reader.uuid()
        userID = try reader.uuid()
        createdAt = try reader.timestamp()
        lastUsedAt = try reader.timestamp()
        expiresAt = try reader.timestamp()
        revokedAt = try reader.optionalTimestamp()
        userAgent = try reader.optionalString()
        ipAddress = try reader.optionalString()
    }

    /// A new session.
    init(id: UUID, userID: UUID, now: Date, expiresAt: Date, userAgent: String?, ipAddress: String?, binding: SessionBinding = .none) {
        self.binding = binding
        self.id = id
        self.userID = userID
        self.createdAt = now
        self.lastUsedAt = now
        self.expiresAt = expiresAt
        self.revokedAt = nil
        self.userAgent = userAgent
        self.ipAddress = ipAddress
    }
}

/// A session in `GET /sessions`.
struct SessionResponse: JSONWritable {
    let session: SessionRecord
    /// Whether the request was made with this session's access token.
    let current: Bool

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id: session.id, .session)
        writer.member("current", current)
        writer.member("created_at", session.createdAt)
        writer.member("last_used_at", session.lastUsedAt)
        writer.member("expires_at", session.expiresAt)
        writer.member("user_agent", session.userAgent)
        writer.member("ip_address", session.ipAddress)
        writer.endObject()
    }
}

/// `{"session": {...}, "user": {...}}` (`GET /session`).
struct CurrentSessionResponse: JSONWritable {
    let session: SessionResponse
    let user: UserResponse

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("session", session)
        writer.member("user", user)
        writer.endObject()
    }
}

/// `{"items": [...]}`.
struct ItemsResponse<Item: JSONWritable>: JSONWritable {
    let items: [Item]

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("items", items)
        writer.endObject()
    }
}

/// What sign-up, login, refresh and session creation return.
struct TokenResponse: JSONWritable {
    let accessToken: String
    let expiresIn: Int
    let refreshToken: String
    let sessionID: UUID
    let sessionExpiresAt: Date
    /// The account, on sign-up and login.
    let user: UserRecord?

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        Self.writeTokenMembers(
            accessToken: accessToken, expiresIn: expiresIn, refreshToken: refreshToken, sessionID: sessionID,
            sessionExpiresAt: sessionExpiresAt, to: &writer)
        if let user { writer.member("user", UserResponse(user: user)) }
        writer.endObject()
    }

    /// The members every token answer (app users' and platform admins') shares, in order.
    static func writeTokenMembers(
        accessToken: String, expiresIn: Int, refreshToken: String, sessionID: UUID, sessionExpiresAt: Date,
        to writer: inout JSONWriter
    ) {
        writer.member("token_type", "Bearer")
        writer.member("access_token", accessToken)
        writer.member("expires_in", expiresIn)
        writer.member("refresh_token", refreshToken)
        writer.member("session_id", id: sessionID, .session)
        writer.member("session_expires_at", sessionExpiresAt)
    }
}
