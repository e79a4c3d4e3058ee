import APIContract
import SchemaModel

/// Every scope an app names, the values an API key's `scopes` may hold: those its roles,
/// organization roles and implied scopes grant, those its tables, endpoints and route families
/// require (`x-required-scopes`, the key, webhook, audit, usage and tier management scopes),
/// and their wildcards (`*`, `<resource>:*`). Written once into the generated `AuthSettings`
/// (`apiKeys.scopes`), so the key bodies the runtime validates and the document describes
/// enumerate the same list, and `loom-server api-key create` checks service keys against it.
enum DeclaredScopes {
    /// The sorted list of `app`'s scopes; empty without `auth.apiKeys` (nothing to check).
    static func of(_ app: AppSchema) -> [String] {
        guard let auth = app.config.auth, let apiKeys = auth.apiKeys else { return [] }
        var scopes = Set<String>()
        for role in auth.roles + (auth.organizationRoles ?? []) { scopes.formUnion(role.scopes) }
        for implied in auth.impliedScopes { scopes.insert(implied.name); scopes.formUnion(implied.scopes) }
        if let manage = apiKeys.manageScope { scopes.insert(manage) }
        if let accountAdmin = auth.accountAdmin { scopes.insert(accountAdmin.manageScope) }
        if let management = app.config.webhooks?.management { scopes.insert(management.scope) }
        if app.config.audit != nil { scopes.insert(AuditContract.readScope) }
        if app.config.usage != nil { scopes.insert(UsageContract.readScope) }
        if !(app.config.rateLimits?.tiers.isEmpty ?? true) { scopes.insert(RateLimitTierContract.scope) }
        for table in app.tables {
            for key in PermissionKey.allCases { scopes.formUnion(table.requirement(for: key).scopes) }
            if let except = table.owner?.exceptScope { scopes.insert(except) }
        }
        for endpoint in app.endpoints { scopes.formUnion(endpoint.scope?.scopes ?? []) }
        scopes.insert("*")
        for scope in scopes {
            if let colon = scope.firstIndex(of: ":") { scopes.insert(scope[...colon] + "*") }
        }
        return scopes.sorted()
    }
}
