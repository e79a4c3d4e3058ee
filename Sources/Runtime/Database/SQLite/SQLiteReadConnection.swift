import GRDB
import GRDBSQLite

/// One read-only SQLite connection driven through the C API, with its statements prepared
/// once and kept (up to `maximumPreparedStatements`): the connection of `SQLiteKeyReader`'s
/// inline primary-key reads and of `SQLiteBoundedReader`'s list reads.
///
/// Why not a GRDB reader: every GRDB read access checks a pool connection out (semaphore and
/// lock), enters the connection's dispatch queue, runs `PRAGMA schema_version` to validate
/// GRDB's schema cache, and boxes each column in a `Row`/`DatabaseValue`: together several
/// times the cost of the one B-tree descent a key read needs. Here a read is: find the cached
/// statement, bind, step, copy the columns into `SQLValue`s, reset. Loom's schema changes
/// only while migrating, before serving, and SQLite re-prepares a statement by itself if the
/// schema ever changed under it.
///
/// The connection is opened `SQLITE_OPEN_READONLY` on the file the pool keeps in WAL mode,
/// so it reads committed data only and never takes the writer's lock. A statement runs in
/// autocommit mode (one statement is atomic: it reads one WAL snapshot), several of one read (or
/// one whose list memory is used) in one `BEGIN`/`COMMIT` (`snapshotRows`); each is reset as soon as its rows are copied, so no
/// read transaction stays open between requests.
///
/// `@unchecked Sendable`: `SQLiteReadConnections` hands a connection to one thread at a time (it is
/// checked out of a lock-protected free list), and SQLite connections may move between
/// threads when used by one at a time (multi-thread mode, `SQLITE_OPEN_NOMUTEX`).
final class SQLiteReadConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    /// Prepared statements by SQL text (at most `maximumPreparedStatements`).
    private var statements: [String: OpaquePointer] = [:]

    /// Opens `path` read-only. Blocks briefly (a file open); done once per connection.
    /// - Throws: GRDB's `DatabaseError` (mapped by the caller) when the file cannot be opened.
    init(path: String, busyTimeoutMilliseconds: Int32) throws {
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_close_v2(connection)
            throw GRDB.DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, busyTimeoutMilliseconds)
        handle = connection
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs `statement` and returns every row, like `SQLiteStatementRunner.rows` on GRDB.
    func rows(of statement: SQLStatement) throws -> [SQLRow] {
        try rowsAndSteps(of: statement).rows
    }

    /// `rows(of:)` and the virtual machine instructions the run took.
    private func rowsAndSteps(of statement: SQLStatement) throws -> (rows: [SQLRow], steps: Int32) {
        let prepared = try preparedStatement(statement.sql)
        defer { sqlite3_reset(prepared) }
        // SQLite times the progress handler from the statement's step count summed over every
        // run of the prepared statement: counted from zero, a budget holds per run.
        sqlite3_stmt_status(prepared, SQLITE_STMTSTATUS_VM_STEP, 1)
        try bind(statement, to: prepared)
        let columnCount = sqlite3_column_count(prepared)
        var rows: [SQLRow] = []
        while true {
            let code = sqlite3_step(prepared)
            if code == SQLITE_DONE { return (rows, sqlite3_stmt_status(prepared, SQLITE_STMTSTATUS_VM_STEP, 0)) }
            guard code == SQLITE_ROW else { throw failure(code, sql: statement.sql) }
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                values.append(try SQLiteColumnValue.read(prepared, column: column, sql: statement.sql))
            }
            rows.append(SQLRow(values: values))
        }
    }

    /// Runs `statements` in one read transaction, so they read one WAL snapshot (one statement
    /// alone is atomic and needs none), interrupted by SQLite (`SQLITE_INTERRUPT`, thrown) once
    /// they have run about `stepBudget` virtual machine instructions together.
    func snapshotRows(of statements: [SQLStatement], stepBudget: Int32) throws -> [[SQLRow]] {
        try snapshotRows(of: PageRead(statements: statements, boundedBySteps: true), stepBudget: stepBudget)
    }

    /// `snapshotRows(of:stepBudget:)` of a list page's statements. With a seek or a total, the
    /// transaction first reads `PRAGMA data_version`, which changes whenever another connection
    /// has committed since this one last read: what `memory` holds is true of this snapshot only
    /// while it is unchanged. The page then starts at the nearest remembered row at or before its
    /// offset, the total is taken from memory when counted before, and the rows the page begins
    /// and ends at and the total are remembered. A total of a whole table (`countsWholeTable`)
    /// not in memory is counted here only in a database of at most `maximumCountedPages` pages;
    /// in a larger one the read is interrupted.
    func snapshotRows(
        of read: PageRead, stepBudget: Int32, maximumCountedPages: Int64 = SQLiteBoundedReader.maximumCountedPages
    ) throws -> [[SQLRow]] {
        defer { sqlite3_progress_handler(handle, 0, nil, nil) }
        var remaining = stepBudget
        func budgeted(_ statement: SQLStatement) throws -> [SQLRow] {
            guard remaining > 0 else {
                throw GRDB.DatabaseError(resultCode: .SQLITE_INTERRUPT, message: "step budget spent", sql: statement.sql)
            }
            sqlite3_progress_handler(handle, remaining, { _ in 1 }, nil)
            let (rows, steps) = try rowsAndSteps(of: statement)
            remaining -= steps
            return rows
        }
        let remembers = read.seek != nil || read.total != nil
        guard read.statements.count > 1 || remembers else { return try read.statements.map(budgeted) }
        // The shape whose remembered row the page started at, if it did.
        var sought: SQLStatement? = nil
        try execute("BEGIN")
        do {
            var statements = read.statements
            if remembers {
                memory.databaseVersion(try rows(of: Self.dataVersion).first?.values.first ?? .null)
            }
            let rememberedTotal = read.total.flatMap { memory.total($0) }
            if read.countsWholeTable, let total = read.total, rememberedTotal == nil {
                guard case .integer(let pages) = try rows(of: Self.pageCount).first?.values.first else {
                    throw GRDB.DatabaseError(resultCode: .SQLITE_INTERRUPT, message: "no page count", sql: total.sql)
                }
                pageCount = pages
                guard pages <= maximumCountedPages else {
                    throw GRDB.DatabaseError(resultCode: .SQLITE_INTERRUPT, message: "the database is too large to count a table here", sql: total.sql)
                }
            }
            if let seek = read.seek, let start = memory.nearest(in: seek.shape, atMost: seek.offset) {
                statements = seek.statements(start.key, seek.offset - start.offset)
                sought = seek.shape
            }
            var counted: [SQLRow]? = nil
            let results = try statements.map { statement in
                guard statement == read.total else { return try budgeted(statement) }
                if let rememberedTotal { return rememberedTotal }
                let rows = try budgeted(statement)
                counted = rows
                return rows
            }
            try execute("COMMIT")
            if let seek = read.seek, let page = results.first { memory.remember(page, of: seek) }
            if let total = read.total, let counted { memory.remember(total: counted, of: total) }
            return results
        } catch {
            // Ends the read transaction if the failure left it open (an interrupt may already have).
            sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            // A page started at a remembered row that ran past the budget (a keyset over several
            // keys may be planned worse than the plain walk): that shape starts from its
            // conditions again rather than being interrupted the same way on every request.
            if let sought { memory.forget(sought) }
            throw error
        }
    }

    /// Where recent pages of this connection began and ended, and the totals it counted, while
    /// the database is unchanged.
    private(set) var memory = SQLiteListMemory()
    /// The database's size in pages when a read last looked (`PRAGMA page_count`), else `nil`.
    private(set) var pageCount: Int64? = nil
    private static let dataVersion = SQLStatement("PRAGMA data_version")
    private static let pageCount = SQLStatement("PRAGMA page_count")

    /// Whether a read transaction is open (a failed `ROLLBACK`): such a connection is not reused.
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    private func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw failure(code, sql: sql) }
    }

    /// Most prepared statements kept: the key reader's come from the generated, fixed set, but
    /// list statements vary with the shape of each request's filter.
    static let maximumPreparedStatements = 256

    private func preparedStatement(_ sql: String) throws -> OpaquePointer {
        if let prepared = statements[sql] { return prepared }
        if statements.count >= Self.maximumPreparedStatements {
            for statement in statements.values { sqlite3_finalize(statement) }
            statements.removeAll(keepingCapacity: true)
        }
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK, let prepared else { throw failure(code, sql: sql) }
        statements[sql] = prepared
        return prepared
    }

    private func bind(_ statement: SQLStatement, to prepared: OpaquePointer) throws {
        guard sqlite3_bind_parameter_count(prepared) == Int32(statement.binds.count) else {
            throw GRDB.DatabaseError(
                resultCode: .SQLITE_MISUSE,
                message: "\(statement.binds.count) values for the parameters of `\(statement.sql)`",
                sql: statement.sql
            )
        }
        for (offset, value) in statement.binds.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(prepared, index)
            case .integer(let integer): code = sqlite3_bind_int64(prepared, index, integer)
            case .double(let double): code = sqlite3_bind_double(prepared, index, double)
            case .bool(let bool): code = sqlite3_bind_int64(prepared, index, bool ? 1 : 0)
            default:
                // Text storage (uuid, timestamp, date, json, text) exactly as the GRDB path binds it.
                guard case .string(let text) = SQLiteValueConversion.databaseValue(for: value).storage else {
                    code = SQLITE_MISMATCH
                    break
                }
                code = sqlite3_bind_text(prepared, index, text, Int32(text.utf8.count), Self.transient)
            }
            guard code == SQLITE_OK else { throw failure(code, sql: statement.sql) }
        }
    }

    private func failure(_ code: Int32, sql: String) -> GRDB.DatabaseError {
        GRDB.DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// `SQLITE_TRANSIENT`: SQLite copies bound text before `sqlite3_bind_text` returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
}
