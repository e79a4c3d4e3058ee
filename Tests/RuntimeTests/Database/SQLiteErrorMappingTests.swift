import Foundation
import Testing

@testable import Runtime

/// SQLite failures reach callers as classified `DatabaseError`s.
@Suite("SQLite error mapping")
struct SQLiteErrorMappingTests {
    static let schema: [SQLStatement] = [
        SQLStatement("CREATE TABLE projects (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL)"),
        SQLStatement("""
            CREATE TABLE tasks (
                id TEXT PRIMARY KEY NOT NULL,
                project_id TEXT NOT NULL REFERENCES projects (id),
                title TEXT NOT NULL,
                estimate INTEGER CHECK (estimate >= 0),
                UNIQUE (title, project_id)
            )
            """),
        SQLStatement("CREATE TABLE labels (name TEXT NOT NULL)"),
        SQLStatement("CREATE UNIQUE INDEX labels_lower_name ON labels (lower(name))"),
        SQLStatement("INSERT INTO labels (name) VALUES ('Urgent')"),
        SQLStatement("INSERT INTO projects (id, name) VALUES ('p1', 'One')"),
        SQLStatement("INSERT INTO tasks (id, project_id, title) VALUES ('t1', 'p1', 'Write')"),
    ]

    /// The classified code of the error `statement` raises.
    private func code(of statement: SQLStatement, in database: SQLiteDatabase) async throws -> DatabaseError.Code? {
        let error = await #expect(throws: DatabaseError.self) { _ = try await database.write([statement]) }
        return error?.code
    }

    @Test("constraint failures get their own codes, with the column names SQLite reports")
    func mapsConstraintFailures() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write(Self.schema)
            let duplicateTitle = SQLStatement("INSERT INTO tasks (id, project_id, title) VALUES ('t2', 'p1', 'Write')")
            #expect(try await code(of: duplicateTitle, in: database) == .uniqueViolation(columns: ["title", "project_id"]))

            let duplicateKey = SQLStatement("INSERT INTO projects (id, name) VALUES ('p1', 'Again')")
            #expect(try await code(of: duplicateKey, in: database) == .uniqueViolation(columns: ["id"]))

            // An index on an expression: SQLite names the index, not columns.
            let expressionIndex = SQLStatement("INSERT INTO labels (name) VALUES ('URGENT')")
            #expect(try await code(of: expressionIndex, in: database) == .uniqueViolation(columns: []))

            let missingProject = SQLStatement("INSERT INTO tasks (id, project_id, title) VALUES ('t4', 'nope', 'Read')")
            #expect(try await code(of: missingProject, in: database) == .foreignKeyViolation)

            let referencedProject = SQLStatement("DELETE FROM projects WHERE id = 'p1'")
            #expect(try await code(of: referencedProject, in: database) == .foreignKeyViolation)

            let missingTitle = SQLStatement("INSERT INTO tasks (id, project_id, title) VALUES (?, ?, ?)", [.text("t5"), .text("p1"), .null])
            #expect(try await code(of: missingTitle, in: database) == .notNullViolation(column: "title"))

            let negative = SQLStatement("UPDATE tasks SET estimate = -1")
            #expect(try await code(of: negative, in: database) == .checkViolation)

            let syntax = SQLStatement("INSERT INTO nowhere VALUES (1)")
            #expect(try await code(of: syntax, in: database) == .other)
        }
    }

    @Test("the engine's message is kept for logs")
    func keepsMessage() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.write(Self.schema)
            let error = await #expect(throws: DatabaseError.self) {
                _ = try await database.write([SQLStatement("INSERT INTO projects (id, name) VALUES ('p1', 'x')")])
            }
            #expect(error?.message.contains("UNIQUE constraint failed: projects.id") == true)
        }
    }

    @Test("column names are parsed from SQLite messages")
    func parsesColumnNames() {
        let unique = "UNIQUE constraint failed: tasks.title, tasks.project_id"
        #expect(SQLiteErrorMapping.columnNames(in: unique, after: "UNIQUE constraint failed:") == ["title", "project_id"])
        let notNull = "NOT NULL constraint failed: tasks.title"
        #expect(SQLiteErrorMapping.columnNames(in: notNull, after: "NOT NULL constraint failed:") == ["title"])
        let index = "UNIQUE constraint failed: index 'tasks_lower_title'"
        #expect(SQLiteErrorMapping.columnNames(in: index, after: "UNIQUE constraint failed:").isEmpty)
        #expect(SQLiteErrorMapping.columnNames(in: "something else", after: "UNIQUE constraint failed:").isEmpty)
    }

    @Test("errors that do not come from SQLite pass through unchanged")
    func passesOtherErrorsThrough() {
        struct Unrelated: Error, Equatable {}
        #expect(SQLiteErrorMapping.map(Unrelated()) as? Unrelated == Unrelated())
        #expect(SQLiteErrorMapping.map(CancellationError()) is CancellationError)
        let already = DatabaseError(code: .checkViolation, message: "kept")
        #expect((SQLiteErrorMapping.map(already) as? DatabaseError)?.code == .checkViolation)
    }
}
