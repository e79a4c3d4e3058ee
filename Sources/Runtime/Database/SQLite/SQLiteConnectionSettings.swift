import GRDB

/// The GRDB configuration every `SQLiteDatabase` opens its pool with, and why.
enum SQLiteConnectionSettings {
    /// How long a connection waits for a lock held by another connection or process before
    /// failing with `SQLITE_BUSY` (reported as `DatabaseError.Code.unavailable`). It applies to
    /// the writer; GRDB gives pool readers their own 10 s timeout, which WAL readers only need in
    /// rare cases (recovery after a crash, the last connection of another process closing).
    static let busyTimeoutSeconds: Double = 5

    /// Concurrent read connections. Reads never wait for the writer in WAL mode; a handful
    /// covers the cores of one machine without holding many file descriptors.
    static let maximumReaderCount = 4

    /// Sets `synchronous = FULL` on a connection.
    ///
    /// In WAL mode GRDB (and SQLite's own docs) suggest `NORMAL`, which syncs the WAL only at
    /// checkpoints: a transaction committed just before a power loss or OS crash can then be
    /// lost. Loom acknowledges a write with a 2xx only after `write` returns, and promises that
    /// nothing acknowledged is lost, so every commit must reach the disk: `FULL` syncs the WAL
    /// on each commit. It is per connection and must run outside a transaction.
    static let fullSynchronousSQL = "PRAGMA synchronous = FULL"

    /// Keeps the writer's temporary storage in memory: above all the statement journal, where
    /// SQLite saves each page a savepoint changes first (every request of a group commit runs in
    /// its own savepoint, `SQLiteWriteBatcher`). On disk (`temp_store = DEFAULT`) the journal
    /// spills to a temporary file past 64 KiB, and a batch of writes that each touch a handful
    /// of b-trees (a record, its webhook message and delivery, an audit or idempotency row)
    /// passes that at once: a POST with one webhook subscription made ten `pwrite` calls for
    /// that file. In memory it holds at most the pages of one batch
    /// (`SQLiteWriteBatcher.maximumBatchSize` requests, each bounded by the request limits), and
    /// it is only ever read to roll a failed request back. Set on the writer only: readers make
    /// no statement journal, and their sorts keep spilling to disk.
    static let memoryTemporaryStorageSQL = "PRAGMA temp_store = MEMORY"

    /// The pool configuration: WAL (GRDB's `DatabasePool` default, stated explicitly), foreign
    /// keys enforced, busy timeouts, bounded readers, and `synchronous = FULL` on every
    /// connection as it opens.
    ///
    /// `DatabasePool` switches a new writer connection to WAL *after* the preparation closures
    /// run and sets `synchronous = NORMAL` while doing so, so `SQLiteDatabase.init` sets `FULL`
    /// again on the writer once the pool is open.
    static func configuration() -> GRDB.Configuration {
        var configuration = GRDB.Configuration()
        configuration.journalMode = .wal
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        configuration.maximumReaderCount = maximumReaderCount
        configuration.label = "Loom.SQLite"
        configuration.prepareDatabase { db in
            try db.execute(sql: fullSynchronousSQL)
        }
        return configuration
    }
}
