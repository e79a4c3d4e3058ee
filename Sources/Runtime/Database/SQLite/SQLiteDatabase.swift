import Dispatch
import Foundation
import GRDB
import Logging

/// The SQLite engine of Loom: one database file in WAL mode, opened through a GRDB
/// `DatabasePool` (one writer connection, several concurrent readers).
///
/// Every call goes through GRDB's async APIs, which run the SQLite work on GRDB's own dispatch
/// queues, so neither the event loop nor Swift's cooperative threads ever block on SQLite; the
/// one exception is `fetchByKey`, bounded primary-key reads on the key reader's own read-only
/// connections (see `SQLiteKeyReader` for why that never waits).
/// SQLite failures are reported as `DatabaseError` (see `SQLiteErrorMapping`).
///
/// `Sendable` is checked by the compiler: every stored property is an immutable `Sendable`
/// value (GRDB declares `DatabasePool` `Sendable` and serializes access to its connections).
public final class SQLiteDatabase: DatabaseClient {
    /// Always `.sqlite`.
    public let dialect: SQLDialect = .sqlite
    /// The database file path, as given to `init`.
    public let path: String
    /// The connection pool.
    let pool: DatabasePool
    /// Runs key lookups on the calling thread, on its own read-only connections.
    private let keyReader: SQLiteKeyReader
    /// Commits concurrent writes together (group commit).
    private let writeBatcher: SQLiteWriteBatcher
    /// Receives migration steps.
    let logger: Logger

    /// Opens (creating if needed) the database file at `path`, and its parent directories.
    ///
    /// Opening blocks the calling thread briefly (file creation, WAL setup); it happens once at
    /// start-up, before the server accepts requests.
    /// - Throws: `DatabaseError` (`.unavailable` when the file or its directory cannot be created).
    public init(path: String, logger: Logger) throws {
        self.path = path
        self.logger = logger
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Runtime.DatabaseError(
                code: .unavailable,
                message: "cannot create the directory \(directory.path) for \(path): \(error)"
            )
        }
        do {
            let pool = try DatabasePool(path: path, configuration: SQLiteConnectionSettings.configuration())
            // See `SQLiteConnectionSettings.fullSynchronousSQL`: the pool's WAL setup has just
            // reset the writer to NORMAL.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: SQLiteConnectionSettings.fullSynchronousSQL)
            }
            self.pool = pool
            self.keyReader = SQLiteKeyReader(path: path, maximumConnectionCount: SQLiteConnectionSettings.maximumReaderCount)
            self.writeBatcher = SQLiteWriteBatcher(pool: pool)
        } catch {
            throw SQLiteErrorMapping.map(error)
        }
    }

    /// Runs one read-only statement on a reader connection.
    public func fetch(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await mappingErrors {
            try await pool.read { db in try SQLiteStatementRunner.rows(of: statement, in: db) }
        }
    }

    /// Runs a primary-key lookup on the calling thread when a key-read connection is free (see
    /// `SQLiteKeyReader` for why that is safe and faster), otherwise like `fetch`.
    public func fetchByKey(_ statement: SQLStatement) async throws -> [SQLRow] {
        if let rows = try fetchByKeyInline(statement) { return rows }
        return try await fetch(statement)
    }

    /// The key reader answers inline whenever one of its connections is free.
    public var readsKeysInline: Bool { true }

    /// Runs a primary-key lookup on a free key-read connection, or returns `nil` when all are in use.
    public func fetchByKeyInline(_ statement: SQLStatement) throws -> [SQLRow]? {
        do {
            return try keyReader.rowsIfConnectionFree(of: statement)
        } catch {
            throw SQLiteErrorMapping.map(error)
        }
    }

    /// Runs every statement inside one read transaction, hence against one WAL snapshot.
    public func fetchSnapshot(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        try await mappingErrors {
            try await pool.read { db in
                try statements.map { try SQLiteStatementRunner.rows(of: $0, in: db) }
            }
        }
    }

    /// Runs the plan all or nothing on the writer connection, inside a `BEGIN IMMEDIATE`
    /// transaction that writes arriving at the same time may share (each in its own savepoint;
    /// see `SQLiteWriteBatcher`). Any failure rolls this call's statements back. The commit is
    /// synced to disk before returning (`synchronous = FULL`).
    public func write(_ plan: WritePlan) async throws -> WriteResults {
        try await mappingErrors {
            try await writeBatcher.write(plan)
        }
    }

    /// How many writes were committed in a transaction shared with others (see `SQLiteWriteBatcher`).
    var sharedCommitCount: Int { writeBatcher.sharedCommitCount }

    /// Runs `SELECT 1` on a reader connection.
    public func ping() async throws {
        try await mappingErrors {
            _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
        }
    }

    /// Applies what `schema` adds, in one write transaction (see `SQLiteMigrator`).
    ///
    /// The transaction is `IMMEDIATE`, so two servers migrating the same file at once take
    /// turns: the second one sees the first one's tables and applies nothing. Steps are logged
    /// only after the commit, so the log never claims a step that was rolled back.
    /// - Throws: `MigrationError` (`.columnCannotBeAdded`, or `.databaseFailure` for SQLite failures).
    public func migrate(to schema: SchemaDefinition) async throws -> MigrationReport {
        if !schema.migrations.isEmpty { return try await applyNumberedMigrations(of: schema) }
        let migrator = SQLiteMigrator(schema: schema, appliedAt: TimestampFormat.makeTimestamp(Date()), progress: logger)
        let report: MigrationReport
        do {
            report = try await pool.write { db in try migrator.migrate(in: db) }
        } catch let error as GRDB.DatabaseError {
            throw MigrationError(
                code: .databaseFailure,
                message: "migrating \(path) failed: \(error.message ?? "SQLite error \(error.extendedResultCode.rawValue)")"
            )
        }
        for step in report.applied {
            logger.info(
                "Applied migration step",
                metadata: ["app": .string(schema.app), "step": .string(step), "database": .string(path)]
            )
        }
        for warning in report.warnings {
            logger.warning("Migration warning", metadata: ["app": .string(schema.app), "warning": .string(warning)])
        }
        return report
    }

    /// Runs the migrator in an `IMMEDIATE` transaction that is always rolled back.
    /// - Throws: `MigrationError`.
    public func plannedMigration(to schema: SchemaDefinition) async throws -> MigrationReport {
        if !schema.migrations.isEmpty { return try await plannedNumberedMigrations(of: schema) }
        let migrator = SQLiteMigrator(schema: schema, appliedAt: TimestampFormat.makeTimestamp(Date()))
        do {
            return try await pool.writeWithoutTransaction { db in
                var report = MigrationReport()
                try db.inTransaction(.immediate) {
                    report = try migrator.migrate(in: db)
                    return .rollback
                }
                return report
            }
        } catch let error as GRDB.DatabaseError {
            throw MigrationError(
                code: .databaseFailure,
                message: "planning the migration of \(path) failed: \(error.message ?? "SQLite error \(error.extendedResultCode.rawValue)")"
            )
        }
    }

    /// Closes every connection once running accesses finish; later calls fail.
    ///
    /// `DatabasePool.close()` blocks until accesses finish, so it runs on a dispatch queue
    /// rather than on a cooperative thread.
    public func close() async throws {
        keyReader.close()
        let pool = self.pool
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                do {
                    try pool.close()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: SQLiteErrorMapping.map(error))
                }
            }
        }
    }

    /// Runs `body`, reporting SQLite failures as `DatabaseError`.
    private func mappingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw SQLiteErrorMapping.map(error)
        }
    }
}
