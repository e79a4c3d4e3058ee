import Foundation
import Hummingbird
import NIOCore
import Runtime
import ValueFormats

/// Listing, creating, extending and revoking the caller's sessions.
extension AuthRoutes {
    /// `GET /sessions` → the caller's live sessions, newest first, the current one flagged.
    func listSessions(_ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context, allowingEndUsers: true)
        let active = try await sessions.active(userID: caller.userID, now: service.clock())
        let items = active.map { SessionResponse(session: $0, current: $0.id == caller.sessionID) }
        return answer(status: .ok, value: ItemsResponse(items: items))
    }

    /// `GET /session` → the caller's session and account (`{"session", "user"}`).
    func currentSession(_ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context, allowingEndUsers: true)
        guard let sessionID = caller.sessionID else { throw APIError.invalidCredentials() }
        async let session = sessions.find(id: sessionID, userID: caller.userID)
        async let user = users.find(id: caller.userID)
        guard let session = try await session, let user = try await user else { throw APIError.invalidCredentials() }
        return answer(status: .ok, value: CurrentSessionResponse(session: SessionResponse(session: session, current: true), user: UserResponse(user: user)))
    }

    /// `POST /sessions` → 201 with the tokens of a new session of the caller (another device),
    /// ending at `expires_at` (at most the configured session lifetime from now). It keeps the
    /// caller's organization / project binding, so a bound token cannot mint an unbound one.
    func createSession(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context, allowingEndUsers: true)
        let body = try await decodeBody(request, bodies.createSession)
        let now = service.clock()
        let expiresAt = try body.optionalTimestamp("expires_at")
        if let expiresAt { try checkExpiry(expiresAt, now: now) }
        guard let user = try await users.find(id: caller.userID) else { throw APIError.invalidCredentials() }
        let tokens = try await startSession(
            for: user, expiresAt: expiresAt, leading: [], action: "session_created", request: request, context: context,
            now: now, binding: SessionBinding(identity: caller.identity))
        // The app's token answer, in the body only: the cookies stay the calling browser's session.
        return answer(status: .created, value: TokenAnswer(tokens: tokens, members: tokenMembers))
    }

    /// `PATCH /sessions/{id}` → 200 with the session after moving its end to `expires_at`.
    func extendSession(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context, allowingEndUsers: true)
        let id = try pathID(context, .session, what: "session")
        let body = try await decodeBody(request, bodies.extendSession)
        let now = service.clock()
        let expiresAt = try body.timestamp("expires_at")
        try checkExpiry(expiresAt, now: now)
        let results = try await service.database.write([
            sessions.extend(id: id, userID: caller.userID, expiresAt: expiresAt, now: now),
            audit.event(
                "session_extended", actor: caller.identity.subject, target: ValueFormats.lowercaseText(of: id),
                ipAddress: RequestClientAddress.of(context), now: now),
        ])
        guard results.first?.changes == 1, let session = try await sessions.find(id: id, userID: caller.userID) else {
            throw notFound("active session", id, .session)
        }
        return answer(status: .ok, value: SessionResponse(session: session, current: id == caller.sessionID))
    }

    /// `DELETE /sessions/{id}` → 204; 404 when it is not the caller's or already ended.
    func revokeSession(_ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context, allowingEndUsers: true)
        let id = try pathID(context, .session, what: "session")
        let now = service.clock()
        let results = try await service.database.write([
            sessions.revoke(id: id, userID: caller.userID, reason: "revoked", now: now),
            audit.event(
                "session_revoked", actor: caller.identity.subject, target: ValueFormats.lowercaseText(of: id),
                ipAddress: RequestClientAddress.of(context), now: now),
        ])
        guard results.first?.changes == 1 else { throw notFound("active session", id, .session) }
        return Response(status: .noContent)
    }

    /// `DELETE /sessions` → 200 `{"revoked": n}`: every session of the caller but the current one ends.
    func revokeOtherSessions(_ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context, allowingEndUsers: true)
        let now = service.clock()
        let results = try await service.database.write([
            sessions.revokeOthers(userID: caller.userID, keep: caller.sessionID, reason: "revoked_by_user", now: now),
            audit.event(
                "sessions_revoked", actor: caller.identity.subject, target: caller.identity.subject,
                ipAddress: RequestClientAddress.of(context), now: now),
        ])
        return answer(status: .ok, value: RevokedCount(revoked: results.first?.changes ?? 0))
    }

    /// 422 naming `expires_at` unless it lies in the future and at most `maxSessionSeconds`
    /// (`auth.tokens.maxSessionSeconds`, else the session lifetime) ahead.
    private func checkExpiry(_ expiresAt: Date, now: Date) throws(APIError) {
        let lifetime = maxSessionSeconds
        guard expiresAt > now, expiresAt <= now.addingTimeInterval(TimeInterval(lifetime)) else {
            throw APIError.validation([.init(
                field: "expires_at", message: "must lie in the future and at most \(lifetime) seconds from now")])
        }
    }
}

/// `{"revoked": n}`.
struct RevokedCount: JSONWritable {
    let revoked: Int

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("revoked", revoked)
        writer.endObject()
    }
}
