import Foundation
import GRDB

/// Runs reads whose cost is bounded by a key lookup (`DatabaseClient.fetchByKey`) on the
/// calling thread, on one of the pool's reader connections, instead of hopping to a GRDB
/// dispatch queue and back.
///
/// Why: a `GET /<table>/{id}` costs SQLite a few microseconds (a B-tree descent over pages
/// in the page cache), while the two thread hops of GRDB's async `read` (to the reader queue
/// and back to the cooperative pool) cost more CPU than the lookup itself and made a
/// record read four times as expensive as a `/health/live` answer.
///
/// Why this is safe although DESIGN.md keeps blocking SQLite work off the event loop:
/// - it never runs on the event loop: Hummingbird runs handlers in tasks on Swift's cooperative
///   pool, and NIO's event loops only move bytes;
/// - it never waits for another party: in WAL mode a reader neither takes nor waits for the
///   writer's lock, and taking a reader connection never blocks here: every read of the pool
///   is counted (`counting`), and a read runs inline only while fewer reads than connections
///   are in progress, so a connection is free for it and for every read already waiting
///   (a read beyond that takes the ordinary async path);
/// - its work is bounded: only statements that select by primary key come here, so the work
///   is one index descent, the same order of cost as encoding the response.
/// The remaining wait is SQLite's own busy handler during WAL recovery after a crash, which
/// also applies on GRDB's queues and ends within the configured timeout.
///
/// `@unchecked Sendable`: `pool` is `Sendable`, `connectionCount` is immutable, and `running`
/// is read and written only while holding `lock`.
final class SQLiteKeyReader: @unchecked Sendable {
    private let pool: DatabasePool
    private let connectionCount: Int
    private let lock = NSLock()
    /// Reads of the pool in progress or waiting for a connection, inline or async.
    private var running = 0

    /// Creates the reader over `pool`, which has `maximumReaderCount` reader connections.
    init(pool: DatabasePool, maximumReaderCount: Int) {
        self.pool = pool
        self.connectionCount = max(maximumReaderCount, 1)
    }

    /// Runs an async read of the pool, counting it so inline reads know when to stay away.
    func counting<T>(_ body: () async throws -> T) async rethrows -> T {
        enter()
        defer { leave() }
        return try await body()
    }

    /// Runs `statement` inline when a reader connection is certainly free, otherwise returns
    /// `nil` and the caller takes the async path.
    func rowsIfReaderFree(of statement: SQLStatement) throws -> [SQLRow]? {
        let previous = enter()
        defer { leave() }
        guard previous < connectionCount else { return nil }
        // One statement is atomic in SQLite, so it needs no explicit read transaction:
        // `unsafeRead` skips GRDB's BEGIN/COMMIT pair without weakening what the caller sees.
        return try pool.unsafeRead { db in try SQLiteStatementRunner.rows(of: statement, in: db) }
    }

    /// Counts a read in; returns how many were in progress before it.
    @discardableResult
    private func enter() -> Int {
        lock.lock()
        defer { lock.unlock() }
        running += 1
        return running - 1
    }

    private func leave() {
        lock.lock()
        running -= 1
        lock.unlock()
    }
}
