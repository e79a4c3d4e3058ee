import Foundation
import Hummingbird
import Runtime

/// The platform admin routes under `auth.platformAdmins`'s prefix: login and refresh with
/// platform tokens, the admins themselves, and the cross-tenant console (organizations, end
/// users, bans, impersonation). Every route but login and refresh needs a platform token.
struct PlatformRoutes: Sendable {
    let service: AuthService
    let platform: PlatformAdmins
    let maxBodyBytes: Int

    var admins: PlatformAdminStore { PlatformAdminStore(sql: service.sql, database: service.database) }
    var directory: PlatformDirectory { PlatformDirectory(sql: service.sql, database: service.database) }
    var sessions: SessionStore { SessionStore(sql: service.sql, database: service.database, tables: .platformAdmins) }
    var audit: AuditLog { AuditLog(sql: service.sql) }

    /// Adds every platform route.
    func register(in registry: inout RouteRegistry) {
        let prefix = platform.settings.routePrefix
        registry.add(.post, prefix + "/auth/login") { request, context in try await login(request, context) }
        registry.add(.post, prefix + "/auth/refresh") { request, context in try await refresh(request, context) }
        registry.add(.get, prefix + "/admin/me") { request, _ in try await me(request) }
        registry.add(.patch, prefix + "/admin/me") { request, context in try await updateMe(request, context) }
        registry.add(.post, prefix + "/admin") { request, context in try await createAdmin(request, context) }
        registry.add(.delete, prefix + "/admin/{id}") { request, context in try await deactivateAdmin(request, context) }
        registry.add(.get, prefix + "/admin/organizations") { request, _ in try await listOrganizations(request) }
        registry.add(.get, prefix + "/admin/organizations/{id}") { request, context in try await organization(request, context) }
        registry.add(.post, prefix + "/admin/organizations/{id}/impersonate") { request, context in
            try await impersonate(request, context)
        }
        registry.add(.get, prefix + "/admin/end-users") { request, _ in try await listEndUsers(request) }
        registry.add(.post, prefix + "/admin/end-users/{id}/ban") { request, context in try await ban(request, context) }
        registry.add(.post, prefix + "/admin/end-users/{id}/unban") { request, context in try await unban(request, context) }
    }

    /// The calling platform admin, or 401.
    func caller(_ request: Request) async throws -> PlatformCaller {
        try await service.requirePlatformCaller(request, platform: platform)
    }

    /// The validated JSON body.
    func decodeBody(_ request: Request, _ rules: [FieldRule]) async throws -> ValidatedObject {
        let json = try await Runtime.RequestBody.json(request, limit: maxBodyBytes)
        return try InputValidator.validate(body: json, rules: rules, mode: .body)
    }

    /// The `{id}` path parameter as a UUID, or 404 naming `what`.
    func pathID(_ context: LoomRequestContext, what: String) throws -> UUID {
        let text = context.parameters.get("id") ?? ""
        guard let id = UUID(uuidString: text) else { throw notFound(what, text) }
        return id
    }

    /// 404: no `what` has `id`.
    func notFound(_ what: String, _ id: String) -> APIError {
        APIError(status: .notFound, code: "NOT_FOUND", detail: "No \(what) has id \(id.prefix(64)).")
    }

    /// An audit event done by a platform admin (`detail.actor_kind` says so).
    func adminEvent(
        _ action: String, caller: PlatformCaller, target: String?, detail: [String: String] = [:], context: LoomRequestContext, now: Date
    ) -> SQLStatement {
        audit.event(
            action, actor: caller.idText, target: target, detail: detail.merging(["actor_kind": "platform_admin"]) { old, _ in old },
            ipAddress: context.remoteAddress?.ipAddress, now: now)
    }
}
