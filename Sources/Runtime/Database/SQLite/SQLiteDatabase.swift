import Dispatch
import Foundation
import GRDB
import GRDBSQLite
import Logging

/// The SQLite engine of Loom: one database file in WAL mode, opened through a GRDB
/// `DatabasePool` (one writer connection, several concurrent readers).
///
/// Calls go through GRDB's async APIs, which run the SQLite work on GRDB's own dispatch queues,
/// so neither the event loop nor Swift's cooperative threads block on SQLite, with two bounded
/// exceptions that never wait: `fetchByKey`, primary-key reads on the key reader's own
/// read-only connections (`SQLiteKeyReader`), and `fetchSnapshot(_:boundedBySteps:)`, list
/// reads within a step budget on the bounded reader's (`SQLiteBoundedReader`).
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
    /// Runs other reads on the calling thread while they stay within a step budget.
    private let boundedReader: SQLiteBoundedReader
    /// Commits concurrent writes together (group commit).
    private let writeBatcher: SQLiteWriteBatcher
    /// Whether the open file is still the one at `path`, and whether writes are failing.
    private let fileHealth: SQLiteFileHealth
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
        Self.createPrivately(path)
        do {
            let pool = try DatabasePool(path: path, configuration: SQLiteConnectionSettings.configuration())
            // See `SQLiteConnectionSettings.fullSynchronousSQL`: the pool's WAL setup has just
            // reset the writer to NORMAL.
            // SQLite opens a file its user may not write read-only, silently, and that connection
            // stays read-only even once the file becomes writable: every write would fail while
            // the server looked healthy. A server that cannot write its database does not start.
            let openedReadOnly = try pool.writeWithoutTransaction { db in
                try db.execute(sql: SQLiteConnectionSettings.fullSynchronousSQL)
                try db.execute(sql: SQLiteConnectionSettings.memoryTemporaryStorageSQL)
                return sqlite3_db_readonly(db.sqliteConnection, "main") == 1
            }
            if openedReadOnly {
                try? pool.close()
                throw Runtime.DatabaseError(
                    code: .readOnly,
                    message: "\(path) (or its directory) is not writable by this process (uid \(getuid())); make it writable and start again")
            }
            self.pool = pool
            self.keyReader = SQLiteKeyReader(path: path, maximumConnectionCount: SQLiteConnectionSettings.maximumReaderCount)
            self.boundedReader = SQLiteBoundedReader(path: path, maximumConnectionCount: SQLiteConnectionSettings.maximumReaderCount)
            self.writeBatcher = SQLiteWriteBatcher(pool: pool)
            self.fileHealth = SQLiteFileHealth(path: path)
        } catch {
            throw SQLiteErrorMapping.map(error)
        }
    }

    /// Creates a missing database file readable and writable by its owner alone (0600): it
    /// holds password hashes, tokens and every record. SQLite gives the `-wal` and `-shm` files
    /// it creates later the mode of the database file. An empty file is a valid empty database;
    /// an existing file keeps the mode its owner chose.
    private static func createPrivately(_ path: String) {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
    }

    /// Runs one read-only statement on a reader connection.
    public func fetch(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await mappingErrors {
            try await pool.read { db in try SQLiteStatementRunner.rows(of: statement, in: db) }
        }
    }

    /// On the calling thread while the statements stay within the bounded reader's step budget
    /// (`SQLiteBoundedReader`), otherwise like `fetchSnapshot(_:)`.
    public func fetchSnapshot(_ statements: [SQLStatement], boundedBySteps: Bool) async throws -> [[SQLRow]] {
        try await fetchPage(PageRead(statements: statements, boundedBySteps: boundedBySteps))
    }

    /// `fetchSnapshot(_:boundedBySteps:)`, where the bounded reader starts a page past the first
    /// at the nearest row its connection remembers (`PageRead`, `SQLiteListMemory`).
    public func fetchPage(_ read: PageRead) async throws -> [[SQLRow]] {
        if read.boundedBySteps || read.countsWholeTable {
            let results: [[SQLRow]]?
            do {
                results = try boundedReader.rowsIfWithinBudget(of: read)
            } catch {
                throw SQLiteErrorMapping.map(error)
            }
            if let results { return results }
        }
        return try await fetchSnapshot(read.statements)
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
    /// synced to disk before returning (`synchronous = FULL`). It is acknowledged only while
    /// the file is still linked at `path` (`fileMissing` otherwise: the write went to a deleted
    /// file); a full disk or read-only file is `storageFull` / `readOnly`, and readiness reports
    /// it until writes can succeed again (`SQLiteFileHealth`).
    public func write(_ plan: WritePlan) async throws -> WriteResults {
        do {
            try fileHealth.requireLinked()
            // Refused before the batcher once the request's time budget is spent (`TimeBudget`).
            let results = try await TimeBudget.guardingWrite { try await writeBatcher.write(plan) }
            try fileHealth.requireLinked()
            fileHealth.record(nil)
            return results
        } catch {
            let mapped = SQLiteErrorMapping.map(error)
            if let failure = mapped as? Runtime.DatabaseError { fileHealth.record(failure) }
            throw mapped
        }
    }

    /// Reports every later write's wait for the writer and each group commit's size to `observer`.
    public func observeWrites(_ observer: any DatabaseObserver) {
        writeBatcher.observe(observer)
    }

    /// How many writes were committed in a transaction shared with others (see `SQLiteWriteBatcher`).
    var sharedCommitCount: Int { writeBatcher.sharedCommitCount }

    /// Readiness: the file is still linked at `path`, writes are not failing for lack of space
    /// or permission (`SQLiteFileHealth`), and `SELECT 1` runs on a reader connection.
    public func ping() async throws {
        try fileHealth.requireReady()
        try await mappingErrors {
            _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
        }
    }

    /// Applies the pending numbered migrations of `schema`, each in its own transaction (see
    /// `SQLiteDatabase+NumberedMigrations`).
    /// - Throws: `MigrationError`.
    public func migrate(to schema: SchemaDefinition) async throws -> MigrationReport {
        try await applyNumberedMigrations(of: schema)
    }

    /// What `migrate(to:)` would apply now, read in a transaction that is rolled back.
    /// - Throws: `MigrationError`.
    public func plannedMigration(to schema: SchemaDefinition) async throws -> MigrationReport {
        try await plannedNumberedMigrations(of: schema)
    }

    /// Closes every connection once running accesses finish; later calls fail.
    ///
    /// `DatabasePool.close()` blocks until accesses finish, so it runs on a dispatch queue
    /// rather than on a cooperative thread.
    public func close() async throws {
        keyReader.close()
        boundedReader.close()
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
