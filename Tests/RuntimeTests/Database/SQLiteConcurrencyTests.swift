import Foundation
import Testing

@testable import Runtime

/// The group commit of `SQLiteWriteBatcher` and the inline key reads of `SQLiteKeyReader`,
/// exercised through `SQLiteDatabase` with many concurrent callers (correctness only: timings
/// belong to `Benchmarks/run`).
@Suite("SQLite group commit and key reads")
struct SQLiteConcurrencyTests {
    static let table = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, price REAL NOT NULL)"

    @Test("concurrent writes all commit, and a failing write rolls back only its own statements")
    func failingWriteFailsAlone() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write([SQLStatement(Self.table)])
            _ = try await database.write([SQLStatement("INSERT INTO items (name, price) VALUES ('taken', 1)")])
            // 60 writers at once: every third one inserts a fresh row, then a duplicate name, so
            // its whole write must fail and leave no row; the others must all be committed.
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<60 {
                    group.addTask {
                        var statements = [SQLStatement("INSERT INTO items (name, price) VALUES (?, ?) RETURNING id", [.text("item \(index)"), .double(Double(index))])]
                        if index % 3 == 0 {
                            statements.append(SQLStatement("INSERT INTO items (name, price) VALUES ('taken', 2)"))
                        }
                        do {
                            let results = try await database.write(statements)
                            return (index, results.first?.rows.count == 1)
                        } catch let error as DatabaseError {
                            return (index, !(error.code == .uniqueViolation(columns: ["name"])))
                        } catch {
                            return (index, true)
                        }
                    }
                }
                var collected: [Int: Bool] = [:]
                for await (index, succeeded) in group { collected[index] = succeeded }
                return collected
            }
            #expect(outcomes.count == 60)
            for (index, succeeded) in outcomes {
                #expect(succeeded == (index % 3 != 0), "write \(index)")
            }
            let names = try await database.fetch(SQLStatement("SELECT name FROM items ORDER BY name")).map(\.values)
            let expected = (0..<60).filter { $0 % 3 != 0 }.map { [SQLValue.text("item \($0)")] } + [[.text("taken")]]
            #expect(names.sorted { "\($0)" < "\($1)" } == expected.sorted { "\($0)" < "\($1)" })
        }
    }

    @Test("writes queued behind a running commit share one transaction, and a failing one fails alone")
    func queuedWritesShareATransaction() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write([SQLStatement(Self.table)])
            _ = try await database.write([SQLStatement("INSERT INTO items (name, price) VALUES ('taken', 1)")])
            // A write that keeps the writer busy for a while, so the next writes queue behind it.
            let slow = SQLStatement(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT count(*) FROM c")
            async let busy = database.write([slow])
            try await Task.sleep(for: .milliseconds(50))
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        let name = index == 4 ? "taken" : "queued \(index)"
                        return (try? await database.write([SQLStatement("INSERT INTO items (name, price) VALUES (?, 1)", [.text(name)])])) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            _ = try await busy
            #expect(outcomes.filter { $0 }.count == 9)
            let count = try await SQLiteTestSupport.scalar(database, "SELECT count(*) FROM items WHERE name LIKE 'queued %'")
            #expect(count == .integer(9))
            #expect(database.sharedCommitCount >= 2)
        }
    }

    @Test("an acknowledged write is visible to the next key read")
    func acknowledgedWritesAreVisible() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write([SQLStatement(Self.table)])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let results = try await database.write([SQLStatement("INSERT INTO items (name, price) VALUES (?, 1) RETURNING id", [.text("n\(index)")])])
                        let id = try #require(results.first?.rows.first?.values.first)
                        let rows = try await database.fetchByKey(SQLStatement("SELECT name FROM items WHERE id = ?", [id]))
                        #expect(rows.map(\.values) == [[.text("n\(index)")]])
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test("many concurrent key reads return what fetch returns, inline or on the pool")
    func keyReadsMatchFetch() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write([SQLStatement(Self.table)])
            for index in 1...20 {
                _ = try await database.write([SQLStatement("INSERT INTO items (id, name, price) VALUES (?, ?, 2.5)", [.integer(Int64(index)), .text("row \(index)")])])
            }
            // More concurrent readers than connections, so some take the async path.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<200 {
                    group.addTask {
                        let id = SQLValue.integer(Int64(round % 21 + 1))
                        let statement = SQLStatement("SELECT id, name, price FROM items WHERE id = ?", [id])
                        let byKey = try await database.fetchByKey(statement)
                        let plain = try await database.fetch(statement)
                        #expect(byKey.map(\.values) == plain.map(\.values))
                        #expect(byKey.count == (round % 21 + 1 <= 20 ? 1 : 0))
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}
