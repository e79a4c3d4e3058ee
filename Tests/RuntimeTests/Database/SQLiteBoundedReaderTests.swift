import Foundation
import GRDB
import Testing

@testable import Runtime

/// Request reads on the calling thread (`SQLiteBoundedReader`): the same rows as GRDB's pool,
/// one snapshot for several statements, and a read past the step budget handed back (`nil`)
/// with the connection left usable; `SQLiteDatabase` then answers through the pool.
@Suite("SQLite bounded reads on their own connections")
struct SQLiteBoundedReaderTests {
    /// A database with `count` rows in `things`.
    static func filled(_ database: SQLiteDatabase, count: Int) async throws {
        _ = try await database.write([
            SQLStatement("CREATE TABLE things (id INTEGER PRIMARY KEY, label TEXT NOT NULL)"),
            SQLStatement(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) INSERT INTO things SELECT i, 'row ' || i FROM n",
                [.integer(Int64(count))]),
        ])
    }

    /// Runs `body` with a database of `rows` rows in `things` and a bounded reader of one
    /// connection with `stepBudget`.
    static func withReader(
        rows: Int, stepBudget: Int32 = SQLiteBoundedReader.stepBudget, _ body: (SQLiteDatabase, SQLiteBoundedReader) async throws -> Void
    ) async throws {
        try await SQLiteTestSupport.withDatabase { database, path in
            try await filled(database, count: rows)
            let reader = SQLiteBoundedReader(path: path, maximumConnectionCount: 1, stepBudget: stepBudget)
            defer { reader.close() }
            try await body(database, reader)
        }
    }

    @Test("a page and its count read within the budget equal the pool's, in one statement list")
    func withinBudget() async throws {
        try await Self.withReader(rows: 2_000) { database, reader async throws in
            let statements = [
                SQLStatement("SELECT id, label FROM things ORDER BY id LIMIT ? OFFSET ?", [.integer(21), .integer(1_500)]),
                SQLStatement("SELECT COUNT(*) FROM things WHERE label <> ?", [.text("row 7")]),
            ]
            let bounded = try #require(try reader.rowsIfWithinBudget(of: statements))
            let pooled = try await database.pool.read { db in try statements.map { try SQLiteStatementRunner.rows(of: $0, in: db) } }
            #expect(bounded.map { $0.map(\.values) } == pooled.map { $0.map(\.values) })
            #expect(bounded[0].count == 21 && bounded[1].first?.values == [.integer(1_999)])
            #expect(try await database.fetchSnapshot(statements, boundedBySteps: true).map { $0.map(\.values) } == pooled.map { $0.map(\.values) })
        }
    }

    @Test("a read past the budget is interrupted and handed back; the connection stays usable and the database answers through the pool")
    func pastBudget() async throws {
        try await Self.withReader(rows: 5_000, stepBudget: 1_000) { database, reader async throws in
            let scan = SQLStatement("SELECT COUNT(*) FROM things WHERE label LIKE ?", [.text("%9%")])
            #expect(try reader.rowsIfWithinBudget(of: [SQLStatement("SELECT 1"), scan]) == nil)
            #expect(try reader.rowsIfWithinBudget(of: [scan]) == nil)
            let small = SQLStatement("SELECT label FROM things WHERE id = ?", [.integer(42)])
            #expect(try reader.rowsIfWithinBudget(of: [small, small])?.map { $0.map(\.values) } == [[[.text("row 42")]], [[.text("row 42")]]],
                "no read transaction was left open by the interrupt")
            let expected = try await database.pool.read { db in try SQLiteStatementRunner.rows(of: scan, in: db) }
            #expect(try await database.fetchSnapshot([scan], boundedBySteps: true)[0].map(\.values) == expected.map(\.values))
        }
    }

    @Test("the budget holds for each run of a statement, not for its runs together")
    func budgetPerRun() async throws {
        try await Self.withReader(rows: 3_000, stepBudget: 30_000) { database, reader async throws in
            let scan = SQLStatement("SELECT COUNT(*) FROM things WHERE label <> ?", [.text("none")])
            // One run takes a few steps per row: about a third of the budget, so the runs
            // together pass it several times over.
            for run in 0..<20 {
                #expect(try reader.rowsIfWithinBudget(of: [scan])?.first?.first?.values == [.integer(3_000)], "run \(run)")
            }
        }
    }

    @Test("the budget holds for the statements of one read together")
    func budgetPerRead() async throws {
        try await Self.withReader(rows: 3_000, stepBudget: 20_000) { database, reader async throws in
            let scan = SQLStatement("SELECT COUNT(*) FROM things WHERE label <> ?", [.text("none")])
            // One run is about 12,000 steps: one fits in 20,000, two together do not.
            #expect(try reader.rowsIfWithinBudget(of: [scan])?.first?.first?.values == [.integer(3_000)])
            #expect(try reader.rowsIfWithinBudget(of: [scan, scan]) == nil)
            #expect(try reader.rowsIfWithinBudget(of: [scan])?.first?.first?.values == [.integer(3_000)], "the connection is usable again")
        }
    }

    @Test("a later commit is seen by the next read (no transaction stays open between reads)")
    func seesCommits() async throws {
        try await Self.withReader(rows: 10) { database, reader async throws in
            let count = [SQLStatement("SELECT COUNT(*) FROM things"), SQLStatement("SELECT MAX(id) FROM things")]
            #expect(try reader.rowsIfWithinBudget(of: count)?.map { $0.map(\.values) } == [[[.integer(10)]], [[.integer(10)]]])
            _ = try await database.write([SQLStatement("INSERT INTO things VALUES (11, 'new')")])
            #expect(try reader.rowsIfWithinBudget(of: count)?.map { $0.map(\.values) } == [[[.integer(11)]], [[.integer(11)]]])
        }
    }

    @Test("more distinct statements than the connection keeps prepared still read correctly")
    func statementCacheIsBounded() async throws {
        try await Self.withReader(rows: 10) { database, reader async throws in
            for round in 0..<(SQLiteReadConnection.maximumPreparedStatements + 20) {
                // A distinct text each time, as filters of different shapes make.
                let statement = SQLStatement("SELECT \(round) + id FROM things WHERE id = ?", [.integer(3)])
                #expect(try reader.rowsIfWithinBudget(of: [statement])?.first?.first?.values == [.integer(Int64(round) + 3)])
            }
        }
    }
}
