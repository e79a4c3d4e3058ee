import Foundation
import Logging
import Testing

@testable import Runtime

/// Reading and writing through `SQLiteDatabase` on a real WAL file.
@Suite("SQLiteDatabase reads and writes")
struct SQLiteDatabaseTests {
    static let kindsTable = """
        CREATE TABLE kinds (id INTEGER PRIMARY KEY, i INTEGER, d REAL, t TEXT, b INTEGER, u TEXT,
                            ts TEXT, dt TEXT, j TEXT, n TEXT)
        """
    static let projectsTable = "CREATE TABLE projects (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL)"

    @Test("every SQLValue kind is stored as its SQLite form and read back raw")
    func roundTripsEveryValueKind() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write([SQLStatement(Self.kindsTable)])
            let uuid = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
            let moment = Date(timeIntervalSince1970: 1_706_702_400.25)
            let binds: [SQLValue] = [
                .integer(Int64.max), .double(-2.5), .text("héllo 'quoted'"), .bool(true), .uuid(uuid),
                .timestamp(moment), .date("2024-01-31"), .json(#"{"a":[1,2]}"#), .null,
            ]
            let insert = SQLStatement("INSERT INTO kinds (i, d, t, b, u, ts, dt, j, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", binds)
            let results = try await database.write([insert, SQLStatement("INSERT INTO kinds (b) VALUES (?)", [.bool(false)])])
            #expect(results.map(\.changes) == [1, 1])

            let rows = try await database.fetch(SQLStatement("SELECT i, d, t, b, u, ts, dt, j, n FROM kinds ORDER BY id"))
            #expect(rows.count == 2)
            #expect(rows[0].values == [
                .integer(Int64.max), .double(-2.5), .text("héllo 'quoted'"), .integer(1),
                .text("e621e1f8-c36c-495a-93fc-0c247a3e6e5f"), .text("2024-01-31T12:00:00.250Z"),
                .text("2024-01-31"), .text(#"{"a":[1,2]}"#), .null,
            ])
            #expect(rows[1].values[3] == .integer(0))

            // Bound values compare with stored ones in their stored form.
            let byUUID = try await database.fetch(SQLStatement("SELECT count(*) FROM kinds WHERE u = ? AND ts = ? AND b = ?", [.uuid(uuid), .timestamp(moment), .bool(true)]))
            #expect(byUUID.first?.values == [.integer(1)])
        }
    }

    @Test("blobs are read as UTF-8 text, and a non-UTF-8 blob is an error rather than a dropped column")
    func readsBlobs() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            let rows = try await database.fetch(SQLStatement("SELECT x'68656c6c6f', 7"))
            #expect(rows.first?.values == [.text("hello"), .integer(7)])
            let error = await #expect(throws: DatabaseError.self) {
                _ = try await database.fetch(SQLStatement("SELECT x'ff00fe'"))
            }
            #expect(error?.code == .other)
        }
    }

    @Test("write returns RETURNING rows and per-statement change counts")
    func returnsRowsAndChanges() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write([SQLStatement(Self.projectsTable)])
            let results = try await database.write([
                SQLStatement("INSERT INTO projects (id, name) VALUES (?, ?) RETURNING id, name", [.text("p1"), .text("One")]),
                SQLStatement("INSERT INTO projects (id, name) VALUES (?, ?)", [.text("p2"), .text("Two")]),
                SQLStatement("UPDATE projects SET name = upper(name) RETURNING id", []),
                SQLStatement("SELECT count(*) FROM projects"),
                SQLStatement("UPDATE projects SET name = 'x' WHERE id = 'missing'"),
                SQLStatement("DELETE FROM projects WHERE id = ?", [.text("p2")]),
            ])
            #expect(results.count == 6)
            #expect(results[0].rows.map(\.values) == [[.text("p1"), .text("One")]])
            #expect(results[0].changes == 1)
            #expect(results[1].rows.isEmpty)
            #expect(results[1].changes == 1)
            #expect(Set(results[2].rows.map(\.values)) == [[.text("p1")], [.text("p2")]])
            #expect(results[2].changes == 2)
            #expect(results[3].rows.map(\.values) == [[.integer(2)]])
            #expect(results[3].changes == 0, "a SELECT must not report the previous statement's count")
            #expect(results[4].changes == 0)
            #expect(results[5].changes == 1)
            #expect(try await database.write([]).isEmpty)
        }
    }

    @Test("fetchSnapshot runs every statement and returns results in order")
    func fetchesSnapshot() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write([SQLStatement(Self.projectsTable)])
            _ = try await database.write((1...5).map {
                SQLStatement("INSERT INTO projects (id, name) VALUES (?, ?)", [.text("p\($0)"), .text("Project \($0)")])
            })
            let results = try await database.fetchSnapshot([
                SQLStatement("SELECT id FROM projects ORDER BY id LIMIT ? OFFSET ?", [.integer(2), .integer(1)]),
                SQLStatement("SELECT count(*) FROM projects"),
            ])
            #expect(results.count == 2)
            #expect(results[0].map(\.values) == [[.text("p2")], [.text("p3")]])
            #expect(results[1].map(\.values) == [[.integer(5)]])
        }
    }

    @Test("a failing statement rolls back the statements before it")
    func writesAreAtomic() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write([SQLStatement(Self.projectsTable)])
            await #expect(throws: DatabaseError.self) {
                _ = try await database.write([
                    SQLStatement("INSERT INTO projects (id, name) VALUES ('p1', 'One')"),
                    SQLStatement("INSERT INTO projects (id, name) VALUES ('p2', NULL)"),
                ])
            }
            #expect(try await SQLiteTestSupport.scalar(database, "SELECT count(*) FROM projects") == .integer(0))
            // The writer connection, and a cached statement that failed, are usable again.
            let insert = "INSERT INTO projects (id, name) VALUES (?, ?)"
            for _ in 0..<2 {
                let error = await #expect(throws: DatabaseError.self) {
                    _ = try await database.write([SQLStatement(insert, [.text("p1"), .null])])
                }
                #expect(error?.code == .notNullViolation(column: "name"))
            }
            _ = try await database.write([SQLStatement(insert, [.text("p1"), .text("One")])])
            #expect(try await SQLiteTestSupport.scalar(database, "SELECT count(*) FROM projects") == .integer(1))
        }
    }

    @Test("connections use WAL, foreign keys, synchronous FULL and a 5 s busy timeout; the writer's statement journal is in memory")
    func configuresConnections() async throws {
        try await SQLiteTestSupport.withDatabase { database, path in
            #expect(FileManager.default.fileExists(atPath: path), "the nested parent directory is created")
            #expect(database.dialect == .sqlite)
            #expect(try await SQLiteTestSupport.scalar(database, "PRAGMA journal_mode") == .text("wal"))
            #expect(try await SQLiteTestSupport.scalar(database, "PRAGMA foreign_keys") == .integer(1))
            // The writer is the connection whose commits must be durable: 2 is FULL.
            // temp_store 2 is MEMORY: a group commit's savepoints journal in memory, never to a
            // temporary file (`SQLiteConnectionSettings.memoryTemporaryStorageSQL`).
            let writer = try await database.write([
                SQLStatement("PRAGMA synchronous"), SQLStatement("PRAGMA busy_timeout"), SQLStatement("PRAGMA temp_store"),
            ])
            #expect(writer.map { $0.rows.first?.values } == [[.integer(2)], [.integer(5000)], [.integer(2)]])
            #expect(try await SQLiteTestSupport.scalar(database, "PRAGMA synchronous") == .integer(2))
            try await database.ping()
        }
    }

    @Test("data written by one instance is durable and visible to the next one opening the file")
    func persistsAcrossInstances() async throws {
        let (directory, path) = SQLiteTestSupport.makeTemporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try SQLiteDatabase(path: path, logger: .init(label: "first"))
        _ = try await first.write([SQLStatement(Self.projectsTable), SQLStatement("INSERT INTO projects VALUES ('p1', 'One')")])
        try await first.close()
        await #expect(throws: (any Error).self) { try await first.ping() }

        let second = try SQLiteDatabase(path: path, logger: .init(label: "second"))
        #expect(try await SQLiteTestSupport.scalar(second, "SELECT name FROM projects") == .text("One"))
        try await second.close()
    }

    @Test("a path that cannot be opened is reported as unavailable")
    func reportsUnopenablePath() throws {
        let (directory, _) = SQLiteTestSupport.makeTemporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The path is an existing directory: SQLite cannot open it as a database file.
        let error = #expect(throws: DatabaseError.self) {
            _ = try SQLiteDatabase(path: directory.path, logger: .init(label: "test"))
        }
        #expect(error?.code == .unavailable)

        // The parent "directory" is a regular file: the directory cannot be created.
        let file = directory.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let nested = #expect(throws: DatabaseError.self) {
            _ = try SQLiteDatabase(path: file.appendingPathComponent("app.sqlite").path, logger: .init(label: "test"))
        }
        #expect(nested?.code == .unavailable)
    }
}
