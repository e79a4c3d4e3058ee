import Foundation
import Runtime

/// The `Auth` module's own tables, created by numbered steps for SQLite and PostgreSQL.
///
/// They are separate from the app's schema migrations because the module's tables are not
/// described by the app's schema files, but they are recorded the same way: each step is a
/// `SchemaMigration` of the app `<app>.auth` in `loom_migrations` (SHA-256 checksum, applied
/// under `BEGIN EXCLUSIVE` / the PostgreSQL advisory lock, an edited step refused), so
/// `loom-server migrate --status` lists them. A database whose steps an older binary recorded
/// in `auth_schema_migrations` is adopted: those versions are recorded without running again.
enum AuthMigrations {
    /// One numbered step: statements per dialect, applied in one transaction.
    struct Step: Sendable {
        /// Version recorded when the step is applied.
        let version: Int
        /// What it does, for logs; it also names the recorded migration, so it never changes
        /// once released.
        let summary: String
        /// The statements, in order; an empty text is no statement in that dialect.
        let statements: [DialectSQL]
        /// SQLite: the step rebuilds a table, so it runs with `PRAGMA foreign_keys = OFF`
        /// (see `SchemaMigration.sqliteForeignKeysOff`).
        var sqliteForeignKeysOff = false

        /// The step as a numbered migration: `0003_organizations_memberships_invitations`.
        var migration: SchemaMigration {
            var name = ""
            for character in summary.lowercased() {
                if character.isASCII && (character.isLetter || character.isNumber) {
                    name.append(character)
                } else if !name.isEmpty && name.last != "_" {
                    name.append("_")
                }
            }
            while name.last == "_" { name.removeLast() }
            return SchemaMigration(
                version: version, name: name, sqlite: statements.map { $0.text(for: .sqlite) }.filter { !$0.isEmpty },
                postgres: statements.map { $0.text(for: .postgres) }.filter { !$0.isEmpty },
                sqliteForeignKeysOff: sqliteForeignKeysOff)
        }
    }

    /// Where an older binary recorded the applied versions; adopted, never written any more.
    static let legacyHistoryTable = "auth_schema_migrations"

    /// The steps as the numbered migrations of the app `<app>.auth`.
    static func schema(app: String) -> SchemaDefinition {
        SchemaDefinition(
            app: recordedApp(app), migrations: steps.map(\.migration), legacyHistoryTable: legacyHistoryTable)
    }

    /// The app name the steps are recorded under in `loom_migrations`.
    static func recordedApp(_ app: String) -> String { app + ".auth" }

    /// Applies every step the database has not recorded yet; returns what was applied or adopted.
    /// - Throws: `MigrationError` (an edited or unknown step, a database failure).
    static func apply(to database: any DatabaseClient, app: String) async throws -> [String] {
        let report = try await database.migrate(to: schema(app: app))
        return report.applied.map { "auth migration \($0)" }
    }

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
        platformAdminsStep,
        oauthStep,
        endUsersStep,
        endUserOAuthStep,
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
