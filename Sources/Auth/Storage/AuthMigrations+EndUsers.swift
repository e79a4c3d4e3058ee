import Runtime

extension AuthMigrations {
    /// Step 7: end users belonging to a project. `auth_users.project_id` (NULL for app-level
    /// accounts) and the email unique per project instead of per app: one account per email at
    /// app level, and one per email inside each project.
    ///
    /// SQLite cannot drop the table-level `UNIQUE` of `email`, so the table is rebuilt (create,
    /// copy, drop, rename: SQLite's documented procedure). The step runs with
    /// `PRAGMA foreign_keys = OFF` (`sqliteForeignKeysOff`): with them on, dropping the old table
    /// would cascade-delete every session, key, membership and linked identity; the machinery
    /// runs `PRAGMA foreign_key_check` before it commits. PostgreSQL adds the column and swaps
    /// the constraint for two partial unique indexes in place (the rebuild's SQLite-only statements
    /// have an empty PostgreSQL text, which `Step.migration` leaves out).
    static let endUsersStep = Step(
        version: 7,
        summary: "end users belonging to a project; email unique per project",
        statements: [
            DialectSQL(
                sqlite: """
                    CREATE TABLE auth_users_rebuilt (id TEXT PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL, \
                    password_hash TEXT NOT NULL, role TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active', \
                    email_verified_at TEXT, password_changed_at TEXT NOT NULL, created_at TEXT NOT NULL, \
                    updated_at TEXT NOT NULL, project_id TEXT REFERENCES auth_projects (id) ON DELETE CASCADE)
                    """,
                postgres: """
                    ALTER TABLE auth_users ADD COLUMN IF NOT EXISTS project_id UUID \
                    REFERENCES auth_projects (id) ON DELETE CASCADE
                    """),
            DialectSQL(
                sqlite: """
                    INSERT INTO auth_users_rebuilt (id, email, name, password_hash, role, status, email_verified_at, \
                    password_changed_at, created_at, updated_at) SELECT id, email, name, password_hash, role, status, \
                    email_verified_at, password_changed_at, created_at, updated_at FROM auth_users
                    """,
                postgres: "ALTER TABLE auth_users DROP CONSTRAINT IF EXISTS auth_users_email_key"),
            DialectSQL(sqlite: "DROP TABLE auth_users", postgres: ""),
            DialectSQL(sqlite: "ALTER TABLE auth_users_rebuilt RENAME TO auth_users", postgres: ""),
            both("CREATE UNIQUE INDEX IF NOT EXISTS auth_users_app_email ON auth_users (email) WHERE project_id IS NULL"),
            both(
                """
                CREATE UNIQUE INDEX IF NOT EXISTS auth_users_project_email ON auth_users (project_id, email) \
                WHERE project_id IS NOT NULL
                """),
        ],
        sqliteForeignKeysOff: true)
}
