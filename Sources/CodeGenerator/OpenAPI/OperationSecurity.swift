import APIContract
import OpenAPIKit
import SchemaModel

/// Documents what calling a table or endpoint operation requires (apps with an `auth` section):
/// `security` (the app's schemes, or `[]` for a public operation), the scopes in the
/// description and in `x-required-scopes`, and the 401/403 responses.
struct OperationSecurity {
    /// The app's `auth` section.
    let auth: AuthConfig
    /// The statuses the app answers refusals with.
    let statuses: ErrorStatuses

    /// The route with its requirements documented; `tenant` adds what a tenant table's caller
    /// sees; `hidesRefusals` (`forbiddenAsNotFound`) documents 404 where 403 would be answered.
    func secure(
        _ route: DocumentedRoute, requirements: [AccessRequirementSchema], tenant: TenantLevel? = nil, owner: OwnerRuleSchema? = nil,
        hidesRefusals: Bool = false, perAction: [(action: String, requirement: AccessRequirementSchema)]? = nil
    ) -> DocumentedRoute {
        var refusals = false
        var operation = route.operation
        let needed = requirements.filter { $0 != .everyone }
        var notes: [String] = []
        if needed.isEmpty {
            operation.security = []
            notes.append("Public: no credentials needed.")
        } else {
            var security: [OpenAPI.SecurityRequirement] = [[.component(named: AuthSchemas.bearerScheme): []]]
            if auth.apiKeys != nil { security.append([.component(named: AuthSchemas.apiKeyScheme): []]) }
            if auth.cookies != nil { security.append([.component(named: AuthSchemas.cookieScheme): []]) }
            operation.security = security
            let scopes = needed.flatMap(\.scopes)
            if scopes.isEmpty {
                notes.append("Requires an authenticated caller (401 without credentials).")
            } else if let perAction {
                // A batch: each operation needs its own action's scope, not every scope at once.
                let byScope = Dictionary(grouping: perAction, by: { $0.requirement.scopes.map { "`\($0)`" }.joined(separator: " and ") })
                let parts = byScope.keys.sorted().map { scope in
                    let actions = byScope[scope, default: []].map { "`\($0.action)`" }.joined(separator: ", ")
                    return scope.isEmpty ? "\(actions): any caller" : "\(actions): \(scope)"
                }
                notes.append("Each operation needs the scope of its action (\(parts.joined(separator: "; "))); 401 without credentials, "
                    + "403 when an operation's scope is missing.")
                operation.vendorExtensions["x-required-scopes"] = AnyCodable(scopes)
            } else {
                notes.append("Requires the scope \(scopes.map { "`\($0)`" }.joined(separator: " and ")) (401 without credentials, 403 without the scope).")
                operation.vendorExtensions["x-required-scopes"] = AnyCodable(scopes)
            }
            for status in statuses.statuses(of: ContractError.unauthorized) {
                operation.responses[.status(code: status)] = .reference(.component(named: "Unauthorized"))
            }
            refusals = true
        }
        if let tenant {
            notes.append("Records belong to the caller's \(tenant.rawValue): the credentials must be bound to one (else 403), "
                + "and another \(tenant.rawValue)'s records are never seen (404).")
            refusals = true
        }
        if refusals, hidesRefusals {
            notes.append("A caller who may not do this is answered 404, as if nothing were there.")
            for status in statuses.statuses(of: ErrorResponse.notFound) { operation.responses[.status(code: status)] = ErrorResponse.notFound.reference.1 }
            // A cookie-authenticated unsafe request without its CSRF echo is still 403: it reveals nothing.
            if auth.cookies != nil, ![OpenAPI.HttpMethod.get, .head].contains(route.method) {
                notes.append("A request authenticated by the session cookie without `X-CSRF-Token` is 403 `CSRF_FAILED`.")
                for status in statuses.statuses(of: ContractError.forbidden) {
                    operation.responses[.status(code: status)] = .reference(.component(named: "Forbidden"))
                }
            }
        } else if refusals {
            for status in statuses.statuses(of: ContractError.forbidden) {
                operation.responses[.status(code: status)] = .reference(.component(named: "Forbidden"))
            }
        }
        if let owner {
            let exception = owner.exceptScope.map { " unless the caller holds `\($0)`" } ?? ""
            notes.append("Only the caller's own records (`\(owner.field)`) are seen\(exception).")
        }
        operation.description = ([operation.description].compactMap { $0 } + notes).joined(separator: "\n\n")
        return DocumentedRoute(path: route.path, method: route.method, operation: operation, file: route.file)
    }

    /// The requirement of each action a table's batch may hold, in action order.
    /// A create-only batch (`envelopes.batch`) holds creates only.
    static func batchActions(of table: TableSchema, app: AppConfig) -> [(action: String, requirement: AccessRequirementSchema)] {
        let actions: [(TableOperation, PermissionKey)] = [(.create, .create), (.replace, .replace), (.update, .update), (.delete, .delete)]
        let createOnly = table.batchEnvelope(app) != nil
        return actions.filter { table.operations.contains($0.0) && (!createOnly || $0.0 == .create) }.map { (action: $0.1.rawValue, requirement: table.requirement(for: $0.1)) }
    }

    /// The requirements of one of `table`'s routes (as `RouteRegistry.addTable` checks them).
    static func requirements(of route: TableRouteKey, table: TableSchema, app: AppConfig) -> [AccessRequirementSchema] {
        switch route {
        case .list: return [table.requirement(for: .list)]
        case .create: return [table.requirement(for: .create)]
        case .upsert:
            // Create and replace usually need the same scope: say it once.
            let create = table.requirement(for: .create), replace = table.requirement(for: .replace)
            return create == replace ? [create] : [create, replace]
        case .batch:
            return Array(Set(batchActions(of: table, app: app).map(\.requirement))).sorted { $0.text < $1.text }
        case .restore: return [table.requirement(for: .restore)]
        case .get: return [table.requirement(for: .get)]
        case .replace: return [table.requirement(for: .replace)]
        case .update: return [table.requirement(for: .update)]
        case .delete: return [table.requirement(for: .delete)]
        }
    }
}
