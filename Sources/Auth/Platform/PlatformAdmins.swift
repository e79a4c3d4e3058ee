import Foundation
import Hummingbird
import Runtime
import ValueFormats

/// The platform admin part of an app's `AuthService`, present when `app.json` declares
/// `auth.platformAdmins`: its settings, its token signer, and how a platform request proves
/// who is calling.
struct PlatformAdmins: Sendable {
    /// `auth.platformAdmins`.
    let settings: PlatformAdminSettings
    /// Platform and impersonation tokens.
    let tokens: PlatformTokens

    /// The platform routes at their paths, as laid out (`auth.platformAdmins.routes`).
    let routes: RouteTable

    /// Whether `path` is one of the platform routes, which authenticate with platform tokens
    /// only: the app authenticator leaves them alone.
    func covers(_ path: String) -> Bool {
        !routes.methods(forPath: path).isEmpty
    }
}

/// A platform admin proven by a live platform access token.
struct PlatformCaller: Sendable {
    /// The admin.
    let adminID: UUID
    /// The platform session the token belongs to.
    let sessionID: UUID

    /// The id as the audit trail writes it.
    var idText: String { ValueFormats.lowercaseText(of: adminID) }
}

extension AuthService {
    /// The platform admin behind `Authorization: Bearer <platform token>`, or 401. Read on every
    /// platform request: a revoked session or a deactivated admin is refused at once. App
    /// tokens, API keys and impersonation tokens are all refused (wrong header `typ`).
    func requirePlatformCaller(_ request: Request, platform: PlatformAdmins) async throws -> PlatformCaller {
        guard let authorization = request.headers[.authorization] else {
            throw APIError(
                status: .unauthorized, code: "UNAUTHENTICATED",
                detail: "This route needs a platform admin's access token: send Authorization: Bearer <platform access token>.",
                headers: [.wwwAuthenticate: "Bearer"])
        }
        let now = clock()
        guard let token = Self.bearerToken(authorization), let claims = await platform.tokens.verifyPlatform(token, now: now),
            let adminID = ValueFormats.uuid(claims.subject.value), let sessionID = ValueFormats.uuid(claims.sessionID),
            try await PlatformAdminStore(sql: sql, database: database).isLive(sessionID: sessionID, adminID: adminID, now: now)
        else { throw APIError.invalidCredentials("The platform access token is invalid, expired or revoked.") }
        return PlatformCaller(adminID: adminID, sessionID: sessionID)
    }

    /// An impersonation token on an app route: valid, its admin still active, its user still an
    /// active owner of its organization. The identity acts as that owner inside that
    /// organization only, with the `owner` organization role's scopes, and names the admin; every unsafe request made with it is audited
    /// before it runs.
    func authenticateImpersonation(
        _ token: String, platform: PlatformAdmins, request: Request, context: LoomRequestContext
    ) async throws -> AuthenticationOutcome {
        let now = clock()
        guard let claims = await platform.tokens.verifyImpersonation(token, now: now),
            let adminID = ValueFormats.uuid(claims.actor.subject), let userID = ValueFormats.uuid(claims.subject.value),
            let organizationID = ValueFormats.uuid(claims.organizationID),
            try await PlatformDirectory(sql: sql, database: database)
                .impersonatedRole(admin: adminID, user: userID, organization: organizationID) != nil
        else { return .rejected(.invalidCredentials()) }
        let admin = ValueFormats.lowercaseText(of: adminID)
        let organization = ValueFormats.lowercaseText(of: organizationID)
        let user = ValueFormats.lowercaseText(of: userID)
        if ![.get, .head, .options].contains(request.method) {
            _ = try await database.write([AuditLog(sql: sql).event(
                "impersonated_request", actor: admin, target: organization,
                detail: [
                    "method": request.method.rawValue, "path": String(request.uri.path.prefix(512)), "user_id": user,
                    "token_id": claims.tokenID.value,
                ],
                ipAddress: RequestClientAddress.of(context), now: now)])
        }
        return .authenticated(Identity(
            subject: user, kind: "impersonation", scopes: organizationRoles.scopes(of: OrganizationRoles.owner), userID: user, organizationID: organization,
            impersonatorID: admin))
    }
}
