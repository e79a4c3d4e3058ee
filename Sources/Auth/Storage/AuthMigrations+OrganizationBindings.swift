import Runtime

extension AuthMigrations {
    /// Step 4: projects inside organizations, and the organization / project binding of
    /// sessions and API keys (plus the service name and role of service tokens).
    ///
    /// Columns are added with `ALTER TABLE ... ADD COLUMN`: PostgreSQL says `IF NOT EXISTS`, so
    /// instances starting together converge; SQLite has no such clause, but one machine owns a
    /// SQLite file and the step runs in one transaction with its version row, so a second
    /// process finds it recorded.
    static let organizationBindings = Step(
        version: 4,
        summary: "projects; organization and project bindings of sessions and API keys; service tokens",
        statements: [
            both(
                """
                CREATE TABLE IF NOT EXISTS auth_projects (id {uuid} PRIMARY KEY, \
                organization_id {uuid} NOT NULL REFERENCES auth_organizations (id) ON DELETE CASCADE, name TEXT NOT NULL, \
                slug TEXT NOT NULL, description TEXT, created_by {uuid} NOT NULL, created_at {time} NOT NULL, \
                updated_at {time} NOT NULL, archived_at {time}, UNIQUE (organization_id, slug))
                """),
            addColumn("auth_sessions", "organization_id {uuid}"),
            addColumn("auth_sessions", "project_id {uuid}"),
            addColumn("auth_api_keys", "organization_id {uuid}"),
            addColumn("auth_api_keys", "project_id {uuid}"),
            addColumn("auth_api_keys", "purpose TEXT NOT NULL DEFAULT 'personal'"),
            addColumn("auth_api_keys", "service TEXT"),
            addColumn("auth_api_keys", "role TEXT"),
            both("CREATE INDEX IF NOT EXISTS auth_api_keys_project ON auth_api_keys (project_id)"),
            both("CREATE INDEX IF NOT EXISTS auth_api_keys_organization ON auth_api_keys (organization_id, user_id)"),
        ])

    /// `ALTER TABLE table ADD COLUMN definition`, idempotent on PostgreSQL.
    private static func addColumn(_ table: String, _ definition: String) -> DialectSQL {
        let template = both(definition)
        return DialectSQL(
            sqlite: "ALTER TABLE \(table) ADD COLUMN \(template.text(for: .sqlite))",
            postgres: "ALTER TABLE \(table) ADD COLUMN IF NOT EXISTS \(template.text(for: .postgres))")
    }
}
