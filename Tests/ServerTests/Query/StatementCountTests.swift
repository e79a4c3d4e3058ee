import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Runtime
import Testing

@testable import Server

/// Counts the statements and round trips a server sends to its database.
final class CountingDatabase: DatabaseClient, @unchecked Sendable {
    private let base: any DatabaseClient
    private let lock = NSLock()
    private var statementCount = 0
    private var roundTripCount = 0

    init(_ base: any DatabaseClient) { self.base = base }

    /// (statements, round trips) since the last reset.
    func takeCounts() -> (statements: Int, roundTrips: Int) {
        lock.withLock {
            defer { statementCount = 0; roundTripCount = 0 }
            return (statementCount, roundTripCount)
        }
    }

    private func record(_ statements: Int) { lock.withLock { statementCount += statements; roundTripCount += 1 } }

    var dialect: SQLDialect { base.dialect }
    func fetch(_ statement: SQLStatement) async throws -> [SQLRow] {
        record(1)
        return try await base.fetch(statement)
    }
    func fetchByKey(_ statement: SQLStatement) async throws -> [SQLRow] {
        record(1)
        return try await base.fetchByKey(statement)
    }
    func fetchSnapshot(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        record(statements.count)
        return try await base.fetchSnapshot(statements)
    }
    func write(_ statements: [SQLStatement]) async throws -> [WriteResult] {
        record(statements.count)
        return try await base.write(statements)
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
    @Test("one snapshot of at most two statements (plus one per expanded relation) per list request")
    func constantStatements() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-count-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let sqlite = try SQLiteDatabase(path: directory.appendingPathComponent("count.sqlite").path, logger: logger)
        let database = CountingDatabase(sqlite)
        let app = try AppCatalog.app(named: "tracker", eventSettleInterval: 0)
        _ = try await database.migrate(to: app.schema)
        let application = Application(router: LoomServer.buildRouter(app: app, database: database, listeners: []), logger: logger)
        try await application.test(.router) { client in
            let testApp = TestApp(client: client)
            let data = try await ListQueryTestData.make(testApp)
            for index in 0..<40 {
                try await testApp.create("/v1/tasks", #"{"project_id": "\#(data.projectID)", "title": "bulk \#(index)", "priority": \#(index % 5 + 1)}"#)
            }
            _ = database.takeCounts()
            let queries: [[(String, String)]] = [
                [("limit", "1")],
                [("limit", "50")],
                [("limit", "50"), ("filter", "priority > 1 && project_id.name ~ 'web'"), ("sort", "-priority,title")],
                [("limit", "50"), ("count", "none"), ("sort", "estimate_hours:nullsfirst")],
                [("limit", "5"), ("filter", "status in ('todo', 'done') || due_on is null"), ("count", "exact")],
                [("limit", "50"), ("expand", "project_id")],
                [("limit", "50"), ("expand", "project_id,comments"), ("filter", "priority > 1")],
            ]
            for parameters in queries {
                let reply = try await data.list(parameters)
                #expect(reply.status == .ok, "\(parameters): \(reply.text)")
                let counts = database.takeCounts()
                #expect(counts.roundTrips == 1, "\(parameters)")
                let expansions = parameters.first { $0.0 == "expand" }.map { $0.1.split(separator: ",").count } ?? 0
                #expect(counts.statements <= 2 + expansions, "\(parameters)")
            }
        }
        try await database.close()
    }
}
