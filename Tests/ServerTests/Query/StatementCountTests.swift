import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Runtime
import Testing

@testable import Server

/// Counts the statements and round trips a server sends to its database, and can slip writes in
/// between a read and what the server does next (`interpose`).
final class CountingDatabase: DatabaseClient, @unchecked Sendable {
    private let base: any DatabaseClient
    private let lock = NSLock()
    private var statementCount = 0
    private var roundTripCount = 0
    private var pendingWrites: [SQLStatement] = []

    init(_ base: any DatabaseClient) { self.base = base }

    /// (statements, round trips) since the last reset.
    func takeCounts() -> (statements: Int, roundTrips: Int) {
        lock.withLock {
            defer { statementCount = 0; roundTripCount = 0 }
            return (statementCount, roundTripCount)
        }
    }

    private func record(_ statements: Int) { lock.withLock { statementCount += statements; roundTripCount += 1 } }

    /// Runs `statements` right after the next `fetch` reads its rows, before the caller sees them:
    /// a concurrent writer landing between an `If-Match` check and the write it guards.
    func interpose(_ statements: [SQLStatement]) { lock.withLock { pendingWrites = statements } }

    var dialect: SQLDialect { base.dialect }
    func fetch(_ statement: SQLStatement) async throws -> [SQLRow] {
        record(1)
        let rows = try await base.fetch(statement)
        let writes = lock.withLock {
            defer { pendingWrites = [] }
            return pendingWrites
        }
        if !writes.isEmpty { _ = try await base.write(writes) }
        return rows
    }
    func fetchByKey(_ statement: SQLStatement) async throws -> [SQLRow] {
        record(1)
        return try await base.fetchByKey(statement)
    }
    func fetchSnapshot(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        record(statements.count)
        return try await base.fetchSnapshot(statements)
    }
    func write(_ plan: WritePlan) async throws -> WriteResults {
        let results = try await base.write(plan)
        record(results.all.count)
        return results
    }
    func ping() async throws { try await base.ping() }
    func migrate(to schema: SchemaDefinition) async throws -> MigrationReport { try await base.migrate(to: schema) }
    func plannedMigration(to schema: SchemaDefinition) async throws -> MigrationReport {
        try await base.plannedMigration(to: schema)
    }
    func close() async throws { try await base.close() }
}

/// A list request costs the same number of statements whatever its page size, filter and sort.
@Suite("List: constant statement count")
struct StatementCountTests {
    @Test("one snapshot of at most two statements (plus one per expanded path, at any depth) per list request")
    func constantStatements() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-count-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let sqlite = try SQLiteDatabase(path: directory.appendingPathComponent("count.sqlite").path, logger: logger)
        let database = CountingDatabase(sqlite)
        let app = try AppCatalog.app(named: "tracker", eventSettleInterval: 0)
        try await TestDatabase.migrate(app, on: database)
        let application = Application(router: LoomServer.buildRouter(app: app, database: database, auth: TestAuthenticator()), logger: logger)
        try await application.test(.router) { client in
            let testApp = try TestApp(client: client, app: app)
            let data = try await ListQueryTestData.make(testApp)
            // 100 more tasks (one batch) and a comment on each, so a page of 100 is full and every
            // reverse step has rows to load.
            let tasks = (0..<100).map { index in
                #"{"action": "create", "data": {"project_id": "\#(data.projectID)", "title": "bulk \#(index)", "priority": \#(index % 5 + 1)}}"#
            }
            let created = try await testApp.request(.post, "/v1/tasks/batch", json: #"{"operations": [\#(tasks.joined(separator: ","))]}"#)
            #expect(created.status == .ok, "\(created.text)")
            let taskIDs = ((created.object["results"] as? [[String: Any]]) ?? []).compactMap { ($0["record"] as? [String: Any])?["id"] as? String }
            #expect(taskIDs.count == 100)
            let comments = taskIDs.map { #"{"action": "create", "data": {"task_id": "\#($0)", "author_email": "a@b.io", "body": "c"}}"# }
            #expect(try await testApp.request(.post, "/v1/comments/batch", json: #"{"operations": [\#(comments.joined(separator: ","))]}"#).status == .ok)
            _ = database.takeCounts()
            var queries: [[(String, String)]] = [
                [("limit", "50"), ("filter", "priority > 1 && project_id.name ~ 'web'"), ("sort", "-priority,title")],
                [("limit", "50"), ("count", "none"), ("sort", "estimate_hours:nullsfirst")],
                [("limit", "5"), ("filter", "status in ('todo', 'done') || due_on is null"), ("count", "exact")],
                [("limit", "50"), ("expand", "project_id,comments"), ("filter", "priority > 1")],
            ]
            // Page sizes 1, 20 and 100, without expansion, with one level, and with two and three
            // levels mixing directions: one statement per path (a path also expands the one it extends).
            for limit in ["1", "20", "100"] {
                queries += [
                    [("limit", limit)],
                    [("limit", limit), ("expand", "project_id")],
                    [("limit", limit), ("expand", "project_id.tasks")],
                    [("limit", limit), ("expand", "comments.task_id")],
                    [("limit", limit), ("expand", "comments.task_id.project_id,project_id.tasks.comments"), ("sort", "-priority")],
                ]
            }
            for parameters in queries {
                let reply = try await data.list(parameters)
                #expect(reply.status == .ok, "\(parameters): \(reply.text)")
                let counts = database.takeCounts()
                #expect(counts.roundTrips == 1, "\(parameters)")
                let paths = parameters.first { $0.0 == "expand" }.map { Self.expandedPaths($0.1) } ?? []
                let count = parameters.contains { $0 == ("count", "none") } ? 0 : 1
                #expect(counts.statements == 1 + paths.count + count, "\(parameters)")
            }
        }
        try await database.close()
    }

    /// Every path `expand` names plus the paths they extend (`a.b.c` → `a`, `a.b`, `a.b.c`).
    static func expandedPaths(_ expand: String) -> Set<String> {
        var paths = Set<String>()
        for path in expand.split(separator: ",") {
            let steps = path.split(separator: ".")
            for length in 1...steps.count { paths.insert(steps.prefix(length).joined(separator: ".")) }
        }
        return paths
    }
}
