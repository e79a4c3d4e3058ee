import Foundation
import Hummingbird
import Runtime
import ValueFormats

/// The cross-tenant console: organizations, end users, bans and impersonation.
extension PlatformRoutes {
    /// `GET /admin/organizations?search=&limit=&offset=` → a page of organizations by name.
    func listOrganizations(_ request: Request) async throws -> Response {
        _ = try await caller(request)
        let page = try PlatformPage(request, route: try route(.listOrganizations))
        let result = try await directory.organizations(search: page.query.text("search"), page: page)
        return answer(status: .ok, value: OffsetPage(items: result.items, total: result.total, limit: page.limit, offset: page.offset))
    }

    /// `GET /admin/organizations/{id}` → the organization with its members; 404 when unknown.
    func organization(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        _ = try await caller(request)
        let id = try pathID(context, .organization, what: "organization")
        guard let organization = try await directory.organization(id) else { throw notFound("organization", service.settings.ids.text(id, .organization)) }
        let members = try await OrganizationStore(sql: service.sql, database: service.database).members(of: id)
        return answer(status: .ok, value: PlatformOrganizationDetail(organization: organization, members: members))
    }

    /// `GET /admin/end-users?email=&organization_id=&project_id=&limit=&offset=` → a page of
    /// accounts, newest first; `email` matches anywhere, `organization_id` keeps one
    /// organization's members, `project_id` one project's end users.
    func listEndUsers(_ request: Request) async throws -> Response {
        _ = try await caller(request)
        let page = try PlatformPage(request, route: try route(.listEndUsers))
        let result = try await directory.endUsers(
            email: page.query.text("email"), organization: page.query.uuid("organization_id"), project: page.query.uuid("project_id"),
            page: page)
        return answer(status: .ok, value: OffsetPage(items: result.items, total: result.total, limit: page.limit, offset: page.offset))
    }


    /// `POST /admin/end-users/{id}/ban` → 200 with the user, now `banned`: from this request on
    /// every access token, refresh token, cookie session and API key of the account is refused
    /// (each check reads the account's status) and logging in fails. The sessions are also
    /// revoked, so an unban restores logging in, not the old sessions; API keys work again after
    /// an unban.
    func ban(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        try await setStatus(request, context, to: PlatformDirectory.banned, action: "user_banned")
    }

    /// `POST /admin/end-users/{id}/unban` → 200 with the user, `active` again.
    func unban(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        try await setStatus(request, context, to: UserRecord.active, action: "user_unbanned")
    }

    private func setStatus(_ request: Request, _ context: LoomRequestContext, to status: String, action: String) async throws -> Response {
        let caller = try await caller(request)
        let id = try pathID(context, .user, what: "end user")
        let now = service.clock()
        var statements = [directory.setStatus(id, to: status, now: now)]
        if status == PlatformDirectory.banned {
            statements.append(SessionStore(sql: service.sql, database: service.database).revokeOthers(userID: id, keep: nil, reason: "banned", now: now))
        }
        statements.append(adminEvent(action, caller: caller, target: ValueFormats.lowercaseText(of: id), context: context, now: now))
        guard try await directory.endUser(id) != nil else { throw notFound("end user", service.settings.ids.text(id, .user)) }
        _ = try await service.database.write(statements)
        guard let user = try await directory.endUser(id) else { throw notFound("end user", service.settings.ids.text(id, .user)) }
        return answer(status: .ok, value: user)
    }

    /// `POST /admin/organizations/{id}/impersonate` → 201 with a short-lived access token bound
    /// to the organization (`org`), acting as its owner and naming the admin (`act`). It cannot
    /// be refreshed, dies when the admin is deactivated, and its issuance is audited.
    func impersonate(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try await caller(request)
        let id = try pathID(context, .organization, what: "organization")
        guard try await directory.organization(id) != nil else { throw notFound("organization", service.settings.ids.text(id, .organization)) }
        guard let owner = try await directory.owner(of: id), owner.status == UserRecord.active else {
            throw APIError.conflict("The organization has no active owner to act as; impersonation is not possible.")
        }
        let now = service.clock()
        let tokenID = ValueFormats.lowercaseText(of: UUID())
        let organization = ValueFormats.lowercaseText(of: id)
        let user = ValueFormats.lowercaseText(of: owner.userID)
        let issued = try await platform.tokens.issueImpersonation(
            ownerID: user, organizationID: organization, adminID: caller.idText, tokenID: tokenID, now: now)
        _ = try await service.database.write([adminEvent(
            "impersonation_started", caller: caller, target: organization,
            detail: ["user_id": user, "token_id": tokenID, "expires_at": TimestampFormat.makeTimestamp(issued.expiresAt)],
            context: context, now: now)])
        return answer(status: .created, value: ImpersonationResponse(
            accessToken: issued.token, expiresIn: issued.expiresIn, expiresAt: issued.expiresAt, organizationID: id,
            userID: owner.userID, impersonatorID: caller.adminID, tokenID: tokenID))
    }
}

/// What `POST /admin/organizations/{id}/impersonate` returns (no refresh token: it cannot be refreshed).
struct ImpersonationResponse: JSONWritable {
    let accessToken: String
    let expiresIn: Int
    let expiresAt: Date
    let organizationID: UUID
    let userID: UUID
    let impersonatorID: UUID
    let tokenID: String

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("token_type", "Bearer")
        writer.member("access_token", accessToken)
        writer.member("expires_in", expiresIn)
        writer.member("expires_at", expiresAt)
        writer.member("organization_id", id: organizationID, .organization)
        writer.member("user_id", id: userID, .user)
        writer.member("impersonator_id", impersonatorID)
        writer.member("token_id", tokenID)
        writer.endObject()
    }
}
