import Foundation
import Hummingbird
import HummingbirdTesting
import Runtime
import Testing

@testable import Server

/// Two `loom-server` instances (each with its own connection pool and HTTP server) on one
/// PostgreSQL schema behave like one: they migrate at once without applying anything twice, and
/// what one writes the other reads. Skipped unless `LOOM_TEST_DATABASE_URL` is set.
@Suite("Several instances on one PostgreSQL", .enabled(if: TestDatabase.usesPostgres))
struct SeveralInstancesTests {
    @Test("concurrent start-up migrations apply every step once; writes through one instance are read through the other")
    func twoInstances() async throws {
        let url = try #require(TestDatabase.postgresURL)
        try await TestDatabase.withTwoInstances(url: url) { first, second in
            let app = try AppCatalog.app(named: "tracker", eventSettleInterval: 0)
            async let firstReport = first.migrate(to: app.schema)
            async let secondReport = second.migrate(to: app.schema)
            let reports = try await [firstReport, secondReport]
            // The app has numbered migrations: each is one recorded step, applied by whichever
            // instance takes the migration lock first (each migration has its own transaction,
            // so the two may share the work), never by both.
            let stepCount = app.schema.migrations.count
            #expect(reports.map(\.applied.count).reduce(0, +) == stepCount)
            #expect(Set(reports.flatMap(\.applied)).count == stepCount)
            let history = try await first.fetch(SQLStatement("SELECT COUNT(*) FROM loom_migrations"))
            #expect(history.first?.values == [.integer(Int64(stepCount))])
            // The trail's table, as `serve` creates it (recorded as `tracker.audit`, after the count above).
            _ = try await AuditTrail.migrate(first, app: app.schema.app)

            let one = Application(router: LoomServer.buildRouter(app: app, database: first, auth: TestAuthenticator()), logger: TestDatabase.logger)
            let two = Application(router: LoomServer.buildRouter(app: app, database: second, auth: TestAuthenticator()), logger: TestDatabase.logger)
            try await one.test(.live) { oneClient in
                try await two.test(.live) { twoClient in
                    let writer = try TestApp(client: oneClient, app: app), reader = try TestApp(client: twoClient, app: app)
                    let project = try await writer.create("/v1/projects", #"{"name": "Shared", "owner_email": "ann@example.com"}"#)
                    let id = try #require(project["id"] as? String)
                    let read = try await reader.request(.get, "/v1/projects/\(id)")
                    #expect(read.status == .ok)
                    #expect(read.object["name"] as? String == "Shared")
                    let renamed = try await reader.request(.patch, "/v1/projects/\(id)", json: #"{"name": "Renamed"}"#)
                    #expect(renamed.status == .ok)
                    let list = try await writer.request(.get, "/v1/projects")
                    #expect(list.items.compactMap { $0["name"] as? String } == ["Renamed"])
                    let conflict = try await reader.request(.post, "/v1/projects", json: #"{"name": "Renamed", "owner_email": "bo@example.com"}"#)
                    #expect(conflict.status == .conflict, "a unique name taken through one instance conflicts through the other")
                }
            }
        }
    }
}
