import Foundation
import Logging
import Testing

@testable import Runtime

/// `SQLiteDatabase.migrate(to:)`: creates, adds, warns, refuses, records.
@Suite("SQLite migrations")
struct SQLiteMigrationTests {
    static let projectsSQL = "CREATE TABLE projects (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL)"
    static let tasksSQL = """
        CREATE TABLE tasks (id TEXT PRIMARY KEY NOT NULL, project_id TEXT NOT NULL REFERENCES projects (id),
                            title TEXT NOT NULL, UNIQUE (title, project_id))
        """
    static let indexSQL = "CREATE INDEX IF NOT EXISTS tasks_project_id ON tasks (project_id)"
    static let notesColumn = ColumnDefinition(
        name: "notes",
        addColumn: DialectSQL(sqlite: "ALTER TABLE tasks ADD COLUMN notes TEXT", postgres: "ALTER TABLE tasks ADD COLUMN notes text")
    )
    static let priorityColumn = ColumnDefinition(name: "priority", addColumn: nil)

    /// The app's schema; `extraTaskColumns`, `extraTables` and `extraIndexes` model later versions.
    static func schema(
        extraTables: [TableDefinition] = [],
        extraTaskColumns: [ColumnDefinition] = [],
        extraIndexes: [IndexDefinition] = []
    ) -> SchemaDefinition {
        let projects = TableDefinition(
            name: "projects",
            create: DialectSQL(sqlite: projectsSQL, postgres: projectsSQL),
            columns: [ColumnDefinition(name: "id", addColumn: nil), ColumnDefinition(name: "name", addColumn: nil)],
            indexes: []
        )
        let tasks = TableDefinition(
            name: "tasks",
            create: DialectSQL(sqlite: tasksSQL, postgres: tasksSQL),
            columns: ["id", "project_id", "title"].map { ColumnDefinition(name: $0, addColumn: nil) } + extraTaskColumns,
            indexes: [IndexDefinition(name: "tasks_project_id", create: DialectSQL(sqlite: indexSQL, postgres: indexSQL))] + extraIndexes
        )
        return SchemaDefinition(app: "tracker", tables: [projects] + extraTables + [tasks])
    }

    static let labels: TableDefinition = {
        let sql = "CREATE TABLE labels (id TEXT PRIMARY KEY NOT NULL)"
        return TableDefinition(
            name: "labels", create: DialectSQL(sqlite: sql, postgres: sql),
            columns: [ColumnDefinition(name: "id", addColumn: nil)], indexes: []
        )
    }()

    /// Rows of `loom_migrations` as (app, step, checksum, applied_at).
    private func history(_ database: SQLiteDatabase) async throws -> [[SQLValue]] {
        try await database.fetch(SQLStatement("SELECT app, step, checksum, applied_at FROM loom_migrations ORDER BY id")).map(\.values)
    }

    /// Names of `table`'s columns.
    private func columns(of table: String, in database: SQLiteDatabase) async throws -> [SQLValue] {
        try await database.fetch(SQLStatement("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)])).compactMap(\.values.first)
    }

    @Test("an empty database gets every table and index, each step recorded and logged")
    func migratesEmptyDatabase() async throws {
        let logs = CapturedLogs()
        try await SQLiteTestSupport.withDatabase(logger: logs.makeLogger()) { database, _ in
            let report = try await database.migrate(to: Self.schema())
            #expect(report.applied == ["create table projects", "create table tasks", "create index tasks_project_id"])
            #expect(report.warnings.isEmpty)

            let rows = try await history(database)
            #expect(rows.map { $0[0] } == Array(repeating: .text("tracker"), count: 3))
            #expect(rows.map { $0[1] } == report.applied.map { .text($0) })
            #expect(rows.map { $0[2] } == [Self.projectsSQL, Self.tasksSQL, Self.indexSQL].map { .text(MigrationChecksum.fnv1a64Hex($0)) })
            for row in rows {
                guard case .text(let appliedAt) = row[3] else { Issue.record("applied_at is not text"); continue }
                #expect(TimestampFormat.parseTimestamp(appliedAt) != nil)
            }
            #expect(try await SQLiteTestSupport.scalar(
                database, "SELECT count(*) FROM sqlite_master WHERE name IN ('projects', 'tasks', 'tasks_project_id')") == .integer(3))

            let logged = logs.all.filter { $0.level == .info && $0.message == "Applied migration step" }
            #expect(logged.compactMap { $0.metadata["step"]?.description } == report.applied)
            let progress = logs.all.filter { $0.level == .info && $0.message == "Applying migration step" }
            #expect(progress.compactMap { $0.metadata["step"]?.description } == report.applied)
        }
    }

    @Test("migrating an up-to-date database applies nothing")
    func secondMigrationIsNoOp() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.migrate(to: Self.schema())
            let again = try await database.migrate(to: Self.schema())
            #expect(again == MigrationReport())
            #expect(try await history(database).count == 3)
        }
    }

    @Test("a new nullable column and a new index are added, existing rows kept")
    func addsNullableColumn() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.migrate(to: Self.schema())
            _ = try await database.write([
                SQLStatement("INSERT INTO projects VALUES ('p1', 'One')"),
                SQLStatement("INSERT INTO tasks VALUES ('t1', 'p1', 'Write')"),
            ])
            let titleIndexSQL = "CREATE INDEX IF NOT EXISTS tasks_title ON tasks (title)"
            let next = Self.schema(
                extraTaskColumns: [Self.notesColumn],
                extraIndexes: [IndexDefinition(name: "tasks_title", create: DialectSQL(sqlite: titleIndexSQL, postgres: titleIndexSQL))]
            )
            let report = try await database.migrate(to: next)
            #expect(report.applied == ["add column tasks.notes", "create index tasks_title"])
            #expect(try await columns(of: "tasks", in: database).last == .text("notes"))
            let rows = try await database.fetch(SQLStatement("SELECT id, title, notes FROM tasks"))
            #expect(rows.map(\.values) == [[.text("t1"), .text("Write"), .null]])
            #expect(try await history(database).map { $0[1] }.suffix(2) == [.text("add column tasks.notes"), .text("create index tasks_title")])
        }
    }

    @Test("a new required column without default is refused and nothing is applied")
    func refusesRequiredColumn() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.migrate(to: Self.schema())
            let next = Self.schema(extraTables: [Self.labels], extraTaskColumns: [Self.notesColumn, Self.priorityColumn])
            let error = await #expect(throws: MigrationError.self) { _ = try await database.migrate(to: next) }
            #expect(error?.code == .columnCannotBeAdded)
            #expect(error?.message.contains("tasks.priority") == true)
            #expect(error?.message.contains("default") == true)
            // The labels table and the notes column came before the refusal: both rolled back.
            #expect(try await SQLiteTestSupport.scalar(database, "SELECT count(*) FROM sqlite_master WHERE name = 'labels'") == .integer(0))
            #expect(try await columns(of: "tasks", in: database) == [.text("id"), .text("project_id"), .text("title")])
            #expect(try await history(database).count == 3)
        }
    }

    @Test("a database column that no schema declares is kept and reported as a warning")
    func warnsAboutUndeclaredColumn() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            _ = try await database.migrate(to: Self.schema())
            _ = try await database.write([SQLStatement("ALTER TABLE tasks ADD COLUMN legacy TEXT")])
            let report = try await database.migrate(to: Self.schema())
            #expect(report.applied.isEmpty)
            #expect(report.warnings.count == 1)
            #expect(report.warnings.first?.contains("tasks.legacy") == true)
            #expect(try await columns(of: "tasks", in: database).contains(.text("legacy")))
        }
    }

    @Test("an SQL failure while migrating is a databaseFailure naming the step, and rolls back")
    func reportsDatabaseFailure() async throws {
        try await SQLiteTestSupport.withDatabase { database, _ in
            let broken = TableDefinition(
                name: "broken", create: DialectSQL(sqlite: "CREATE TABLE broken (", postgres: ""), columns: [], indexes: []
            )
            let error = await #expect(throws: MigrationError.self) {
                _ = try await database.migrate(to: SchemaDefinition(app: "tracker", tables: Self.schema().tables + [broken]))
            }
            #expect(error?.code == .databaseFailure)
            #expect(error?.message.contains("create table broken") == true)
            let created = try await SQLiteTestSupport.scalar(database, "SELECT count(*) FROM sqlite_master WHERE name = 'projects'")
            #expect(created == .integer(0))
        }
    }

    @Test("two servers migrating the same file at once both succeed and create each table once")
    func concurrentMigrationsSerialize() async throws {
        let (directory, path) = SQLiteTestSupport.makeTemporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try SQLiteDatabase(path: path, logger: Logger(label: "first"))
        let second = try SQLiteDatabase(path: path, logger: Logger(label: "second"))
        async let firstReport = first.migrate(to: Self.schema())
        async let secondReport = second.migrate(to: Self.schema())
        let reports = try await [firstReport, secondReport]
        let allApplied = reports.flatMap(\.applied)
        #expect(allApplied.sorted() == ["create index tasks_project_id", "create table projects", "create table tasks"])
        #expect(reports.contains { $0.applied.isEmpty })
        #expect(try await history(first).count == 3)
        try await first.close()
        try await second.close()
    }

    @Test("the migration checksum is 64-bit FNV-1a in 16 hex digits")
    func checksumMatchesKnownVectors() {
        #expect(MigrationChecksum.fnv1a64Hex("") == "cbf29ce484222325")
        #expect(MigrationChecksum.fnv1a64Hex("a") == "af63dc4c8601ec8c")
        #expect(MigrationChecksum.fnv1a64Hex("foobar") == "85944171f73967e8")
    }
}
