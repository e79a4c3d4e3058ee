extension AuthMigrations {
    /// Step 6: OAuth sign-in. `auth_oauth_states` holds started flows (the SHA-256 of `state`,
    /// the PKCE verifier, the provider and the client redirect), deleted when used or expired;
    /// `auth_oauth_identities` links a provider's user to an account.
    static let oauthStep = Step(
        version: 6,
        summary: "OAuth sign-in states and linked identities",
        statements: [
            both(
                """
                CREATE TABLE IF NOT EXISTS auth_oauth_states (state_hash TEXT PRIMARY KEY, provider TEXT NOT NULL, \
                code_verifier TEXT NOT NULL, redirect_to TEXT, created_at {time} NOT NULL, expires_at {time} NOT NULL)
                """),
            both("CREATE INDEX IF NOT EXISTS auth_oauth_states_expiry ON auth_oauth_states (expires_at)"),
            both(
                """
                CREATE TABLE IF NOT EXISTS auth_oauth_identities (provider TEXT NOT NULL, provider_user_id TEXT NOT NULL, \
                user_id {uuid} NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE, email TEXT, \
                created_at {time} NOT NULL, last_used_at {time} NOT NULL, PRIMARY KEY (provider, provider_user_id))
                """),
            both("CREATE INDEX IF NOT EXISTS auth_oauth_identities_user ON auth_oauth_identities (user_id)"),
        ])
}
