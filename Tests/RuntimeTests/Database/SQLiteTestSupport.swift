import Foundation
import Logging
@testable import Runtime

/// Temporary SQLite files for tests: a pool cannot be in memory, so each test gets its own
/// directory under the system temporary directory, removed afterwards.
enum SQLiteTestSupport {
    /// A fresh, not yet existing database path inside a nested directory (which `SQLiteDatabase`
    /// must create).
    static func makeTemporaryPath() -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("loom-sqlite-tests-\(UUID().uuidString)", isDirectory: true)
        let path = directory.appendingPathComponent("data/app.sqlite").path
        return (directory, path)
    }

    /// Runs `body` with a database on a new temporary file, then closes and deletes it.
    static func withDatabase(
        logger: Logger = Logger(label: "loom.tests.sqlite"),
        _ body: (SQLiteDatabase, String) async throws -> Void
    ) async throws {
        let (directory, path) = makeTemporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDatabase(path: path, logger: logger)
        do {
            try await body(database, path)
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }

    /// The single value of a one-row, one-column result, read on a connection of GRDB's pool (whose settings some tests check), not on the
    /// bounded reader's own connections, which `fetch` tries first.
    static func scalar(_ database: SQLiteDatabase, _ sql: String, _ binds: [SQLValue] = []) async throws -> SQLValue? {
        let statement = SQLStatement(sql, binds)
        return try await database.pool.read { db in try SQLiteStatementRunner.rows(of: statement, in: db) }.first?.values.first
    }
}

/// Keeps the log entries written through a `Logger`, so tests can assert what was logged.
///
/// `@unchecked Sendable`: the only mutable state, `entries`, is read and written exclusively
/// while holding `lock`.
final class CapturedLogs: @unchecked Sendable {
    /// One log call.
    struct Entry: Sendable {
        /// Severity.
        let level: Logger.Level
        /// The message text.
        let message: String
        /// Call-site metadata.
        let metadata: Logger.Metadata
    }

    private let lock = NSLock()
    private var entries: [Entry] = []

    /// A logger writing into this store.
    func makeLogger() -> Logger {
        var logger = Logger(label: "loom.tests.captured") { _ in CapturingLogHandler(store: self) }
        logger.logLevel = .trace
        return logger
    }

    /// Everything logged so far.
    var all: [Entry] { lock.withLock { entries } }

    /// Adds one entry.
    func append(_ entry: Entry) { lock.withLock { entries.append(entry) } }
}

/// The `LogHandler` behind `CapturedLogs.makeLogger()`.
struct CapturingLogHandler: LogHandler {
    /// Where entries go.
    let store: CapturedLogs
    /// Handler metadata (unused by the tests, required by `LogHandler`).
    var metadata: Logger.Metadata = [:]
    /// Everything is captured.
    var logLevel: Logger.Level = .trace

    /// Handler metadata by key.
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Records the event.
    func log(event: LogEvent) {
        store.append(.init(level: event.level, message: event.message.description, metadata: event.metadata ?? [:]))
    }
}
