import Foundation
import GRDB
import Testing

@testable import Runtime

/// The key reader's own read-only connections (`SQLiteKeyReader`, `SQLiteReadConnection`) must
/// give exactly what the GRDB path gives, for every storage class and every bound value kind,
/// and fail like it (correctness only: timings belong to `Benchmarks/profile`).
@Suite("SQLite key reads on their own connections")
struct SQLiteKeyReaderTests {
    static let table = """
        CREATE TABLE things (id INTEGER PRIMARY KEY, label TEXT, amount REAL, flag INTEGER, \
        ref TEXT, at TEXT, raw BLOB)
        """

    @Test("every storage class and bind kind reads the same as through GRDB's pool")
    func matchesFetch() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write([SQLStatement(Self.table)])
            let uuid = UUID()
            let moment = Date(timeIntervalSince1970: 1_700_000_000.123)
            _ = try await database.write([SQLStatement(
                "INSERT INTO things VALUES (1, ?, ?, ?, ?, ?, CAST('blob text' AS BLOB))",
                [.text("é \"quoted\"\n"), .double(-2.5), .bool(true), .uuid(uuid), .timestamp(moment)])])
            _ = try await database.write([SQLStatement("INSERT INTO things (id) VALUES (2)")])
            let statements = [
                SQLStatement("SELECT * FROM things WHERE id = ?", [.integer(1)]),
                SQLStatement("SELECT * FROM things WHERE id = ?", [.integer(2)]),
                SQLStatement("SELECT id FROM things WHERE ref = ?", [.uuid(uuid)]),
                SQLStatement("SELECT id FROM things WHERE at = ?", [.timestamp(moment)]),
                SQLStatement("SELECT id FROM things WHERE flag = ? AND amount = ?", [.bool(true), .double(-2.5)]),
                SQLStatement("SELECT id FROM things WHERE label = ?", [.null]),
                SQLStatement("SELECT * FROM things WHERE id = ?", [.integer(3)]),
            ]
            for statement in statements {
                let byKey = try await database.fetchByKey(statement)
                let plain = try await database.pool.read { db in try SQLiteStatementRunner.rows(of: statement, in: db) }
                #expect(byKey.map(\.values) == plain.map(\.values), "\(statement.sql)")
                let bounded = try await database.fetchSnapshot([statement], boundedBySteps: true)[0]
                #expect(bounded.map(\.values) == plain.map(\.values), "\(statement.sql) (SQLiteBoundedReader)")
            }
            let first = try await database.fetchByKey(statements[0])
            #expect(first.first?.values[6] == .text("blob text"))
            #expect(first.first?.values[4] == .text(uuid.uuidString.lowercased()))
        }
    }

    @Test("a failing key read reports a database error and leaves the connection usable")
    func failureIsReported() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write([SQLStatement(Self.table)])
            _ = try await database.write([SQLStatement("INSERT INTO things (id, label) VALUES (1, 'one')")])
            await #expect(throws: Runtime.DatabaseError.self) {
                _ = try await database.fetchByKey(SQLStatement("SELECT * FROM missing WHERE id = ?", [.integer(1)]))
            }
            await #expect(throws: Runtime.DatabaseError.self) {
                _ = try await database.fetchByKey(SQLStatement("SELECT * FROM things WHERE id = ?", []))
            }
            let rows = try await database.fetchByKey(SQLStatement("SELECT label FROM things WHERE id = ?", [.integer(1)]))
            #expect(rows.map(\.values) == [[.text("one")]])
        }
    }

    @Test("a row changed by a write is read back changed, not from a stale snapshot")
    func readsLatestCommit() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write([SQLStatement(Self.table)])
            _ = try await database.write([SQLStatement("INSERT INTO things (id, label) VALUES (1, 'old')")])
            let statement = SQLStatement("SELECT label FROM things WHERE id = ?", [.integer(1)])
            let before = try await database.fetchByKey(statement)
            _ = try await database.write([SQLStatement("UPDATE things SET label = 'new' WHERE id = 1")])
            let after = try await database.fetchByKey(statement)
            #expect(before.map(\.values) == [[.text("old")]])
            #expect(after.map(\.values) == [[.text("new")]])
        }
    }

    @Test("a read SQLite would make wait is not run inline: nil, and the caller takes the async path")
    func busyIsNotAwaited() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-busy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("busy.sqlite").path
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: path, configuration: configuration)
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "CREATE TABLE things (id INTEGER PRIMARY KEY, label TEXT)")
            try db.execute(sql: "INSERT INTO things VALUES (1, 'one')")
            // Hold the file in exclusive mode: any other reader would have to wait.
            try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
            try db.execute(sql: "BEGIN EXCLUSIVE")
        }
        let reader = SQLiteKeyReader(path: path, maximumConnectionCount: 1)
        defer { reader.close() }
        let statement = SQLStatement("SELECT label FROM things WHERE id = ?", [.integer(1)])
        #expect(try reader.rowsIfConnectionFree(of: statement) == nil)
        try holder.close()
        #expect(try reader.rowsIfConnectionFree(of: statement)?.map(\.values) == [[.text("one")]])
    }
}
