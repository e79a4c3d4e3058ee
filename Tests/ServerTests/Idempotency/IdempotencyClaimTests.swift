import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Runtime
@testable import Server

/// The claim itself: two PostgreSQL instances see one claim, and a claim taken over after its
/// timeout cannot finish (its write fails instead of writing twice).
@Suite("Idempotency claims")
struct IdempotencyClaimTests {
    static let project = IdempotencyTests.project
    static let settings = IdempotencySettings()

    @Test("a claim abandoned past its timeout is taken over, and the first request's write then fails with 409")
    func takenOverClaimCannotWrite() async throws {
        try await TestDatabase.with("tracker") { database in
            _ = try await IdempotencyRecords.migrate(database.client, app: "tracker")
            let start = Date()
            let first = IdempotencyStore(database: database.client, settings: Self.settings, now: { start })
            let later = IdempotencyStore(database: database.client, settings: Self.settings, now: { start.addingTimeInterval(61) })
            guard case .claimed(let abandoned) = try await first.admit(scope: "user:a", key: "k", fingerprint: "f", headerName: "Idempotency-Key")
            else { Issue.record("the first request did not claim the key"); return }
            await #expect(throws: APIError.self) {
                _ = try await first.admit(scope: "user:a", key: "k", fingerprint: "f", headerName: "Idempotency-Key")
            }
            guard case .claimed = try await later.admit(scope: "user:a", key: "k", fingerprint: "f", headerName: "Idempotency-Key")
            else { Issue.record("the abandoned claim was not taken over"); return }
            var plan = WritePlan()
            abandoned.complete(&plan, wrote: { _ in true }, answer: nil)
            do {
                _ = try await database.client.write(plan)
                Issue.record("the write of a taken-over claim committed")
            } catch let error as APIError {
                #expect(error.status == .conflict)
            }
            #expect(abandoned.outcome == .pending)
        }
    }

    @Test(
        "two instances on one PostgreSQL see one claim: the other answers 409 until it is released, then writes once",
        .enabled(if: TestDatabase.usesPostgres))
    func twoInstancesOneClaim() async throws {
        let url = try #require(TestDatabase.postgresURL)
        try await TestDatabase.withTwoInstances(url: url) { first, second in
            let app = try AppCatalog.app(named: "tracker", eventSettleInterval: 0)
            try await TestDatabase.migrate(app, on: first)
            let one = Self.application(app: app, database: first)
            let two = Self.application(app: app, database: second)
            try await one.test(.router) { oneClient in
                try await two.test(.router) { twoClient in
                    let clients = [try TestApp(client: oneClient, app: app), try TestApp(client: twoClient, app: app)]
                    // A claim held on the first instance's database, as a request in flight there holds it.
                    let store = IdempotencyStore(database: first, settings: Self.settings)
                    let fingerprint = Self.fingerprint(of: Self.project)
                    guard case .claimed(let held) = try await store.admit(
                        scope: "user:user-1", key: "k-1", fingerprint: fingerprint, headerName: "Idempotency-Key")
                    else { Issue.record("no claim"); return }
                    let blocked = try await clients[1].request(.post, "/v1/projects", json: Self.project, headers: IdempotencyTests.keyed("k-1"))
                    #expect(blocked.status == .conflict, "\(blocked.text)")
                    try await store.release(held)
                    // Then 20 requests with another key, alternating instances, write once.
                    let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                        for index in 0..<20 {
                            group.addTask {
                                try await clients[index % 2].request(.post, "/v1/projects", json: Self.project, headers: IdempotencyTests.keyed("k-2")).status
                            }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                    #expect(statuses.allSatisfy { $0 == .created || $0 == .conflict }, "\(statuses)")
                    #expect(try await IdempotencyTests.projectCount(clients[0]) == 1)
                }
            }
        }
    }

    /// What the middleware fingerprints for `POST /v1/projects` with `body`.
    static func fingerprint(of body: String) -> String {
        let head = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/v1/projects")
        return IdempotencyMiddleware.fingerprint(Request(head: head, body: .init(buffer: ByteBuffer())), body: ByteBuffer(string: body))
    }

    /// One instance: its own pool and middleware, with the test authenticator.
    static func application(app: GeneratedApp, database: PostgresDatabase) -> some ApplicationProtocol {
        var configuration = LoomServer.Configuration(port: 0)
        configuration.auth = TestAuthenticator()
        return LoomServer.buildApplication(app: app, database: database, configuration: configuration, logger: TestDatabase.logger)
    }
}
