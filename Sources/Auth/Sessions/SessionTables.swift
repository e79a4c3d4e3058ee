import Runtime

/// Which tables a `SessionStore` works on: the app users' sessions, or the platform admins'
/// (same columns, separate tables, so neither kind of session can ever stand for the other).
struct SessionTables: Sendable {
    /// The sessions table (`id`, `user_id`, times, `revoked_at`, `revoked_reason`, agent, address).
    let sessions: String
    /// The refresh tokens table of those sessions.
    let refreshTokens: String
    /// The accounts `user_id` points at (with a `status` column).
    let accounts: String
    /// Prefix of the audit actions written for these sessions (`""`, `platform_`).
    let auditPrefix: String
    /// Whether the sessions carry an organization / project binding (app users' do; platform
    /// admins act across organizations and impersonate instead).
    let bindable: Bool

    /// App users: `auth_sessions`, `auth_refresh_tokens`, `auth_users`.
    static let users = SessionTables(
        sessions: "auth_sessions", refreshTokens: "auth_refresh_tokens", accounts: "auth_users", auditPrefix: "", bindable: true)

    /// Platform admins: `auth_platform_sessions`, `auth_platform_refresh_tokens`, `auth_platform_admins`.
    static let platformAdmins = SessionTables(
        sessions: "auth_platform_sessions", refreshTokens: "auth_platform_refresh_tokens", accounts: "auth_platform_admins",
        auditPrefix: "platform_", bindable: false)
}

extension SessionStore {
    /// The binding columns of a session insert (none for tables without a binding).
    var bindingColumns: String { tables.bindable ? ", organization_id, project_id" : "" }
    /// Their placeholders.
    var bindingPlaceholders: String { tables.bindable ? ", ?, ?" : "" }
    /// Their values.
    func bindingValues(_ binding: SessionBinding) -> [SQLValue] {
        guard tables.bindable else { return [] }
        return [binding.organizationID.map(SQLValue.uuid) ?? .null, binding.projectID.map(SQLValue.uuid) ?? .null]
    }
    /// The select list read by `presented`: the session's binding and its `SessionBinding.Check`
    /// (NULLs for tables without a binding, so one reader serves both).
    var bindingSelect: String {
        tables.bindable ? "s.organization_id, s.project_id, \(SessionBinding.checkColumns)" : "NULL, NULL, NULL, NULL, NULL, NULL"
    }
    /// The joins `bindingSelect` needs, with a trailing space.
    var bindingJoins: String { tables.bindable ? SessionBinding.joins("s") + " " : "" }
}
