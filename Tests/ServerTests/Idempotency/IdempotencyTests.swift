import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Runtime
import Testing

@testable import Server

/// `Idempotency-Key` on the tracker (default header name, key optional) and the layout app
/// (`X-Idempotency-Key`, required on batches), on the suite's engine.
@Suite("Idempotency keys")
struct IdempotencyTests {
    static let project = #"{"name": "Once", "owner_email": "ann@example.com"}"#
    static let key = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    static func keyed(_ value: String) -> HTTPFields { [key: value] }

    /// The number of tracker projects the standard caller sees.
    static func projectCount(_ app: TestApp) async throws -> Int {
        try #require(try await app.request(.get, "/v1/projects").object["total"] as? Int)
    }

    /// The states of every idempotency record.
    static func records(_ app: TestApp) async throws -> [String] {
        let rows = try await #require(app.database).fetch(SQLStatement("SELECT state FROM loom_idempotency ORDER BY state"))
        return rows.compactMap { if case .text(let state) = $0.values.first { state } else { nil } }
    }

    @Test("a repeat gets the first answer (status, body, Location, ETag) with Idempotent-Replayed, and writes nothing")
    func replay() async throws {
        try await TestApp.run("tracker") { app in
            let first = try await app.request(.post, "/v1/projects", json: Self.project, headers: Self.keyed("k-1"))
            #expect(first.status == .created)
            #expect(first.headers[Self.replayed] == nil)
            let second = try await app.request(.post, "/v1/projects", json: Self.project, headers: Self.keyed("k-1"))
            #expect(second.status == .created)
            #expect(second.bytes == first.bytes)
            #expect(second.headers[.location] == first.headers[.location])
            #expect(second.headers[.eTag] == first.headers[.eTag])
            #expect(second.headers[.contentType] == first.headers[.contentType])
            #expect(second.headers[Self.replayed] == "true")
            #expect(try await Self.projectCount(app) == 1)
            #expect(try await Self.records(app) == ["done"])
            // PATCH too.
            let id = try #require(first.object["id"] as? String)
            let patched = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"status": "paused"}"#, headers: Self.keyed("k-2"))
            let again = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"status": "paused"}"#, headers: Self.keyed("k-2"))
            #expect(patched.status == .ok && again.status == .ok)
            #expect(again.bytes == patched.bytes && again.headers[Self.replayed] == "true")
        }
    }

    @Test("the same key with another body is 422 naming the header; another caller's key space is its own")
    func anotherBody() async throws {
        try await TestApp.run("tracker") { app in
            _ = try await app.request(.post, "/v1/projects", json: Self.project, headers: Self.keyed("k-1"))
            let other = try await app.request(.post, "/v1/projects", json: #"{"name": "Twice", "owner_email": "ann@example.com"}"#, headers: Self.keyed("k-1"))
            #expect(other.status == .unprocessableContent)
            #expect(other.errorFields == ["Idempotency-Key"])
            let elsewhere = try await app.request(.post, "/v1/tasks", json: #"{"title": "x"}"#, headers: Self.keyed("k-1"))
            #expect(elsewhere.errorFields == ["Idempotency-Key"], "another path with the key is another request")
            let stranger = app.as(.organization("org-b", scopes: ["*"], user: "user-2"))
            let theirs = try await stranger.request(.post, "/v1/projects", json: Self.project, headers: Self.keyed("k-1"))
            #expect(theirs.status == .created && theirs.headers[Self.replayed] == nil)
        }
    }

    @Test("keys over 255 characters and empty keys are 400 naming the header")
    func malformedKey() async throws {
        try await TestApp.run("tracker") { app in
            let long = try await app.request(.post, "/v1/projects", json: Self.project, headers: Self.keyed(String(repeating: "k", count: 256)))
            #expect(long.status == .badRequest && long.errorFields == ["Idempotency-Key"])
            let empty = try await app.request(.post, "/v1/projects", json: Self.project, headers: Self.keyed(""))
            #expect(empty.status == .badRequest && empty.errorFields == ["Idempotency-Key"])
            let longest = try await app.request(.post, "/v1/projects", json: Self.project, headers: Self.keyed(String(repeating: "k", count: 255)))
            #expect(longest.status == .created)
        }
    }

    @Test("20 parallel first requests with one key write once; the others get 409 or the replay")
    func concurrentFirstRequests() async throws {
        try await TestApp.run("tracker") { app in
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, Bool).self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let reply = try await app.request(.post, "/v1/projects", json: Self.project, headers: Self.keyed("race"))
                        return (reply.status, reply.headers[Self.replayed] == "true")
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == (.created, false) }.count == 1, "\(statuses)")
            #expect(statuses.allSatisfy { $0.0 == .created || $0.0 == .conflict }, "\(statuses)")
            #expect(try await Self.projectCount(app) == 1)
        }
    }

    @Test("a write that fails (500) or is refused keeps no record: the key can be used again")
    func rolledBackReleases() async throws {
        try await TestApp.run("tracker", hooks: [BrokenHook()]) { app in
            let failed = try await app.request(.post, "/v1/projects", json: Self.project, headers: Self.keyed("k-1"))
            #expect(failed.status == .internalServerError)
            #expect(try await Self.records(app).isEmpty)
            let invalid = try await app.request(.post, "/v1/projects", json: #"{"name": 7}"#, headers: Self.keyed("k-2"))
            #expect(invalid.status == .unprocessableContent)
            #expect(try await Self.records(app).isEmpty)
        }
    }

    @Test("X-Idempotency-Key (headers.idempotencyKey) is read and required where the app says (layout batches)")
    func renamedAndRequired() async throws {
        try await TestApp.run("layout") { app in
            let name = HTTPField.Name("X-Idempotency-Key")!
            let batch = #"{"operations": [{"action": "create", "data": {"noteText": "hello"}}]}"#
            let missing = try await app.request(.post, "/api/notes/batch", json: batch)
            #expect(missing.status == .badRequest, "\(missing.text)")
            #expect(missing.errorFields == ["X-Idempotency-Key"])
            let first = try await app.request(.post, "/api/notes/batch", json: batch, headers: [name: "b-1"])
            #expect(first.status == .ok, "\(first.text)")
            let again = try await app.request(.post, "/api/notes/batch", json: batch, headers: [name: "b-1"])
            #expect(again.bytes == first.bytes && again.headers[Self.replayed] == "true")
            let standardName = try await app.request(.post, "/api/notes/batch", json: batch, headers: Self.keyed("b-1"))
            #expect(standardName.status == .badRequest, "the default name is not read when the app renames it")
        }
    }

    @Test("a custom endpoint that opts in (tracker's copy) replays its answer and copies once")
    func customEndpoint() async throws {
        try await TestApp.run("tracker") { app in
            let source = try await app.create("/v1/projects", Self.project)
            let id = try #require(source["id"] as? String)
            let first = try await app.request(.post, "/v1/projects/\(id)/copy", json: #"{"name": "Copy"}"#, headers: Self.keyed("c-1"))
            #expect(first.status == .created, "\(first.text)")
            let again = try await app.request(.post, "/v1/projects/\(id)/copy", json: #"{"name": "Copy"}"#, headers: Self.keyed("c-1"))
            #expect(again.status == .created && again.bytes == first.bytes && again.headers[Self.replayed] == "true")
            #expect(try await Self.projectCount(app) == 2)
            #expect(try await Self.records(app) == ["done"])
            let other = try await app.request(.post, "/v1/projects/\(id)/copy", json: #"{"name": "Other"}"#, headers: Self.keyed("c-1"))
            #expect(other.status == .unprocessableContent && other.errorFields == ["Idempotency-Key"])
            let missing = try await app.request(.post, "/v1/projects/\(UUID())/copy", json: #"{"name": "Gone"}"#, headers: Self.keyed("c-2"))
            #expect(missing.status == .notFound)
            #expect(try await Self.records(app) == ["done"], "a refusal before any write gives the key back")
        }
    }

    @Test("the purge removes expired records and keeps live ones")
    func purge() async throws {
        try await TestApp.run("tracker") { app in
            _ = try await app.request(.post, "/v1/projects", json: Self.project, headers: Self.keyed("k-1"))
            let database = try #require(app.database)
            let settings = IdempotencySettings()
            #expect(try await IdempotencyStore(database: database, settings: settings).purge() == 0)
            let later = IdempotencyStore(database: database, settings: settings, now: { Date().addingTimeInterval(86_401) })
            #expect(try await later.purge() == 1)
            #expect(try await Self.records(app).isEmpty)
            let fresh = try await app.request(.post, "/v1/projects", json: #"{"name": "Again", "owner_email": "ann@example.com"}"#, headers: Self.keyed("k-1"))
            #expect(fresh.status == .created && fresh.headers[Self.replayed] == nil)
        }
    }
}
