import GRDB
import QueryGrammar
import Testing

@testable import Runtime

/// Pages started at a remembered row (`PageRead`, `SQLiteListMemory`): exactly the rows the
/// plain statement reads, for every order (nulls first and last, descending, ties broken by the
/// primary key), forgotten as soon as anything is committed, and bounded.
@Suite("SQLite list pages started at remembered rows")
struct SQLiteListMemoryTests {
    /// `children` of `RelationSQLTests.child`: 300 rows whose names repeat (ties) and are null
    /// for every seventh row.
    static func filled(_ database: SQLiteDatabase) async throws {
        _ = try await database.write([
            SQLStatement(#"CREATE TABLE "children" ("id" INTEGER PRIMARY KEY, "parent_id" INTEGER, "name" TEXT)"#),
            SQLStatement(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
                INSERT INTO "children" SELECT i, i % 3, CASE WHEN i % 7 = 0 THEN NULL ELSE 'name ' || (i % 11) END FROM n
                """),
        ])
    }

    /// Runs `body` with a filled database and a read connection of its own to it.
    static func withConnection(_ body: (SQLiteDatabase, SQLiteReadConnection) async throws -> Void) async throws {
        try await SQLiteTestSupport.withDatabase { database, path in
            try await filled(database)
            try await body(database, try SQLiteReadConnection(path: path, busyTimeoutMilliseconds: 0))
        }
    }

    static let orders: [[SortKey]] = [
        [],
        [SortKey(field: "name", descending: false)],
        [SortKey(field: "name", descending: true)],
        [SortKey(field: "name", descending: false, nulls: .first)],
        [SortKey(field: "name", descending: true, nulls: .last), SortKey(field: "id", descending: true)],
    ]

    static func read(_ sort: [SortKey], offset: Int, limit: Int = 20, filter: String? = nil, total: Bool = false) throws -> ListStatements {
        let query = ListQuery(
            limit: limit, offset: offset, filters: [], filter: try filter.map { try FilterParser.parse($0) }, sort: sort, countTotal: total)
        return try ResolvedStatements(RelationSQLTests.child, dialect: .sqlite).list(query)
    }

    /// The rows the plain statements read through GRDB's pool.
    static func plain(_ statements: ListStatements, in database: SQLiteDatabase) async throws -> [[SQLValue]] {
        try await database.fetchSnapshot(statements.all)[0].map(\.values)
    }

    @Test("every order and offset: a page started at a remembered row has the plain statement's rows; the next page starts at its look-ahead row")
    func sameRows() async throws {
        try await Self.withConnection { database, connection in
            for sort in Self.orders {
                for offset in [1, 19, 20, 40, 57, 200, 220, 280, 299, 300, 320] {
                    let statements = try Self.read(sort, offset: offset, filter: offset == 57 ? "parent_id = 1" : nil)
                    let expected = try await Self.plain(statements, in: database)
                    let first = try connection.snapshotRows(of: statements.read, stepBudget: SQLiteBoundedReader.stepBudget)
                    #expect(first[0].map(\.values) == expected, "\(sort) at \(offset), first read")
                    if !expected.isEmpty {
                        let seek = try #require(statements.read.seek)
                        #expect(connection.memory.nearest(in: seek.shape, atMost: offset)?.offset == offset, "\(sort) at \(offset) remembered")
                    }
                    let again = try connection.snapshotRows(of: statements.read, stepBudget: SQLiteBoundedReader.stepBudget)
                    #expect(again[0].map(\.values) == expected, "\(sort) at \(offset), started at its own first row")
                    for later in [offset + 20, offset + 33] {
                        let next = try Self.read(sort, offset: later, filter: offset == 57 ? "parent_id = 1" : nil)
                        let rows = try connection.snapshotRows(of: next.read, stepBudget: SQLiteBoundedReader.stepBudget)
                        #expect(rows[0].map(\.values) == (try await Self.plain(next, in: database)), "\(sort) at \(later) after \(offset)")
                    }
                }
            }
        }
    }

    @Test("a first page remembers its look-ahead row for the second; a page started at a remembered row that runs past the budget forgets its shape")
    func firstPageAndInterrupts() async throws {
        try await Self.withConnection { database, connection in
            let first = try Self.read([], offset: 0)
            let seek = try #require(first.read.seek)
            _ = try connection.snapshotRows(of: first.read, stepBudget: SQLiteBoundedReader.stepBudget)
            #expect(connection.memory.nearest(in: seek.shape, atMost: 20)?.key == [.integer(21)])
            let deep = try Self.read([], offset: 100)
            _ = try connection.snapshotRows(of: deep.read, stepBudget: SQLiteBoundedReader.stepBudget)
            #expect(connection.memory.nearest(in: seek.shape, atMost: 100)?.offset == 100)
            #expect(throws: GRDB.DatabaseError.self) {
                try connection.snapshotRows(of: deep.read, stepBudget: 1)
            }
            #expect(connection.memory.nearest(in: seek.shape, atMost: 100) == nil, "interrupted after a seek: the shape is forgotten")
        }
    }

    @Test("the bounded reader hands back a whole-table total at once in a database it found too large")
    func largeDatabase() async throws {
        try await SQLiteTestSupport.withDatabase { database, path in
            try await Self.filled(database)
            let reader = SQLiteBoundedReader(path: path, maximumConnectionCount: 1, maximumCountedPages: 1)
            defer { reader.close() }
            let whole = try Self.read([], offset: 20, total: true)
            #expect(try reader.rowsIfWithinBudget(of: whole.read) == nil, "found too large")
            #expect(try reader.rowsIfWithinBudget(of: whole.read) == nil, "known too large")
            let filtered = try Self.read([], offset: 20, filter: "parent_id = 1", total: true)
            #expect(try reader.rowsIfWithinBudget(of: filtered.read)?.last?.first?.values == [.integer(100)], "a total with a condition still answers")
            #expect(try await database.fetchPage(whole.read).last?.first?.values == [.integer(300)], "the pool answers")
        }
    }

    @Test("a commit forgets every position: rows inserted or deleted before the page move it, as the plain statement does")
    func forgottenOnCommit() async throws {
        try await Self.withConnection { database, connection in
            let statements = try Self.read([], offset: 100)
            let seek = try #require(statements.read.seek)
            let before = try connection.snapshotRows(of: statements.read, stepBudget: SQLiteBoundedReader.stepBudget)[0]
            #expect(before.first?.values.first == .integer(101))
            _ = try await database.write([SQLStatement(#"DELETE FROM "children" WHERE "id" <= 5"#)])
            let after = try connection.snapshotRows(of: statements.read, stepBudget: SQLiteBoundedReader.stepBudget)[0]
            #expect(after.first?.values.first == .integer(106), "the page moved by the five deleted rows")
            #expect(after.map(\.values) == (try await Self.plain(statements, in: database)))
            _ = try await database.write([SQLStatement(#"INSERT INTO "children" VALUES (-1, 0, 'early'), (-2, 0, 'earlier')"#)])
            let inserted = try connection.snapshotRows(of: statements.read, stepBudget: SQLiteBoundedReader.stepBudget)[0]
            #expect(inserted.first?.values.first == .integer(104))
            #expect(connection.memory.nearest(in: seek.shape, atMost: 100)?.key == [.integer(104)], "remembered again under the new version")
        }
    }

    @Test("a total is counted once per database version: taken from memory until a commit, then counted again")
    func totals() async throws {
        try await Self.withConnection { database, connection in
            let statements = try Self.read([], offset: 40, filter: "parent_id = 1", total: true)
            let count = try #require(statements.read.total)
            #expect(count == statements.all.last)
            let first = try connection.snapshotRows(of: statements.read, stepBudget: SQLiteBoundedReader.stepBudget)
            #expect(first.last?.first?.values == [.integer(100)])
            #expect(connection.memory.total(count)?.first?.values == [.integer(100)], "remembered")
            let again = try connection.snapshotRows(of: statements.read, stepBudget: SQLiteBoundedReader.stepBudget)
            #expect(again.last?.first?.values == [.integer(100)])
            #expect(again[0].map(\.values) == (try await Self.plain(statements, in: database)))
            _ = try await database.write([SQLStatement(#"DELETE FROM "children" WHERE "id" IN (1, 4, 5)"#)])
            let after = try connection.snapshotRows(of: statements.read, stepBudget: SQLiteBoundedReader.stepBudget)
            #expect(after.last?.first?.values == [.integer(98)], "two rows of parent 1 deleted")
            #expect(after.map { $0.map(\.values) } == (try await database.fetchSnapshot(statements.all)).map { $0.map(\.values) })
            #expect(try ResolvedStatements(RelationSQLTests.child, dialect: .postgres).list(
                ListQuery(limit: 20, offset: 40, filters: [])).read.total == nil, "PostgreSQL reads remember nothing")
        }
    }

    @Test("a total of the whole table is counted on the bounded connection in a small database, once per version; in a larger one the read is handed back")
    func wholeTableTotals() async throws {
        try await Self.withConnection { database, connection in
            let statements = try Self.read([], offset: 20, total: true)
            #expect(statements.boundedBySteps == false && statements.read.countsWholeTable)
            let count = try #require(statements.read.total)
            #expect(throws: GRDB.DatabaseError.self, "a database of more pages than allowed") {
                try connection.snapshotRows(of: statements.read, stepBudget: SQLiteBoundedReader.stepBudget, maximumCountedPages: 1)
            }
            #expect(connection.isInTransaction == false)
            let counted = try connection.snapshotRows(of: statements.read, stepBudget: SQLiteBoundedReader.stepBudget)
            #expect(counted.last?.first?.values == [.integer(300)])
            #expect(connection.memory.total(count)?.first?.values == [.integer(300)])
            let remembered = try connection.snapshotRows(
                of: statements.read, stepBudget: SQLiteBoundedReader.stepBudget, maximumCountedPages: 1)
            #expect(remembered.map { $0.map(\.values) } == counted.map { $0.map(\.values) }, "the remembered total needs no count")
            #expect(try await database.fetchPage(statements.read).map { $0.map(\.values) } == counted.map { $0.map(\.values) })
            let searched = try Self.read([], offset: 20, filter: "name = 'name 3'", total: true)
            #expect(searched.boundedBySteps && searched.read.countsWholeTable == false)
        }
    }

    @Test("positions are per shape (conditions and binds), the first row is never a start, and each shape holds a bounded number")
    func bounded() throws {
        var positions = SQLiteListMemory()
        positions.databaseVersion(.integer(1))
        let seek = try #require(try Self.read([], offset: 40).read.seek)
        let other = try #require(try Self.read([], offset: 40, filter: "parent_id = 2").read.seek)
        #expect(seek.shape != other.shape)
        let page = (41...61).map { SQLRow(values: [.integer(Int64($0)), .null, .null]) }
        positions.remember(page, of: seek)
        #expect(positions.nearest(in: seek.shape, atMost: 39) == nil)
        #expect(positions.nearest(in: seek.shape, atMost: 45)?.offset == 40)
        #expect(positions.nearest(in: seek.shape, atMost: 75)?.key == [.integer(61)], "the look-ahead row at offset 60")
        #expect(positions.nearest(in: other.shape, atMost: 45) == nil)
        positions.databaseVersion(.integer(1))
        #expect(positions.nearest(in: seek.shape, atMost: 45) != nil, "the same version keeps them")
        positions.databaseVersion(.integer(2))
        #expect(positions.nearest(in: seek.shape, atMost: 45) == nil, "another version forgets them")
        for offset in stride(from: 1, through: SQLiteListMemory.maximumPositions, by: 1) {
            let statements = try Self.read([], offset: offset, limit: 1)
            positions.remember([SQLRow(values: [.integer(Int64(offset + 1)), .null, .null])], of: try #require(statements.read.seek))
        }
        #expect(positions.nearest(in: seek.shape, atMost: SQLiteListMemory.maximumPositions)?.offset == SQLiteListMemory.maximumPositions)
        #expect(positions.nearest(in: seek.shape, atMost: 10) == nil, "the full shape was dropped and started again")
        let byName = try #require(try Self.read([SortKey(field: "name", descending: false)], offset: 40).read.seek)
        let long = String(repeating: "n", count: SQLiteListMemory.maximumKeyBytes + 1)
        positions.remember([SQLRow(values: [.integer(7), .null, .text(long)])], of: byName)
        #expect(positions.nearest(in: byName.shape, atMost: 40) == nil, "a key longer than maximumKeyBytes is not kept")
        positions.remember([SQLRow(values: [.integer(7), .null, .text("short")])], of: byName)
        #expect(positions.nearest(in: byName.shape, atMost: 40)?.key == [.text("short"), .integer(7)])
    }
}
