import Synchronization

/// Runs the reads of a list page (`fetchSnapshot(_:boundedBySteps:)`: the page, its
/// expansions and its total) on the calling task's thread, on its own read-only connections, as
/// long as they stay within a bounded amount of SQLite work; past it they are interrupted and
/// the caller runs them again through GRDB's pool.
///
/// Why: through GRDB's pool a read checks a connection out (semaphore and lock), hops to the
/// connection's dispatch queue and back, validates GRDB's schema cache and boxes every column:
/// for a page of 20 those hops and their wake-ups were the largest share of the server's time
/// after SQLite itself (Benchmarks/README.md, "Stop 34").
///
/// Why this may run on a cooperative thread: it never waits (a connection is taken only when
/// free, and has no busy timeout: a read SQLite would make wait returns `nil` and takes the
/// pool), and its work is bounded: SQLite's progress handler interrupts the statements of a
/// read once they have run `stepBudget` virtual machine instructions together (about a
/// millisecond at most). The budget counts instructions, so only statements whose work SQLite
/// counts that way come here (`boundedBySteps`): not a full-text match (its index is read
/// inside one), and a `COUNT(*)` without a condition (one instruction that walks every page of
/// the table) only in a database of at most `maximumCountedPages` pages and once per connection
/// and database version (`SQLiteListMemory` remembers it). Those pages are mostly in SQLite's
/// page cache; a cold cache makes the first count read them from the file. A read that needs more than the budget (a sort of many rows, a scan on an
/// unindexed filter) pays the bounded attempt once more and runs on GRDB's readers, where long
/// work belongs.
///
/// Unlike `SQLiteKeyReader` it does not take the key reader's gate: its reads are longer than
/// a key lookup and must not hold event loops waiting for it.
final class SQLiteBoundedReader: Sendable {
    /// Virtual machine instructions the statements of one read may run together before they
    /// are interrupted: about a millisecond at most on the benchmark machine. A count of an organization's 10,000 rows
    /// through its tenant index takes 30,000 (about 300 µs), a page at offset 10,000 of them
    /// 50,000, a public page at that offset 20,000.
    static let stepBudget: Int32 = 100_000

    /// The largest database (in pages) in which a list's total of a whole table
    /// (`PageRead.countsWholeTable`, one step that reads every page of the table) runs here:
    /// 8,192 pages (32 MiB at SQLite's 4 KiB pages) take about a millisecond to walk. In a larger
    /// database such a read runs on GRDB's readers.
    static let maximumCountedPages: Int64 = 8_192

    private let connections: SQLiteReadConnections
    private let stepBudget: Int32

    private let maximumCountedPages: Int64

    init(
        path: String, maximumConnectionCount: Int, stepBudget: Int32 = SQLiteBoundedReader.stepBudget,
        maximumCountedPages: Int64 = SQLiteBoundedReader.maximumCountedPages
    ) {
        connections = SQLiteReadConnections(path: path, maximumConnectionCount: maximumConnectionCount)
        self.stepBudget = stepBudget
        self.maximumCountedPages = maximumCountedPages
    }

    /// The rows of each statement, read in one transaction (one WAL snapshot), or `nil` when
    /// no connection is free, SQLite would have to wait, or a statement ran past the budget.
    /// - Throws: GRDB's `DatabaseError` (the caller maps it).
    func rowsIfWithinBudget(of statements: [SQLStatement]) throws -> [[SQLRow]]? {
        try rowsIfWithinBudget(of: PageRead(statements: statements, boundedBySteps: true))
    }

    /// `rowsIfWithinBudget(of:)` of a list page's statements, the page starting at the nearest
    /// row the connection remembers before its offset (`SQLiteReadConnection.snapshotRows(of:stepBudget:)`).
    /// A read that counts a whole table (`PageRead.countsWholeTable`) in a database a read found
    /// larger than `maximumCountedPages` is handed back at once, without taking a connection,
    /// until a read finds it small again (every `countedPagesRecheck`th such read looks).
    func rowsIfWithinBudget(of read: PageRead) throws -> [[SQLRow]]? {
        if read.countsWholeTable && !read.boundedBySteps {
            let (pages, asked) = largeDatabase.withLock { state in
                state.asked &+= 1
                return (state.pages, state.asked)
            }
            if pages > maximumCountedPages && asked % Self.countedPagesRecheck != 0 { return nil }
        }
        return try connections.reading { connection in
            defer {
                if let pages = connection.pageCount { largeDatabase.withLock { $0.pages = pages } }
            }
            return try connection.snapshotRows(of: read, stepBudget: stepBudget, maximumCountedPages: maximumCountedPages)
        }
    }

    /// How often a whole-table count in a database found too large looks at its size again.
    static let countedPagesRecheck = 1_000
    /// The database's size in pages when a read last looked, and the whole-table counts asked since.
    private let largeDatabase = Mutex<(pages: Int64, asked: Int)>((0, 0))

    /// Closes the free connections; connections in use close when they come back.
    func close() {
        connections.close()
    }
}
