import Runtime

extension AuthMigrations {
    /// Step 8: OAuth sign-in for a project's end users. A started flow remembers the project
    /// whose key started it (`auth_oauth_states.organization_id`, `project_id`), so the callback
    /// signs in inside that project and no other. A provider's user may then be linked once at
    /// app level and once in each project: `auth_oauth_identities` gets `project_id` (NULL at
    /// app level) and two partial unique indexes instead of its primary key.
    ///
    /// SQLite cannot drop a primary key, so that table is rebuilt (create, copy, drop, rename:
    /// SQLite's documented procedure); no table references it, so dropping it deletes nothing
    /// elsewhere. The copy takes each link's project from its account, so running the step again
    /// (a database adopting an older history) keeps every link's scope. SQLite has no
    /// `ADD COLUMN IF NOT EXISTS` either: `auth_oauth_states` is recreated, which only ends
    /// sign-ins in flight (they live minutes; the user starts again). PostgreSQL adds the columns
    /// and drops the constraint in place.
    static let endUserOAuthStep = Step(
        version: 8,
        summary: "OAuth sign-in for end users of a project",
        statements: [
            DialectSQL(sqlite: "DROP TABLE IF EXISTS auth_oauth_states", postgres: ""),
            DialectSQL(
                sqlite: """
                    CREATE TABLE IF NOT EXISTS auth_oauth_states (state_hash TEXT PRIMARY KEY, provider TEXT NOT NULL, \
                    code_verifier TEXT NOT NULL, redirect_to TEXT, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, \
                    organization_id TEXT, project_id TEXT)
                    """,
                postgres: "ALTER TABLE auth_oauth_states ADD COLUMN IF NOT EXISTS organization_id UUID, ADD COLUMN IF NOT EXISTS project_id UUID"),
            both("CREATE INDEX IF NOT EXISTS auth_oauth_states_expiry ON auth_oauth_states (expires_at)"),
            DialectSQL(
                sqlite: """
                    CREATE TABLE auth_oauth_identities_rebuilt (provider TEXT NOT NULL, provider_user_id TEXT NOT NULL, \
                    user_id TEXT NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE, email TEXT, \
                    created_at TEXT NOT NULL, last_used_at TEXT NOT NULL, \
                    project_id TEXT REFERENCES auth_projects (id) ON DELETE CASCADE)
                    """,
                postgres: """
                    ALTER TABLE auth_oauth_identities ADD COLUMN IF NOT EXISTS project_id UUID \
                    REFERENCES auth_projects (id) ON DELETE CASCADE
                    """),
            DialectSQL(
                sqlite: """
                    INSERT INTO auth_oauth_identities_rebuilt (provider, provider_user_id, user_id, email, created_at, \
                    last_used_at, project_id) SELECT i.provider, i.provider_user_id, i.user_id, i.email, i.created_at, \
                    i.last_used_at, u.project_id FROM auth_oauth_identities i JOIN auth_users u ON u.id = i.user_id
                    """,
                postgres: "ALTER TABLE auth_oauth_identities DROP CONSTRAINT IF EXISTS auth_oauth_identities_pkey"),
            DialectSQL(sqlite: "DROP TABLE auth_oauth_identities", postgres: ""),
            DialectSQL(sqlite: "ALTER TABLE auth_oauth_identities_rebuilt RENAME TO auth_oauth_identities", postgres: ""),
            both("CREATE INDEX IF NOT EXISTS auth_oauth_identities_user ON auth_oauth_identities (user_id)"),
            both(
                """
                CREATE UNIQUE INDEX IF NOT EXISTS auth_oauth_identities_app ON auth_oauth_identities (provider, provider_user_id) \
                WHERE project_id IS NULL
                """),
            both(
                """
                CREATE UNIQUE INDEX IF NOT EXISTS auth_oauth_identities_project \
                ON auth_oauth_identities (project_id, provider, provider_user_id) WHERE project_id IS NOT NULL
                """),
        ])
}
