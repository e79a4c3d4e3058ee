import APIContract
import Foundation
import Hummingbird
import Runtime
import ValueFormats

/// The platform admin routes under `auth.platformAdmins`'s prefix: login and refresh with
/// platform tokens, the admins themselves, and the cross-tenant console (organizations, end
/// users, bans, impersonation). Every route but login and refresh needs a platform token.
struct PlatformRoutes: Sendable {
    let service: AuthService
    let platform: PlatformAdmins
    let maxBodyBytes: Int
    /// Who the client of a request is (`trustedProxies`): login throttling counts per address.
    let clientAddresses: ClientAddressResolver
    /// The app's platform family: which routes exist and what their bodies accept.
    let contract: PlatformContract
    /// Validates bodies against their declarations.
    let validation: ContractValidation

    /// Creates the routes of `platform`.
    init(service: AuthService, platform: PlatformAdmins, maxBodyBytes: Int, clientAddresses: ClientAddressResolver) {
        self.service = service
        self.platform = platform
        self.maxBodyBytes = maxBodyBytes
        self.clientAddresses = clientAddresses
        self.contract = PlatformContract(options: AuthContractOptions(settings: service.settings))
        self.validation = ContractValidation(options: contract.options)
    }

    /// The request bodies of the platform routes.
    var bodies: PlatformRequestBodies { contract.bodies }

    var admins: PlatformAdminStore { PlatformAdminStore(sql: service.sql, database: service.database) }
    var directory: PlatformDirectory { PlatformDirectory(sql: service.sql, database: service.database) }
    var sessions: SessionStore { SessionStore(sql: service.sql, database: service.database, tables: .platformAdmins) }
    var audit: AuditLog { AuditLog(sql: service.sql) }

    /// Adds the app's platform family (`PlatformContract`), laid out at its complete paths.
    func register(in registry: inout RouteRegistry) {
        let routes = contract.routes
        registry.add(routes, prefix: "", handler: { operation in
            RouteRegistry.spellingFieldErrors(handler(for: operation), as: routes.first { $0.operation == operation }?.request)
        })
    }

    /// A JSON answer, its members spelled in the app's style (`naming`).
    func answer(status: HTTPResponse.Status, value: some JSONWritable, headers: HTTPFields = [:]) -> Response {
        JSONResponse.make(
            status: status, value: value, headers: headers, naming: service.settings.naming, ids: service.settings.ids,
            roles: service.settings.roleSpelling)
    }

    /// The handler of each platform operation; the switch is exhaustive, so a declared route
    /// cannot lack a handler.
    func handler(for operation: PlatformOperation) -> RouteRegistry.Handler {
        switch operation {
        case .login: return { request, context in try await login(request, context) }
        case .refresh: return { request, context in try await refresh(request, context) }
        case .logout: return { request, context in try await logout(request, context) }
        case .getMe: return { request, _ in try await me(request) }
        case .updateMe: return { request, context in try await updateMe(request, context) }
        case .createAdmin: return { request, context in try await createAdmin(request, context) }
        case .deactivateAdmin: return { request, context in try await deactivateAdmin(request, context) }
        case .listOrganizations: return { request, _ in try await listOrganizations(request) }
        case .getOrganization: return { request, context in try await organization(request, context) }
        case .impersonate: return { request, context in try await impersonate(request, context) }
        case .listEndUsers: return { request, _ in try await listEndUsers(request) }
        case .banEndUser: return { request, context in try await ban(request, context) }
        case .unbanEndUser: return { request, context in try await unban(request, context) }
        }
    }

    /// The declaration of `operation` (its query parameters, for the list routes).
    func route(_ operation: PlatformOperation) throws(APIError) -> ContractRoute<PlatformOperation> {
        guard let route = contract.routes.first(where: { $0.operation == operation }) else { throw APIError.internalError }
        return route
    }

    /// The calling platform admin, or 401.
    func caller(_ request: Request) async throws -> PlatformCaller {
        try await service.requirePlatformCaller(request, platform: platform)
    }

    /// The validated JSON body.
    func decodeBody(_ request: Request, _ body: ContractBody) async throws -> ContractInput {
        let json = try await Runtime.RequestBody.json(request, limit: maxBodyBytes)
        return try validation.validate(json, as: body)
    }

    /// The `{id}` path parameter as the UUID of a `kind` resource in the app's id format (a UUID
    /// for `nil`: platform admins), or 404 naming `what`.
    func pathID(_ context: LoomRequestContext, _ kind: ResourceKind?, what: String) throws -> UUID {
        let text = context.parameters.get("id") ?? ""
        guard let id = kind.map({ service.settings.ids.uuid(text, $0) }) ?? ValueFormats.uuid(text) else { throw notFound(what, text) }
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
            ipAddress: RequestClientAddress.of(context), now: now)
    }
}
