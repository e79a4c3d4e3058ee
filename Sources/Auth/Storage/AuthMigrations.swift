import Foundation
import Runtime

/// The `Auth` module's own tables, created by numbered steps recorded in
/// `auth_schema_migrations`, for SQLite and PostgreSQL.
///
/// They are separate from the app's schema-diff migrations because the module's tables are
/// not described by the app's schema files. Every statement is idempotent (`IF NOT EXISTS`,
/// `ON CONFLICT DO NOTHING`), so instances starting together against one database converge.
enum AuthMigrations {
    /// One numbered step: statements per dialect, applied in one transaction.
    struct Step: Sendable {
        /// Version recorded when the step is applied.
        let version: Int
        /// What it does, for logs.
        let summary: String
        /// The statements, in order.
        let statements: [DialectSQL]
    }

    /// Applies every step the database has not recorded yet; returns the summaries applied.
    static func apply(to database: any DatabaseClient, now: Date) async throws -> [String] {
        let sql = AuthSQL(dialect: database.dialect)
        _ = try await database.write([sql.statement(historyTable.text(for: database.dialect))])
        let rows = try await database.fetch(sql.statement("SELECT version FROM auth_schema_migrations"))
        var applied = Set<Int64>()
        for row in rows {
            var reader = RowReader(row)
            applied.insert(try reader.integer())
        }
        var summaries: [String] = []
        for step in steps where !applied.contains(Int64(step.version)) {
            var statements = step.statements.map { sql.statement($0.text(for: database.dialect)) }
            statements.append(sql.statement(
                "INSERT INTO auth_schema_migrations (version, applied_at) VALUES (?, ?) ON CONFLICT (version) DO NOTHING",
                [.integer(Int64(step.version)), .timestamp(now)]))
            _ = try await database.write(statements)
            summaries.append("auth migration \(step.version): \(step.summary)")
        }
        return summaries
    }

    /// The history table itself.
    static let historyTable = DialectSQL(
        sqlite: "CREATE TABLE IF NOT EXISTS auth_schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
        postgres: "CREATE TABLE IF NOT EXISTS auth_schema_migrations (version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)")

    /// Every step in order.
    static let steps: [Step] = [
        Step(
            version: 1,
            summary: "users, sessions, refresh tokens, login throttle, API keys, audit events",
            statements: [
                both(
                    """
                    CREATE TABLE IF NOT EXISTS auth_users (id {uuid} PRIMARY KEY, email TEXT NOT NULL UNIQUE, \
                    name TEXT NOT NULL, password_hash TEXT NOT NULL, role TEXT NOT NULL, \
                    status TEXT NOT NULL DEFAULT 'active', email_verified_at {time}, password_changed_at {time} NOT NULL, \
                    created_at {time} NOT NULL, updated_at {time} NOT NULL)
                    """),
                both(
                    """
                    CREATE TABLE IF NOT EXISTS auth_sessions (id {uuid} PRIMARY KEY, \
                    user_id {uuid} NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE, created_at {time} NOT NULL, \
                    last_used_at {time} NOT NULL, expires_at {time} NOT NULL, revoked_at {time}, revoked_reason TEXT, \
                    user_agent TEXT, ip_address TEXT)
                    """),
                both("CREATE INDEX IF NOT EXISTS auth_sessions_user ON auth_sessions (user_id)"),
                both(
                    """
                    CREATE TABLE IF NOT EXISTS auth_refresh_tokens (id {uuid} PRIMARY KEY, \
                    session_id {uuid} NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE, \
                    lookup_id TEXT NOT NULL UNIQUE, secret_hash TEXT NOT NULL, created_at {time} NOT NULL, \
                    used_at {time}, replaced_by {uuid})
                    """),
                both("CREATE INDEX IF NOT EXISTS auth_refresh_tokens_session ON auth_refresh_tokens (session_id)"),
                both(
                    """
                    CREATE TABLE IF NOT EXISTS auth_login_throttle (subject TEXT PRIMARY KEY, failures {integer} NOT NULL, \
                    window_started_at {time} NOT NULL, locked_until {time})
                    """),
                both(
                    """
                    CREATE TABLE IF NOT EXISTS auth_api_keys (id {uuid} PRIMARY KEY, \
                    user_id {uuid} NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE, name TEXT NOT NULL, \
                    environment TEXT NOT NULL, lookup_id TEXT NOT NULL UNIQUE, secret_hash TEXT NOT NULL, \
                    prefix TEXT NOT NULL, last_four TEXT NOT NULL, scopes TEXT NOT NULL, allowed_cidrs TEXT NOT NULL, \
                    expires_at {time}, revoked_at {time}, rotated_to {uuid}, last_used_at {time}, created_at {time} NOT NULL)
                    """),
                both("CREATE INDEX IF NOT EXISTS auth_api_keys_user ON auth_api_keys (user_id)"),
                both(
                    """
                    CREATE TABLE IF NOT EXISTS auth_audit_events (id {uuid} PRIMARY KEY, occurred_at {time} NOT NULL, \
                    actor_id TEXT, action TEXT NOT NULL, target_id TEXT, detail TEXT NOT NULL, ip_address TEXT)
                    """),
                both("CREATE INDEX IF NOT EXISTS auth_audit_events_time ON auth_audit_events (occurred_at)"),
            ]),
        Step(
            version: 2,
            summary: "single-use tokens (password reset, email verification)",
            statements: [
                both(
                    """
                    CREATE TABLE IF NOT EXISTS auth_single_use_tokens (id {uuid} PRIMARY KEY, \
                    user_id {uuid} NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE, purpose TEXT NOT NULL, \
                    email TEXT NOT NULL, lookup_id TEXT NOT NULL UNIQUE, secret_hash TEXT NOT NULL, \
                    created_at {time} NOT NULL, expires_at {time} NOT NULL, used_at {time})
                    """),
                both("CREATE INDEX IF NOT EXISTS auth_single_use_tokens_user ON auth_single_use_tokens (user_id)"),
            ]),
        Step(
            version: 3,
            summary: "organizations, memberships, invitations",
            statements: [
                both(
                    """
                    CREATE TABLE IF NOT EXISTS auth_organizations (id {uuid} PRIMARY KEY, name TEXT NOT NULL, \
                    slug TEXT NOT NULL UNIQUE, created_by {uuid} NOT NULL, created_at {time} NOT NULL, updated_at {time} NOT NULL)
                    """),
                both(
                    """
                    CREATE TABLE IF NOT EXISTS auth_memberships (\
                    organization_id {uuid} NOT NULL REFERENCES auth_organizations (id) ON DELETE CASCADE, \
                    user_id {uuid} NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE, role TEXT NOT NULL, \
                    created_at {time} NOT NULL, PRIMARY KEY (organization_id, user_id))
                    """),
                both("CREATE INDEX IF NOT EXISTS auth_memberships_user ON auth_memberships (user_id)"),
                both(
                    """
                    CREATE TABLE IF NOT EXISTS auth_invitations (id {uuid} PRIMARY KEY, \
                    organization_id {uuid} NOT NULL REFERENCES auth_organizations (id) ON DELETE CASCADE, \
                    email TEXT NOT NULL, role TEXT NOT NULL, lookup_id TEXT NOT NULL UNIQUE, secret_hash TEXT NOT NULL, \
                    invited_by {uuid} NOT NULL, created_at {time} NOT NULL, expires_at {time} NOT NULL, accepted_at {time}, \
                    revoked_at {time})
                    """),
                both("CREATE INDEX IF NOT EXISTS auth_invitations_organization ON auth_invitations (organization_id)"),
            ]),
        organizationBindings,
        oauthStep,
    ]

    /// One statement written once with `{uuid}`, `{time}` and `{integer}` type placeholders.
    static func both(_ template: String) -> DialectSQL {
        DialectSQL(
            sqlite: template.replacingOccurrences(of: "{uuid}", with: "TEXT").replacingOccurrences(of: "{time}", with: "TEXT")
                .replacingOccurrences(of: "{integer}", with: "INTEGER"),
            postgres: template.replacingOccurrences(of: "{uuid}", with: "UUID")
                .replacingOccurrences(of: "{time}", with: "TIMESTAMPTZ").replacingOccurrences(of: "{integer}", with: "BIGINT"))
    }
}
