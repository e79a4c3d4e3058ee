import APIContract
import Foundation
import Hummingbird
import Runtime
import ValueFormats

// MARK: Account administration (issue 21)
/// The account administration routes (`auth.accountAdmin`): the app's own users whose role
/// grants `manageScope` list, read, re-role, ban and unban the app's accounts.
///
/// Only a user's access token bound to no organization reaches them: an API key, an end user's
/// token, an impersonation token or an organization-bound token is 403, so neither a leaked key
/// nor an organization role can manage the app's accounts. The app's service account is no
/// one's account to see or change (404). A ban is the platform family's ban
/// (`PlatformDirectory.setStatus` and the revoked sessions), so every credential of the account
/// is refused from the next request on.
extension AuthRoutes {
    /// The caller of an account administration route, or 403/401.
    func requireAccountAdmin(_ context: LoomRequestContext) throws -> (identity: Identity, userID: UUID) {
        guard let scope = contract.options.accountAdmin?.manageScope else {
            throw APIError.forbidden("This app does not serve account administration.")
        }
        let caller = try requireCaller(context)
        guard caller.identity.organizationID == nil else {
            throw APIError.forbidden("Account administration needs a token bound to no organization; an organization role cannot manage the app's accounts.")
        }
        guard Identity.scopes(caller.identity.scopes, grant: scope) else {
            throw APIError.forbidden("Account administration needs the scope \(scope), which this account's role does not grant.")
        }
        return (caller.identity, caller.userID)
    }

    var directory: PlatformDirectory { PlatformDirectory(sql: service.sql, database: service.database) }

    /// `GET /users?email=&role=&status=&limit=&offset=` → a page of accounts, newest first.
    func listAccounts(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        _ = try requireAccountAdmin(context)
        let parameters = contract.routes.first { $0.operation == .listAccounts }?.parameters ?? []
        let query = try ContractQuery(request, parameters: parameters)
        let limit = query.integer("limit") ?? contract.options.accountAdmin?.page.defaultLimit ?? 0, offset = query.integer("offset") ?? 0
        let result = try await directory.endUsers(
            email: query.text("email"), organization: nil, role: query.text("role").map(service.settings.roleSpelling.role(fromWire:)),
            status: query.text("status"), limit: limit, offset: offset)
        return answer(status: .ok, value: OffsetPage(items: result.items, total: result.total, limit: limit, offset: offset))
    }

    /// `GET /users/{id}` → one account; 404 when unknown.
    func getAccount(_ context: LoomRequestContext) async throws -> Response {
        _ = try requireAccountAdmin(context)
        let id = try pathID(context, .user, what: "account")
        return answer(status: .ok, value: try await account(id))
    }

    /// `PATCH /users/{id}` `{role}` → 200 with the account holding one of the app's roles; 409
    /// when callers change their own role (an administrator cannot demote themselves). Live
    /// tokens carry the new role's scopes from the next request on (scopes are read from the
    /// account on every request).
    func changeAccountRole(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireAccountAdmin(context)
        let id = try pathID(context, .user, what: "account")
        let body = try await decodeBody(request, bodies.changeAccountRole)
        let role = service.settings.roleSpelling.role(fromWire: try body.string("role"))
        // The body's enumeration refuses undeclared roles already; the runtime's list decides.
        guard service.settings.roles.contains(where: { $0.name == role }) else {
            throw APIError.validation([.init(field: "role", message: "is not one of the app's roles")])
        }
        let current = try await account(id)
        if current.role == role { return answer(status: .ok, value: current) }
        if id == caller.userID {
            throw APIError.conflict("You cannot change your own role; another administrator must do it.")
        }
        let now = service.clock()
        let results = try await service.database.write([
            sql("UPDATE auth_users SET role = ?, updated_at = ? WHERE id = ? AND status <> ?", [
                .text(role), .timestamp(now), .uuid(id), .text(ServiceAccount.status),
            ]),
            audit.event(
                "role_assigned", actor: caller.identity.subject, target: ValueFormats.lowercaseText(of: id),
                detail: ["role": role, "previous_role": current.role, "via": "account_admin"], ipAddress: RequestClientAddress.of(context),
                now: now),
        ])
        guard results.first?.changes == 1 else { throw notFound("account", id, .user) }
        return answer(status: .ok, value: try await account(id))
    }

    /// `POST /users/{id}/ban` → 200 with the account, now `banned`: from this request on every
    /// access token, refresh token, cookie session and API key of the account is refused and
    /// logging in fails; its sessions are revoked in the same transaction. 409 for oneself.
    func banAccount(_ context: LoomRequestContext) async throws -> Response {
        try await setAccountStatus(context, to: PlatformDirectory.banned, action: "user_banned")
    }

    /// `POST /users/{id}/unban` → 200 with the account, `active` again.
    func unbanAccount(_ context: LoomRequestContext) async throws -> Response {
        try await setAccountStatus(context, to: UserRecord.active, action: "user_unbanned")
    }

    private func setAccountStatus(_ context: LoomRequestContext, to status: String, action: String) async throws -> Response {
        let caller = try requireAccountAdmin(context)
        let id = try pathID(context, .user, what: "account")
        if status == PlatformDirectory.banned, id == caller.userID {
            throw APIError.conflict("You cannot ban your own account.")
        }
        _ = try await account(id)
        let now = service.clock()
        var statements = [directory.setStatus(id, to: status, now: now)]
        if status == PlatformDirectory.banned {
            statements.append(sessions.revokeOthers(userID: id, keep: nil, reason: "banned", now: now))
        }
        statements.append(audit.event(
            action, actor: caller.identity.subject, target: ValueFormats.lowercaseText(of: id), detail: ["via": "account_admin"],
            ipAddress: RequestClientAddress.of(context), now: now))
        _ = try await service.database.write(statements)
        return answer(status: .ok, value: try await account(id))
    }

    /// The account `id` (never the service account), or 404 in the app's error shape.
    private func account(_ id: UUID) async throws -> EndUserResponse {
        guard let account = try await directory.endUser(id) else { throw notFound("account", id, .user) }
        return account
    }

    /// A statement in the app's SQL dialect.
    private func sql(_ text: String, _ binds: [SQLValue]) -> SQLStatement {
        service.sql.statement(text, binds)
    }
}
