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

    /// App users: `auth_sessions`, `auth_refresh_tokens`, `auth_users`.
    static let users = SessionTables(
        sessions: "auth_sessions", refreshTokens: "auth_refresh_tokens", accounts: "auth_users", auditPrefix: "")

    /// Platform admins: `auth_platform_sessions`, `auth_platform_refresh_tokens`, `auth_platform_admins`.
    static let platformAdmins = SessionTables(
        sessions: "auth_platform_sessions", refreshTokens: "auth_platform_refresh_tokens", accounts: "auth_platform_admins",
        auditPrefix: "platform_")
}
