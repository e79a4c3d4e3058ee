import Foundation
import Logging
import Runtime

/// A PostgreSQL server for driver tests, from `LOOM_TEST_DATABASE_URL` (see `.ci/with-postgres`);
/// tests that need one are skipped without it. Each test works in a schema of its own.
enum PostgresTestSupport {
    /// The server URL, when configured, allowing 120 s for a first connection (`connect_timeout`):
    /// the whole suite opens its pools at once on a loaded machine.
    static let url: String? = ProcessInfo.processInfo.environment["LOOM_TEST_DATABASE_URL"].flatMap { url in
        guard PostgresConnectionSettings.isPostgresURL(url) else { return nil }
        return url.contains("connect_timeout=") ? url : url + (url.contains("?") ? "&" : "?") + "connect_timeout=120"
    }

    /// Whether a server is configured.
    static var isAvailable: Bool { url != nil }

    /// Runs `body` with a pool whose `search_path` is a new empty schema (its name is passed
    /// too), then drops the schema.
    static func withDatabase(poolSize: Int = 4, _ body: (PostgresDatabase, PostgresConnectionSettings) async throws -> Void) async throws {
        guard let url else { return }
        var logger = Logger(label: "loom.tests.postgres")
        logger.logLevel = .warning
        let schema = "loom_driver_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        var adminSettings = try PostgresConnectionSettings(url: url)
        adminSettings.poolSize = 1
        let admin = PostgresDatabase.started(settings: adminSettings, logger: logger)
        _ = try await admin.write([SQLStatement("CREATE SCHEMA \(schema)")])
        var settings = adminSettings
        settings.schema = schema
        settings.poolSize = poolSize
        let database = PostgresDatabase.started(settings: settings, logger: logger)
        do {
            try await body(database, settings)
        } catch {
            try? await database.close()
            _ = try? await admin.write([SQLStatement("DROP SCHEMA \(schema) CASCADE")])
            try? await admin.close()
            throw error
        }
        try await database.close()
        _ = try await admin.write([SQLStatement("DROP SCHEMA \(schema) CASCADE")])
        try await admin.close()
    }
}
