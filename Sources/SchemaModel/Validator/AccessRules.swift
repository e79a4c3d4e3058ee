/// Checks the access keys of tables (`permissions`, `tenant`, `owner`) and endpoints (`scope`):
/// they need an `auth` section, generated columns must not clash with declared ones, and every
/// required scope should be granted by some role (a warning: organization roles may grant it).
enum AccessRules {
    /// Runs the access rules on every table and endpoint of `app`.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        let roles = app.config.auth?.roles ?? []
        let tables = Set(app.tables.map(\.name))
        for table in app.tables {
            check(table, hasAuth: app.config.auth != nil, roles: roles, tables: tables, diagnostics: diagnostics)
        }
        for endpoint in app.endpoints {
            guard let scope = endpoint.scope else {
                if app.config.auth != nil {
                    diagnostics.error(
                        .endpointNeedsScope, file: endpoint.file, path: "",
                        "missing \"scope\": say what calling the endpoint requires, e.g. the read scope of every table it "
                            + "reads ([\"projects:read\", \"tasks:read\"]), or \"authenticated\" or \"public\" explicitly")
                }
                continue
            }
            if app.config.auth == nil {
                diagnostics.error(
                    .accessNeedsAuth, file: endpoint.file, path: "scope",
                    "\"scope\" needs an \"auth\" section in app.json; add one, or remove \"scope\" (without auth every route is public)")
            } else {
                checkScope(scope, file: endpoint.file, path: "scope", roles: roles, tables: tables, diagnostics: diagnostics)
            }
        }
    }

    private static func check(
        _ table: TableSchema, hasAuth: Bool, roles: [AuthRoleConfig], tables: Set<String>, diagnostics: DiagnosticCollector
    ) {
        let file = table.file
        guard hasAuth else {
            for (key, declared) in [("permissions", !table.permissions.isEmpty), ("tenant", table.tenant != nil), ("owner", table.owner != nil)] where declared {
                diagnostics.error(
                    .accessNeedsAuth, file: file, path: key,
                    "\"\(key)\" needs an \"auth\" section in app.json (it is about callers); add one, or remove \"\(key)\"")
            }
            return
        }
        let taken = Set(TableRules.columnNames(of: table) + (table.softDelete ? ["deleted_at"] : []))
        for column in table.tenant?.columns ?? [] where taken.contains(column) {
            diagnostics.error(
                .reservedFieldName, file: file, path: "fields.\(column)",
                "\"tenant\": \"\(table.tenant?.rawValue ?? "")\" adds the column \"\(column)\"; rename the field")
        }
        if let owner = table.owner {
            NameRules.check(owner.field, what: "owner field name", file: file, path: "owner.field", diagnostics: diagnostics)
            if taken.contains(owner.field) || (table.tenant?.columns ?? []).contains(owner.field) {
                diagnostics.error(
                    .reservedFieldName, file: file, path: "owner.field",
                    "\"owner.field\" names a column the table already has (\"\(owner.field)\"); the owner column is generated, pick a new name such as \"author_id\"")
            }
            if table.upsertKey != nil {
                diagnostics.error(
                    .invalidAccessRule, file: file, path: "owner",
                    "an \"owner\" rule cannot be combined with \"upsertKey\" (an upsert could match another user's record); remove one of them")
            }
            if let except = owner.exceptScope {
                checkScope(.scope(except), file: file, path: "owner.exceptScope", roles: roles, tables: tables, diagnostics: diagnostics)
            }
        }
        for key in PermissionKey.allCases {
            let path = table.permissions[key] != nil ? "permissions.\(key.rawValue)" : nil
            guard key.group != key || path != nil else { continue }
            checkScope(table.requirement(for: key), file: file, path: path ?? "", roles: roles, tables: tables, diagnostics: diagnostics)
        }
    }

    /// A scope must be one word without spaces; a scope no role grants is a warning.
    private static func checkScope(
        _ requirement: AccessRequirementSchema, file: String, path: String, roles: [AuthRoleConfig], tables: Set<String>,
        diagnostics: DiagnosticCollector
    ) {
        if case .allScopes(let scopes) = requirement, scopes.isEmpty {
            diagnostics.error(.invalidScope, file: file, path: path, "\"scope\" lists no scope; list at least one, or write \"authenticated\"")
        }
        for scope in requirement.scopes { checkScope(scope, file: file, path: path, roles: roles, tables: tables, diagnostics: diagnostics) }
    }

    /// One scope of a requirement: a valid word, granted by some role (else a warning).
    private static func checkScope(
        _ scope: String, file: String, path: String, roles: [AuthRoleConfig], tables: Set<String>, diagnostics: DiagnosticCollector
    ) {
        if scope == "*" || AuthRules.scopeProblem(scope, tables: tables) != nil {
            diagnostics.error(
                .invalidScope, file: file, path: path,
                "\"\(scope)\" is not a scope an operation can require; write \"public\", \"authenticated\", "
                    + "\"<table>:read|write|delete\" or a snake_case word with an optional \":action\", e.g. \"moderation\" or \"audit:export\" (a word that is not a table name)")
            return
        }
        guard !roles.contains(where: { grants($0.scopes, scope) }) else { return }
        diagnostics.warning(
            .ungrantedScope, file: file, path: path,
            "the scope \"\(scope)\" is granted by no role of auth.roles, so only organization roles (if any) can call this; "
                + "add it to a role in app.json, or require another scope")
    }

    /// Whether `granted` covers `scope`: itself, `*`, or `<resource>:*` (as the runtime decides).
    static func grants(_ granted: [String], _ scope: String) -> Bool {
        if granted.contains("*") || granted.contains(scope) { return true }
        guard let colon = scope.firstIndex(of: ":") else { return false }
        return granted.contains(String(scope[..<colon]) + ":*")
    }
}
