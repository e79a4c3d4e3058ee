import Foundation
import Runtime
import ValueFormats

/// Refresh-token rotation with reuse detection, shared by app sessions and platform admin
/// sessions (`SessionStore.tables` picks which).
///
/// A token is used once: rotating marks it used and stores its successor in one transaction.
/// A token presented again (a stolen copy racing the owner, or the owner after a theft)
/// revokes the whole session, and the event is audited.
struct RefreshRotation: Sendable {
    /// The session store of the kind of account rotated.
    let sessions: SessionStore
    /// Where reuse is recorded.
    let audit: AuditLog
    /// How long one refresh token lives after it was issued, when that is shorter than its
    /// session may last (`auth.tokens.maxSessionSeconds`); `nil`: as long as its session.
    var tokenSeconds: Int? = nil

    /// The live session of `text` and the token that replaces it, or 401. `admit` sees the
    /// token's session before anything is written and may refuse it (cookie mode's CSRF check).
    func rotate(
        _ text: String, now: Date, ipAddress: String?, admit: (_ session: UUID) throws -> Void = { _ in }
    ) async throws -> (presented: SessionStore.PresentedToken, next: RefreshToken) {
        guard let token = RefreshToken.parse(text), let presented = try await sessions.presented(lookupID: token.lookupID),
            SecretText.matches(token.secret, storedDigest: presented.secretDigest)
        else { throw APIError.invalidCredentials("The refresh token is invalid.") }
        try admit(presented.sessionID)
        if presented.usedAt != nil {
            try await revokeFamily(presented, now: now, ipAddress: ipAddress)
        }
        let tokenAlive = tokenSeconds.map { presented.issuedAt.addingTimeInterval(TimeInterval($0)).isLater(than: now) } ?? true
        guard presented.sessionRevokedAt == nil, presented.sessionExpiresAt.isLater(than: now), presented.userStatus == UserRecord.active,
            presented.bindingHolds, tokenAlive
        else {
            throw APIError.invalidCredentials("The session has ended; log in again.")
        }
        let next = RefreshToken.generate()
        let results = try await sessions.database.write(
            sessions.rotate(old: presented.tokenID, sessionID: presented.sessionID, newID: UUID(), token: next, now: now))
        guard results.first?.changes == 1 else {
            try await revokeFamily(presented, now: now, ipAddress: ipAddress)
        }
        return (presented, next)
    }

    /// Revokes the session of a reused refresh token, records it, and answers 401.
    private func revokeFamily(_ presented: SessionStore.PresentedToken, now: Date, ipAddress: String?) async throws -> Never {
        _ = try await sessions.database.write([
            sessions.revoke(id: presented.sessionID, userID: presented.userID, reason: "refresh_token_reuse", now: now),
            audit.event(
                sessions.tables.auditPrefix + "refresh_token_reuse", actor: ValueFormats.lowercaseText(of: presented.userID),
                target: ValueFormats.lowercaseText(of: presented.sessionID), ipAddress: ipAddress, now: now),
        ])
        throw APIError.invalidCredentials("This refresh token was already used; the session has been revoked. Log in again.")
    }
}
