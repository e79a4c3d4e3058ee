/// Checks `auth.organizationRoles`: role names well-formed, scopes as in `auth.roles`, and an
/// `owner` role, because an organization always keeps an owner (its creator starts as one).
extension AuthRules {
    /// The role an organization's creator gets; it must be declared.
    static let ownerRole = "owner"

    /// Reports every problem of `auth.organizationRoles` (nothing when the key is absent).
    static func checkOrganizationRoles(_ auth: AuthConfig, tables: Set<String>, report: Reporter) {
        guard let roles = auth.organizationRoles else { return }
        for role in roles {
            let path = JSONPath.member(role.name, of: "auth.organizationRoles")
            NameRules.check(role.name, what: "organization role name", file: report.file, path: path, diagnostics: report.diagnostics)
            for (index, scope) in role.scopes.enumerated() {
                if let problem = scopeProblem(scope, tables: tables) {
                    report.diagnostics.error(.invalidScope, file: report.file, path: JSONPath.element(index, of: path), problem)
                }
            }
        }
        if !roles.contains(where: { $0.name == ownerRole }) {
            report.diagnostics.error(
                .unknownRole, file: report.file, path: "auth.organizationRoles",
                "\"organizationRoles\" has no \"owner\" role; declare it (e.g. \"owner\": [\"*\"]): an organization's creator "
                    + "becomes its owner and the last owner cannot leave")
        }
    }
}
