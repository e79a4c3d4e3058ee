import Foundation
import Hummingbird
import Runtime
import ValueFormats

/// Platform admin login, refresh and logout.
extension PlatformRoutes {
    /// The login throttle key of a platform admin email (separate from app logins).
    static func throttleSubject(email: String) -> String { "platform-login:" + email }

    /// `POST /auth/login` → 200 with a platform access token and refresh token; 401 for a wrong
    /// email or password or a deactivated admin (equal time either way); 429 when throttled.
    func login(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let body = try await decodeBody(request, bodies.login)
        let email = UserRecord.normalized(email: try body.string("email"))
        let password = try body.string("password")
        let subject = Self.throttleSubject(email: email)
        let attempt = try await LoginAttempt.reserve(
            subject, clientAddress: clientAddresses.clientAddress(of: request, context: context), throttle: service.throttle, now: service.clock())
        let admin = try await admins.find(email: email)
        let matches = try await service.passwords.verify(password, hash: admin?.passwordHash)
        let now = service.clock()
        guard matches, let admin, admin.status == PlatformAdminRecord.active else {
            _ = try await service.database.write(attempt.failureStatements(service.throttle, now: now) + [
                audit.event(
                    "platform_login_failed", actor: admin?.idText, target: nil, detail: ["email": email, "actor_kind": "platform_admin"],
                    ipAddress: RequestClientAddress.of(context), now: now),
            ])
            throw APIError.invalidCredentials("The email or password is wrong.")
        }
        let limit = now.addingTimeInterval(TimeInterval(platform.settings.refreshTokenSeconds))
        let session = SessionRecord(
            id: UUID(), userID: admin.id, now: now, expiresAt: limit,
            userAgent: request.headers[.userAgent].map { String($0.prefix(512)) }, ipAddress: RequestClientAddress.of(context))
        let refreshToken = RefreshToken.generate()
        _ = try await service.database.write(attempt.successStatements(service.throttle) + [
            sessions.insert(session),
            sessions.insertToken(id: UUID(), sessionID: session.id, token: refreshToken, now: now),
            audit.event(
                "platform_login", actor: admin.idText, target: ValueFormats.lowercaseText(of: session.id),
                detail: ["actor_kind": "platform_admin"], ipAddress: session.ipAddress, now: now),
        ])
        let access = try await platform.tokens.issuePlatform(
            adminID: admin.idText, sessionID: ValueFormats.lowercaseText(of: session.id), now: now, sessionExpiresAt: session.expiresAt)
        return answer(status: .ok, value: PlatformTokenResponse(
            accessToken: access.token, expiresIn: access.expiresIn, refreshToken: refreshToken.text, sessionID: session.id,
            sessionExpiresAt: session.expiresAt, admin: admin))
    }

    /// `POST /auth/refresh` → 200 with a new platform access token and the next refresh token;
    /// a reused refresh token revokes the platform session (`RefreshRotation`, as for app sessions).
    func refresh(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let body = try await decodeBody(request, bodies.refresh)
        let now = service.clock()
        let (presented, next) = try await RefreshRotation(sessions: sessions, audit: audit)
            .rotate(try body.string("refresh_token"), now: now, ipAddress: RequestClientAddress.of(context))
        let access = try await platform.tokens.issuePlatform(
            adminID: ValueFormats.lowercaseText(of: presented.userID), sessionID: ValueFormats.lowercaseText(of: presented.sessionID), now: now,
            sessionExpiresAt: presented.sessionExpiresAt)
        return answer(status: .ok, value: PlatformTokenResponse(
            accessToken: access.token, expiresIn: access.expiresIn, refreshToken: next.text, sessionID: presented.sessionID,
            sessionExpiresAt: presented.sessionExpiresAt, admin: nil))
    }
}

extension PlatformRoutes {
    /// `POST /auth/logout` → 204: the caller's platform session is revoked, so its access token
    /// (checked against the session on every request) and its refresh tokens stop working.
    func logout(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try await caller(request)
        let now = service.clock()
        _ = try await service.database.write([
            sessions.revoke(id: caller.sessionID, userID: caller.adminID, reason: "logout", now: now),
            audit.event(
                "platform_logout", actor: caller.idText, target: ValueFormats.lowercaseText(of: caller.sessionID),
                detail: ["actor_kind": "platform_admin"], ipAddress: RequestClientAddress.of(context), now: now),
        ])
        return Response(status: .noContent)
    }
}

/// What platform login and refresh return.
struct PlatformTokenResponse: JSONWritable {
    let accessToken: String
    let expiresIn: Int
    let refreshToken: String
    let sessionID: UUID
    let sessionExpiresAt: Date
    /// The admin, on login.
    let admin: PlatformAdminRecord?

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        TokenResponse.writeTokenMembers(
            accessToken: accessToken, expiresIn: expiresIn, refreshToken: refreshToken, sessionID: sessionID,
            sessionExpiresAt: sessionExpiresAt, to: &writer)
        if let admin { writer.member("admin", PlatformAdminResponse(admin: admin)) }
        writer.endObject()
    }
}
