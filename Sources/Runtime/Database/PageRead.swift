/// The reads of one list page (`DatabaseClient.fetchPage`): the page, its expansions and its
/// total in one snapshot and, for a page past the first, how to start it at a row whose place in
/// the order is known instead of walking every row before it; and which statement is the total,
/// which need not be counted again while the database is unchanged.
///
/// SQLite has no positions in its b-trees: `LIMIT 20 OFFSET 5000` steps through 5,000 index
/// entries (or table rows) before the first row it returns, so a deep page costs as much as all
/// the pages before it (Benchmarks/README.md, "Stop 36"). A client that pages by offset names
/// the same positions again and again (the next page, the same page reloaded). `SQLiteDatabase`
/// remembers, per read connection, the sort keys of the rows at the offsets its pages began and
/// ended at, and the totals it counted, while the database is unchanged (`SQLiteListMemory`),
/// and starts a later page at the nearest remembered row before it (`seek`).
public struct PageRead: Sendable {
    /// The page (one row more than the limit), its expansions and its count, as
    /// `fetchSnapshot` runs them.
    public var statements: [SQLStatement]
    /// Whether SQLite counts all their work in virtual machine steps
    /// (`DatabaseClient.fetchSnapshot(_:boundedBySteps:)`).
    public var boundedBySteps: Bool
    /// How to start the page at a known row; `nil` where no engine can.
    var seek: PageSeek?
    /// The list's `COUNT(*)`, one of `statements`, whose rows a client may take from an
    /// earlier run while the database is unchanged.
    var total: SQLStatement?
    /// Whether every statement is bounded by steps but `total`, a `COUNT(*)` without a
    /// condition, whose work is reading every page of the table (or its smallest index) in one
    /// step: bounded by the size of the database, which a client may check first.
    var countsWholeTable = false

    /// A read without a seek.
    public init(statements: [SQLStatement], boundedBySteps: Bool) {
        self.statements = statements
        self.boundedBySteps = boundedBySteps
    }

    init(statements: [SQLStatement], boundedBySteps: Bool, seek: PageSeek?, total: SQLStatement?, countsWholeTable: Bool) {
        self.statements = statements
        self.boundedBySteps = boundedBySteps
        self.seek = seek
        self.total = total
        self.countsWholeTable = countsWholeTable && total != nil
    }
}

/// How a list page at `offset` can start at a row whose sort keys are known.
struct PageSeek: Sendable {
    /// What names the ordered rows the page is cut from: the page's conditions and order
    /// (`FROM ... WHERE ... ORDER BY ...`, without limit and offset) with their binds. Two
    /// requests with equal shapes page through the same sequence of rows of one snapshot.
    let shape: SQLStatement
    /// The requested offset in that sequence.
    let offset: Int
    /// Rows the page statement fetches (the limit and one more).
    let fetched: Int
    /// Positions of the sort keys in the page's select list (they include the primary key, so
    /// a key is a row's place in a total order).
    let keyIndexes: [Int]
    /// `statements` with the page reading from the row whose sort keys are `key` (that row
    /// included) and skipping `skip` rows.
    let statements: @Sendable (_ key: [SQLValue], _ skip: Int) -> [SQLStatement]

    /// The sort keys of `row`, a row of the page.
    func key(of row: SQLRow) -> [SQLValue] {
        keyIndexes.map { row.values[$0] }
    }
}
