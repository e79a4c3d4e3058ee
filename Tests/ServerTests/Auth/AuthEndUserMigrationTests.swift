import Foundation
import Runtime
import Testing

@testable import Auth

/// Step 7 (end users) on a database that already holds accounts and everything that refers to
/// them: on SQLite it rebuilds `auth_users`, which with foreign keys on would cascade-delete
/// sessions, keys, memberships and the rest. Runs on the suite's engine.
@Suite("Auth: the end-user migration keeps existing data")
struct AuthEndUserMigrationTests {
    static let user = "11111111-1111-4111-8111-111111111111"
    static let organization = "22222222-2222-4222-8222-222222222222"
    static let project = "33333333-3333-4333-8333-333333333333"
    static let time = "'2026-01-01T00:00:00.000Z'"

    /// Tables that refer to `auth_users`, each given one row before the step.
    static let dependents = [
        "auth_sessions", "auth_refresh_tokens", "auth_api_keys", "auth_memberships", "auth_single_use_tokens", "auth_oauth_identities",
    ]

    @Test("users, sessions, refresh tokens, keys, memberships, single-use tokens and OAuth links survive step 7")
    func keepsData() async throws {
        let database = try await TestDatabase.open("tracker")
        do {
            let client = database.client
            let before = SchemaDefinition(
                app: AuthMigrations.recordedApp("tracker"),
                migrations: AuthMigrations.steps.filter { $0.version < 7 }.map(\.migration), legacyHistoryTable: nil)
            _ = try await client.migrate(to: before)
            _ = try await client.write(Self.seed.map { SQLStatement($0) })
            let applied = try await AuthService.migrate(client, app: "tracker")
            // Step 8 (OAuth for end users) follows; it rebuilds `auth_oauth_identities` on SQLite.
            #expect(applied.count == 2 && applied.first?.contains("0007_end_users") == true, "\(applied)")
            #expect(applied.last?.contains("0008_oauth_sign_in_for_end_users_of_a_project") == true, "\(applied)")
            #expect(try await Self.count("auth_users", client) == 1)
            for table in Self.dependents {
                #expect(try await Self.count(table, client) == 1, "\(table) kept its row")
            }
            let projectOfUser = try await client.fetch(SQLStatement("SELECT project_id FROM auth_users"))
            #expect(projectOfUser.first?.values == [.null], "existing accounts are app-level")
            let projectOfLink = try await client.fetch(SQLStatement("SELECT provider_user_id, project_id FROM auth_oauth_identities"))
            #expect(projectOfLink.first?.values == [.text("42"), .null], "existing OAuth links are app-level")

            _ = try await client.write([SQLStatement(Self.insertUser(id: "44444444-4444-4444-8444-444444444444", project: Self.project))])
            #expect(try await Self.count("auth_users", client) == 2, "an end user may have an app-level account's email")
            await #expect(throws: DatabaseError.self, "a second app-level account with the email") {
                _ = try await client.write([SQLStatement(Self.insertUser(id: "55555555-5555-4555-8555-555555555555", project: nil))])
            }
            await #expect(throws: DatabaseError.self, "a second end user of the project with the email") {
                _ = try await client.write([SQLStatement(Self.insertUser(id: "66666666-6666-4666-8666-666666666666", project: Self.project))])
            }
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    static func insertUser(id: String, project: String?) -> String {
        """
        INSERT INTO auth_users (id, email, name, password_hash, role, status, password_changed_at, created_at, updated_at, project_id) \
        VALUES ('\(id)', 'kept@example.com', 'Other', 'x', 'member', 'active', \(time), \(time), \(time), \
        \(project.map { "'\($0)'" } ?? "NULL"))
        """
    }

    static func count(_ table: String, _ client: any DatabaseClient) async throws -> Int64 {
        Int64(try await client.rowCount(table))
    }

    /// One account and one row in every table that refers to it (literal values: fixed test data).
    static let seed = [
        """
        INSERT INTO auth_users (id, email, name, password_hash, role, status, password_changed_at, created_at, updated_at) \
        VALUES ('\(user)', 'kept@example.com', 'Kept', 'x', 'member', 'active', \(time), \(time), \(time))
        """,
        """
        INSERT INTO auth_organizations (id, name, slug, created_by, created_at, updated_at) \
        VALUES ('\(organization)', 'Org', 'org', '\(user)', \(time), \(time))
        """,
        """
        INSERT INTO auth_memberships (organization_id, user_id, role, created_at) VALUES ('\(organization)', '\(user)', 'owner', \(time))
        """,
        """
        INSERT INTO auth_projects (id, organization_id, name, slug, created_by, created_at, updated_at) \
        VALUES ('\(project)', '\(organization)', 'P', 'p', '\(user)', \(time), \(time))
        """,
        """
        INSERT INTO auth_sessions (id, user_id, created_at, last_used_at, expires_at) \
        VALUES ('77777777-7777-4777-8777-777777777777', '\(user)', \(time), \(time), '2036-01-01T00:00:00.000Z')
        """,
        """
        INSERT INTO auth_refresh_tokens (id, session_id, lookup_id, secret_hash, created_at) \
        VALUES ('88888888-8888-4888-8888-888888888888', '77777777-7777-4777-8777-777777777777', 'lookup', 'hash', \(time))
        """,
        """
        INSERT INTO auth_api_keys (id, user_id, name, environment, lookup_id, secret_hash, prefix, last_four, scopes, \
        allowed_cidrs, created_at) VALUES ('99999999-9999-4999-8999-999999999999', '\(user)', 'k', 'live', 'keylookup', \
        'hash', 'sk_live_', 'abcd', '[]', '[]', \(time))
        """,
        """
        INSERT INTO auth_single_use_tokens (id, user_id, purpose, email, lookup_id, secret_hash, created_at, expires_at) \
        VALUES ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '\(user)', 'password_reset', 'kept@example.com', 'single', 'hash', \
        \(time), \(time))
        """,
        """
        INSERT INTO auth_oauth_identities (provider, provider_user_id, user_id, email, created_at, last_used_at) \
        VALUES ('github', '42', '\(user)', 'kept@example.com', \(time), \(time))
        """,
    ]
}
