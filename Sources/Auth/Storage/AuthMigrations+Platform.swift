extension AuthMigrations {
    /// Step 5 (reserved for platform administration): platform admin accounts and their
    /// sessions and refresh tokens, in tables of their own so that no app credential can ever
    /// stand for a platform one. The session tables have the columns of `auth_sessions` and
    /// `auth_refresh_tokens`, so `SessionStore` serves both (`SessionTables`).
    static let platformAdminsStep = Step(
        version: 5,
        summary: "platform admins, their sessions and refresh tokens",
        statements: [
            both(
                """
                CREATE TABLE IF NOT EXISTS auth_platform_admins (id {uuid} PRIMARY KEY, email TEXT NOT NULL UNIQUE, \
                name TEXT NOT NULL, password_hash TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active', \
                created_by {uuid}, created_at {time} NOT NULL, updated_at {time} NOT NULL, deactivated_at {time})
                """),
            both(
                """
                CREATE TABLE IF NOT EXISTS auth_platform_sessions (id {uuid} PRIMARY KEY, \
                user_id {uuid} NOT NULL REFERENCES auth_platform_admins (id) ON DELETE CASCADE, created_at {time} NOT NULL, \
                last_used_at {time} NOT NULL, expires_at {time} NOT NULL, revoked_at {time}, revoked_reason TEXT, \
                user_agent TEXT, ip_address TEXT)
                """),
            both("CREATE INDEX IF NOT EXISTS auth_platform_sessions_admin ON auth_platform_sessions (user_id)"),
            both(
                """
                CREATE TABLE IF NOT EXISTS auth_platform_refresh_tokens (id {uuid} PRIMARY KEY, \
                session_id {uuid} NOT NULL REFERENCES auth_platform_sessions (id) ON DELETE CASCADE, \
                lookup_id TEXT NOT NULL UNIQUE, secret_hash TEXT NOT NULL, created_at {time} NOT NULL, \
                used_at {time}, replaced_by {uuid})
                """),
            both("CREATE INDEX IF NOT EXISTS auth_platform_refresh_tokens_session ON auth_platform_refresh_tokens (session_id)"),
        ])
}
