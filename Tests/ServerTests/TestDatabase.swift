import Foundation
import Logging
import Runtime

@testable import Server

/// The database engine server tests run on: SQLite in a temporary file by default, PostgreSQL
/// when `LOOM_TEST_DATABASE_URL` holds a `postgres://` URL (`.ci/with-postgres` sets it).
///
/// On PostgreSQL every test gets its own schema (`search_path`), created before and dropped
/// after the test, so tests running in parallel never see each other's rows.
struct TestDatabase: Sendable {
    /// The open database.
    let client: any DatabaseClient
    /// Closes the database and removes what the test created.
    let cleanup: @Sendable () async -> Void
    /// The `loom-server` options that open this database (`--database-path P` or
    /// `--database-url URL` naming the test's schema), for tests that run the binary on it.
    var commandLineArguments: [String] = []

    /// The PostgreSQL URL of the test server, when one is configured. The whole suite opens its
    /// pools at once on a loaded machine, so a request may wait long for a first connection: the
    /// URL allows 120 s (`connect_timeout`) where a server's default is 10 s.
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["LOOM_TEST_DATABASE_URL"], PostgresConnectionSettings.isPostgresURL(url) else {
            return nil
        }
        return url.contains("connect_timeout=") ? url : url + (url.contains("?") ? "&" : "?") + "connect_timeout=120"
    }

    /// Whether tests run on PostgreSQL.
    static var usesPostgres: Bool { postgresURL != nil }

    /// A logger that keeps test output quiet.
    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }

    /// Opens a fresh, empty database for one test called `name`.
    static func open(_ name: String) async throws -> TestDatabase {
        if let url = postgresURL {
            return try await openPostgres(url: url)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-tests-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("\(name).sqlite").path
        let database = try SQLiteDatabase(path: path, logger: logger)
        return TestDatabase(
            client: database,
            cleanup: {
                try? await database.close()
                try? FileManager.default.removeItem(at: directory)
            }, commandLineArguments: ["--database-path", path])
    }

    /// Runs `body` with a fresh database for one test called `name`, cleaned up afterwards
    /// whether `body` throws or not.
    static func with<Result>(_ name: String, _ body: (TestDatabase) async throws -> Result) async throws -> Result {
        let database = try await open(name)
        do {
            let result = try await body(database)
            await database.cleanup()
            return result
        } catch {
            await database.cleanup()
            throw error
        }
    }

    /// Runs `body` with the generated app `name` and a fresh database migrated to its schema.
    static func withMigratedApp<Result>(
        _ name: String, _ body: (TestDatabase, GeneratedApp) async throws -> Result
    ) async throws -> Result {
        try await with(name) { database in
            let app = try AppCatalog.app(named: name, eventSettleInterval: 0)
            try await migrate(app, on: database.client)
            return try await body(database, app)
        }
    }

    /// Creates `app`'s tables and, when it keeps an audit trail, reads idempotency keys or counts
    /// usage, `audit_events`, `loom_idempotency` and `usage_daily`: what `serve` and `migrate` create before the server writes.
    static func migrate(_ app: GeneratedApp, on database: any DatabaseClient) async throws {
        _ = try await database.migrate(to: app.schema)
        if app.audit != nil { _ = try await AuditTrail.migrate(database, app: app.schema.app) }
        if app.settings.idempotency != nil { _ = try await IdempotencyRecords.migrate(database, app: app.schema.app) }
        if app.settings.usage != nil { _ = try await UsageService.migrate(database, app: app.schema.app) }
        if !app.incomingWebhooks.isEmpty { _ = try await IncomingWebhookReceipts.migrate(database, app: app.schema.app) }
    }

    /// Creates a schema of its own on the test server and opens a pool whose `search_path` is it.
    static func openPostgres(url: String) async throws -> TestDatabase {
        let schema = try await createSchema(url: url)
        var settings = try PostgresConnectionSettings(url: url)
        settings.schema = schema
        settings.poolSize = 4
        let database = PostgresDatabase.started(settings: settings, logger: logger)
        return TestDatabase(
            client: database,
            cleanup: {
                try? await database.close()
                await dropSchema(schema, url: url)
            }, commandLineArguments: ["--database-url", url + (url.contains("?") ? "&" : "?") + "schema=\(schema)"])
    }

    /// Runs `body` with two PostgreSQL clients (pools of 4) on one fresh schema of `url`, as two
    /// server instances have; both are closed and the schema dropped afterwards, whatever happens.
    static func withTwoInstances(
        url: String, _ body: (PostgresDatabase, PostgresDatabase) async throws -> Void
    ) async throws {
        let schema = try await createSchema(url: url)
        var settings = try PostgresConnectionSettings(url: url)
        settings.schema = schema
        settings.poolSize = 4
        let first = PostgresDatabase.started(settings: settings, logger: logger)
        let second = PostgresDatabase.started(settings: settings, logger: logger)
        do {
            try await body(first, second)
        } catch {
            try? await first.close()
            try? await second.close()
            await dropSchema(schema, url: url)
            throw error
        }
        try await first.close()
        try await second.close()
        await dropSchema(schema, url: url)
    }

    /// Creates a uniquely named empty schema and returns its name.
    static func createSchema(url: String) async throws -> String {
        let schema = "loom_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await withAdministration(url: url) { admin in
            _ = try await admin.write([SQLStatement("CREATE SCHEMA \(schema)")])
        }
        return schema
    }

    /// Drops a schema made by `createSchema`, with everything in it.
    static func dropSchema(_ schema: String, url: String) async {
        try? await withAdministration(url: url) { admin in
            _ = try await admin.write([SQLStatement("DROP SCHEMA IF EXISTS \(schema) CASCADE")])
        }
    }

    /// Runs `body` on a one-connection pool to the test server's default schema.
    private static func withAdministration(url: String, _ body: (PostgresDatabase) async throws -> Void) async throws {
        var settings = try PostgresConnectionSettings(url: url)
        settings.poolSize = 1
        let admin = PostgresDatabase.started(settings: settings, logger: logger)
        do {
            try await body(admin)
        } catch {
            try? await admin.close()
            throw error
        }
        try? await admin.close()
    }
}
