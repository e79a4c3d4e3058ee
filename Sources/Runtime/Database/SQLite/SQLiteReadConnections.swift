import Foundation
import GRDB

/// A free list of read-only connections (`SQLiteReadConnection`) to one database file, opened
/// as reads need them, up to a maximum. Taking one never waits: when every connection is in
/// use and no more may be opened, `take` returns `nil` and the caller reads through GRDB's
/// pool instead. Used by `SQLiteKeyReader` and `SQLiteBoundedReader`, each with its own list.
///
/// `@unchecked Sendable`: `path` and `maximumConnectionCount` are immutable; `free`, `opened`
/// and `closed` are read and written only while holding `lock`; a connection is used by the
/// one thread that took it out of `free` until it is put back.
final class SQLiteReadConnections: @unchecked Sendable {
    private let path: String
    private let maximumConnectionCount: Int
    private let lock = NSLock()
    /// Connections not in use.
    private var free: [SQLiteReadConnection] = []
    /// Connections opened so far (free or in use).
    private var opened = 0
    /// Set by `close`: no connection is handed out or kept any more.
    private var closed = false

    init(path: String, maximumConnectionCount: Int) {
        self.path = path
        self.maximumConnectionCount = max(maximumConnectionCount, 1)
    }

    /// `body`'s result on a connection taken for it, or `nil` when none is free or SQLite would
    /// make the read wait (`SQLITE_BUSY`: the connections have no busy timeout; the caller then
    /// takes GRDB's pool, which may wait) or interrupted it (`SQLITE_INTERRUPT`: past a step
    /// budget). The connection is put back, unless it was left in a transaction.
    /// - Throws: GRDB's `DatabaseError` for any other failure (the caller maps it).
    func reading<Result>(_ body: (SQLiteReadConnection) throws -> Result) throws -> Result? {
        guard let connection = try take() else { return nil }
        defer {
            if connection.isInTransaction { discard(connection) } else { putBack(connection) }
        }
        do {
            return try body(connection)
        } catch let error as GRDB.DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_INTERRUPT {
            return nil
        }
    }

    /// A free connection, a newly opened one while fewer than the maximum are open, or `nil`.
    private func take() throws -> SQLiteReadConnection? {
        lock.lock()
        if closed {
            lock.unlock()
            return nil
        }
        if let connection = free.popLast() {
            lock.unlock()
            return connection
        }
        guard opened < maximumConnectionCount else {
            lock.unlock()
            return nil
        }
        opened += 1
        lock.unlock()
        do {
            // No busy timeout: these reads run where nothing may wait.
            return try SQLiteReadConnection(path: path, busyTimeoutMilliseconds: 0)
        } catch {
            lock.withLock { opened -= 1 }
            throw error
        }
    }

    /// Returns a connection taken with `take`.
    private func putBack(_ connection: SQLiteReadConnection) {
        lock.lock()
        if !closed { free.append(connection) }
        lock.unlock()
    }

    /// Closes a connection taken with `take` that must not be reused, making room for a new one.
    private func discard(_ connection: SQLiteReadConnection) {
        lock.withLock { opened -= 1 }
    }

    /// Closes the free connections; connections in use close when they come back.
    func close() {
        lock.lock()
        closed = true
        free.removeAll()
        lock.unlock()
    }
}
