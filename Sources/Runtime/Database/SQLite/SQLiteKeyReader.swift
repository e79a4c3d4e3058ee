import Synchronization
import Foundation

/// Runs reads whose cost is bounded by a key lookup (`DatabaseClient.fetchByKey`) on the
/// calling thread, on its own read-only connections (`SQLiteReadConnection`), instead of
/// hopping to a GRDB dispatch queue and back.
///
/// Why: a `GET /<table>/{id}` costs SQLite a few microseconds (a B-tree descent over pages
/// in the page cache), while GRDB's async `read` costs two thread hops, a `BEGIN`/`COMMIT`
/// pair and GRDB's per-access bookkeeping, together several times the lookup itself.
///
/// Why this is safe although DESIGN.md keeps blocking SQLite work off the event loop:
/// - it never waits for another party: in WAL mode a reader neither takes nor waits for the
///   writer's lock, and taking a connection never blocks: a read takes a free connection of
///   this reader (at most `maximumConnectionCount`, opened on first need), and when none is
///   free it returns `nil` and the caller takes the ordinary async path on GRDB's pool;
/// - its work is bounded: only statements that select by primary key come here, so the work
///   is one index descent, the same order of cost as encoding the response.
/// Its connections have no busy timeout: when SQLite would make a read wait (WAL recovery
/// after a crash, a connection holding the file in exclusive mode), the read returns `nil`
/// and takes the async path on GRDB's pool, whose busy timeout applies there.
///
final class SQLiteKeyReader: Sendable {
    /// The reader's own read-only connections.
    private let connections: SQLiteReadConnections
    /// Held while a statement runs on any of this reader's connections (`enterReadSection`).
    private let gate = Atomic<Bool>(false)

    /// Creates the reader of the database file at `path`; it opens up to
    /// `maximumConnectionCount` connections, as reads need them.
    init(path: String, maximumConnectionCount: Int) {
        connections = SQLiteReadConnections(path: path, maximumConnectionCount: maximumConnectionCount)
    }

    /// Runs `statement` inline when a connection is free (or may still be opened), otherwise
    /// returns `nil` and the caller takes the async path.
    /// - Throws: GRDB's `DatabaseError` (the caller maps it).
    func rowsIfConnectionFree(of statement: SQLStatement) throws -> [SQLRow]? {
        try connections.reading { connection in
            enterReadSection()
            defer { gate.store(false, ordering: .releasing) }
            return try connection.rows(of: statement)
        }
    }

    /// Lets one thread at a time run a statement on this reader's connections.
    ///
    /// Why: beginning a read in WAL mode takes SQLite's process-wide mutex of the WAL index and,
    /// under it, `fcntl` locks. Two event loops reading at once contended for that mutex, and a
    /// contended pthread mutex sleeps in the kernel and is woken by the other thread: about 0.3
    /// futex calls and context switches per GET by id. Here the second thread yields its core
    /// until the first is done instead (a key read is a few microseconds and never waits:
    /// the connections have no busy timeout). Measured A/B, 4 alternating rounds of
    /// `Benchmarks/profile get_by_id`: 72,600–73,600 against 68,700–70,300 requests/s.
    private func enterReadSection() {
        while !gate.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            sched_yield()
        }
    }

    /// Closes the free connections; connections in use close when they come back.
    func close() {
        connections.close()
    }
}
