import SchemaModel

/// Turns a table's or endpoint's access keys into `Runtime` expressions, resolved by the
/// generator so the server decides nothing about permissions per request.
enum AccessTranslator {
    /// `RowAccess(...)` of a table with `tenant` or `owner`, else `nil`.
    static func rowAccess(_ table: TableSchema) -> String {
        guard table.tenant != nil || table.owner != nil else { return "nil" }
        var arguments: [String] = []
        if let tenant = table.tenant { arguments.append("tenant: .\(tenant.rawValue)") }
        if let owner = table.owner {
            arguments.append("ownerColumn: \(SwiftNames.literal(owner.field))")
            if let except = owner.exceptScope { arguments.append("ownerExceptScope: \(SwiftNames.literal(except))") }
        }
        return "RowAccess(" + arguments.joined(separator: ", ") + ")"
    }

    /// `TableAccess(...)` when the app has an `auth` section, else `nil`.
    static func tableAccess(_ table: TableSchema, app: AppConfig) -> String {
        guard app.auth != nil else { return "nil" }
        let keys: [PermissionKey] = [.list, .get, .create, .replace, .update, .delete, .restore]
        return "TableAccess(" + keys.map { "\($0.rawValue): \(requirement(table.requirement(for: $0)))" }.joined(separator: ", ") + ")"
    }

    /// The requirement of a custom endpoint: its `scope` when the app has an `auth` section (the
    /// validator requires one there; `authenticated` only stands in for a schema it refused),
    /// else public.
    static func endpointRequirement(_ endpoint: EndpointSchema, app: AppConfig) -> AccessRequirementSchema {
        guard app.auth != nil else { return .everyone }
        return endpoint.scope ?? .authenticated
    }

    /// The `AccessRequirement` case.
    static func requirement(_ requirement: AccessRequirementSchema) -> String {
        switch requirement {
        case .everyone: return ".everyone"
        case .authenticated: return ".authenticated"
        case .scope(let scope): return ".scope(\(SwiftNames.literal(scope)))"
        case .allScopes(let scopes): return ".allScopes([\(scopes.map(SwiftNames.literal).joined(separator: ", "))])"
        }
    }
}
