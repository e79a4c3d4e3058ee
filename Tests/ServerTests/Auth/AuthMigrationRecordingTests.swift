import Auth
import Foundation
import Runtime
import Testing

/// The auth module's steps are numbered migrations of the app `<app>.auth` in `loom_migrations`:
/// recorded once with their checksum, listed by `--status`, refused when edited, applied once by
/// two instances starting together, and a database recorded in the old `auth_schema_migrations`
/// table is adopted without running its steps again. Runs on the suite's engine.
@Suite("Auth: migrations on the numbered machinery")
struct AuthMigrationRecordingTests {
    /// The app the tests migrate.
    static let app = "tracker"

    @Test("steps are recorded under tracker.auth with a checksum; nothing is pending afterwards")
    func recorded() async throws {
        let database = try await TestDatabase.open("tracker")
        do {
            let applied = try await AuthService.migrate(database.client, app: Self.app)
            #expect(applied.count == AuthMigrationsCount.steps)
            #expect(applied.first?.hasPrefix("auth migration 0001_users_sessions") == true, "\(applied)")
            let steps = try await database.client.appliedMigrationSteps(app: "tracker.auth")
            #expect(steps.count == AuthMigrationsCount.steps)
            #expect(steps.allSatisfy { $0.checksum.utf8.count == 64 })
            #expect(try await database.client.appliedMigrationSteps(app: Self.app).isEmpty, "the app's own history is separate")
            let pending = try await AuthService.plannedMigration(database.client, app: Self.app)
            #expect(pending.isEmpty)
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    @Test("a database recorded in auth_schema_migrations is adopted without running the steps again")
    func adoptsLegacyHistory() async throws {
        let database = try await TestDatabase.open("tracker")
        do {
            _ = try await AuthService.migrate(database.client, app: Self.app)
            try await Self.makeLegacy(database.client, versions: [1, 2, 3, 4, 5])
            let status = try await AuthService.plannedMigration(database.client, app: Self.app)
            #expect(status.count == AuthMigrationsCount.steps)
            #expect(status.filter { $0.hasSuffix("(adopt from auth_schema_migrations)") }.count == 5, "\(status)")
            // Dropped after recording: if step 3 ran again it would come back.
            _ = try await database.client.write([SQLStatement("DROP TABLE auth_invitations")])
            let adopted = try await AuthService.migrate(database.client, app: Self.app)
            #expect(adopted.count == AuthMigrationsCount.steps, "5 adopted, the later step applied")
            #expect(try await Self.tableExists("auth_invitations", in: database.client) == false, "step 3 was not run again")
            let steps = try await database.client.appliedMigrationSteps(app: "tracker.auth")
            #expect(steps.count == AuthMigrationsCount.steps)
            let again = try await AuthService.migrate(database.client, app: Self.app)
            #expect(again.isEmpty)
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    @Test("a legacy database with fewer versions adopts those and runs the rest")
    func adoptsPartialLegacyHistory() async throws {
        let database = try await TestDatabase.open("tracker")
        do {
            _ = try await AuthService.migrate(database.client, app: Self.app)
            try await Self.makeLegacy(database.client, versions: [1, 2, 4, 5])
            _ = try await database.client.write([SQLStatement("DROP TABLE auth_invitations")])
            let applied = try await AuthService.migrate(database.client, app: Self.app)
            #expect(applied.count == AuthMigrationsCount.steps)
            #expect(try await Self.tableExists("auth_invitations", in: database.client), "step 3 ran")
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    @Test("an edited auth step is refused before anything runs")
    func editedStepRefused() async throws {
        let database = try await TestDatabase.open("tracker")
        do {
            _ = try await AuthService.migrate(database.client, app: Self.app)
            _ = try await database.client.write([SQLStatement(
                "UPDATE loom_migrations SET checksum = '\(String(repeating: "0", count: 64))' WHERE app = 'tracker.auth' AND step LIKE '0002_%'")])
            let error = await #expect(throws: MigrationError.self) {
                try await AuthService.migrate(database.client, app: Self.app)
            }
            #expect(error?.code == .editedMigration)
            #expect(error?.message.contains("tracker.auth") == true)
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    @Test("two instances migrating at once record each step exactly once, fresh and adopting")
    func twoAppliers() async throws {
        for legacy in [false, true] {
            let (one, two, cleanup) = try await ConcurrentMigrationTests.openTwice()
            do {
                if legacy {
                    _ = try await AuthService.migrate(one, app: Self.app)
                    try await Self.makeLegacy(one, versions: [1, 2, 3, 4, 5])
                }
                async let first = AuthService.migrate(one, app: Self.app)
                async let second = AuthService.migrate(two, app: Self.app)
                let reports = try await [first, second]
                #expect(reports.flatMap { $0 }.count == AuthMigrationsCount.steps)
                let steps = try await one.appliedMigrationSteps(app: "tracker.auth")
                #expect(steps.count == AuthMigrationsCount.steps)
                #expect(Set(steps.map(\.step)).count == AuthMigrationsCount.steps)
            } catch {
                await cleanup()
                throw error
            }
            await cleanup()
        }
    }

    /// Turns a migrated database into one an older binary recorded: the auth rows leave
    /// `loom_migrations` and `auth_schema_migrations` holds `versions`. Every step's effects
    /// stay, so a test lists as unrecorded only steps that may run twice (step 4 adds columns,
    /// which SQLite cannot do twice, so it is always listed).
    static func makeLegacy(_ client: any DatabaseClient, versions: [Int]) async throws {
        let create = client.dialect == .sqlite
            ? "CREATE TABLE auth_schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            : "CREATE TABLE auth_schema_migrations (version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
        var statements = [
            SQLStatement("DELETE FROM loom_migrations WHERE app = 'tracker.auth'"), SQLStatement(create),
        ]
        for version in versions {
            statements.append(SQLStatement(
                client.dialect == .sqlite
                    ? "INSERT INTO auth_schema_migrations (version, applied_at) VALUES (?, ?)"
                    : "INSERT INTO auth_schema_migrations (version, applied_at) VALUES ($1, $2)",
                [.integer(Int64(version)), .timestamp(Date())]))
        }
        _ = try await client.write(statements)
    }

    /// Whether `table` exists.
    static func tableExists(_ table: String, in client: any DatabaseClient) async throws -> Bool {
        let sql = client.dialect == .sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
        let rows = try await client.fetch(SQLStatement(sql, [.text(table)]))
        return rows.first?.values.first == .integer(1)
    }
}
