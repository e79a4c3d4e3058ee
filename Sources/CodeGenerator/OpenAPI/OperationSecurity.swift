import OpenAPIKit
import SchemaModel

/// Documents what calling a table or endpoint operation requires (apps with an `auth` section):
/// `security` (the app's schemes, or `[]` for a public operation), the scopes in the
/// description and in `x-required-scopes`, and the 401/403 responses.
struct OperationSecurity {
    /// The app's `auth` section.
    let auth: AuthConfig

    /// The route with its requirements documented; `tenant` adds what a tenant table's caller sees.
    func secure(_ route: DocumentedRoute, requirements: [AccessRequirementSchema], tenant: TenantLevel? = nil, owner: OwnerRuleSchema? = nil) -> DocumentedRoute {
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
            } else {
                notes.append("Requires the scope \(scopes.map { "`\($0)`" }.joined(separator: " and ")) (401 without credentials, 403 without the scope).")
                operation.vendorExtensions["x-required-scopes"] = AnyCodable(scopes)
            }
            operation.responses[.status(code: 401)] = .reference(.component(named: "Unauthorized"))
            operation.responses[.status(code: 403)] = .reference(.component(named: "Forbidden"))
        }
        if let tenant {
            notes.append("Records belong to the caller's \(tenant.rawValue): the credentials must be bound to one (else 403), "
                + "and another \(tenant.rawValue)'s records are never seen (404).")
            operation.responses[.status(code: 403)] = .reference(.component(named: "Forbidden"))
        }
        if let owner {
            let exception = owner.exceptScope.map { " unless the caller holds `\($0)`" } ?? ""
            notes.append("Only the caller's own records (`\(owner.field)`) are seen\(exception).")
        }
        operation.description = ([operation.description].compactMap { $0 } + notes).joined(separator: "\n\n")
        return DocumentedRoute(path: route.path, method: route.method, operation: operation, file: route.file)
    }

    /// The requirements of one of `table`'s routes, told apart by method and path (as
    /// `RouteRegistry.addTable` registers them).
    static func requirements(of route: DocumentedRoute, table: TableSchema, collection: String) -> [AccessRequirementSchema] {
        let path = route.path
        switch (route.method, path) {
        case (.get, collection): return [table.requirement(for: .list)]
        case (.post, collection): return [table.requirement(for: .create)]
        case (.post, collection + "/upsert"): return [table.requirement(for: .create), table.requirement(for: .replace)]
        case (.post, collection + "/batch"):
            let actions: [(TableOperation, PermissionKey)] = [(.create, .create), (.replace, .replace), (.update, .update), (.delete, .delete)]
            return Array(Set(actions.filter { table.operations.contains($0.0) }.map { table.requirement(for: $0.1) }))
                .sorted { $0.text < $1.text }
        case (.post, _): return [table.requirement(for: .restore)]
        case (.get, _): return [table.requirement(for: .get)]
        case (.put, _): return [table.requirement(for: .replace)]
        case (.patch, _): return [table.requirement(for: .update)]
        default: return [table.requirement(for: .delete)]
        }
    }
}
