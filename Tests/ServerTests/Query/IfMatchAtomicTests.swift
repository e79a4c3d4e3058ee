import Foundation
import Hummingbird
import HummingbirdTesting
import Runtime
import Testing

@testable import Server

/// `If-Match` check and write act as one: a write between them makes the request 412.
@Suite("Records: atomic If-Match")
struct IfMatchAtomicTests {
    @Test("a write landing between the If-Match read and the guarded write is never overwritten")
    func concurrentWriteIsDetected() async throws {
        let opened = try await TestDatabase.open("tracker")
        let database = CountingDatabase(opened.client)
        do {
            let app = try AppCatalog.app(named: "tracker", eventSettleInterval: 0)
            try await TestDatabase.migrate(app, on: database)
            let router = LoomServer.buildRouter(app: app, database: database, auth: TestAuthenticator())
            try await Application(router: router, logger: TestDatabase.logger).test(.router) { client in
                try await Self.exercise(try TestApp(client: client, app: app), database: database)
            }
        } catch {
            await opened.cleanup()
            throw error
        }
        await opened.cleanup()
    }

    private static func exercise(_ app: TestApp, database: CountingDatabase) async throws {
        let project = try await app.create("/v1/projects", #"{"name": "Web", "owner_email": "ann@example.com", "budget": 1234.56, "settings": {"a": [1, 2.5, null]}}"#)
        let projectID = try #require(project["id"] as? String)
        let task = try await app.create("/v1/tasks", """
            {"project_id": "\(projectID)", "title": "Typed", "details": "long", "code": "WEB-1", "estimate_hours": 0.1,
             "billable": true, "due_on": "2026-12-31", "completed_at": "2026-11-23T10:11:12.345Z",
             "assignee_email": "bo@example.com", "labels": ["x", {"y": 1}]}
            """)
        let taskID = try #require(task["id"] as? String)
        let path = "/v1/tasks/\(taskID)"
        func tag() async throws -> String { try #require(try await app.request(.get, path).headers[.eTag]) }

        // Unchanged record: the guard matches every column type on this engine.
        let patched = try await app.request(.patch, path, json: #"{"priority": 2}"#, headers: [.ifMatch: try await tag()])
        #expect(patched.status == .ok, "\(patched.text)")
        let replaced = try await app.request(.put, "/v1/projects/\(projectID)", json: #"{"name": "Web", "owner_email": "ann@example.com", "budget": 99.5, "settings": {"b": true}}"#,
                                             headers: [.ifMatch: try #require(try await app.request(.get, "/v1/projects/\(projectID)").headers[.eTag])])
        #expect(replaced.status == .ok, "\(replaced.text)")

        // A write between the check and the guarded write: 412, and that write survives.
        let placeholder = database.dialect == .sqlite ? "?" : "$1"
        let sneaky = SQLStatement(#"UPDATE "tasks" SET "title" = 'sneaky' WHERE "id" = \#(placeholder)"#, [.uuid(try #require(UUID(uuidString: taskID)))])
        var current = try await tag()
        database.interpose([sneaky])
        let lostUpdate = try await app.request(.patch, path, json: #"{"title": "mine"}"#, headers: [.ifMatch: current])
        #expect(lostUpdate.status == .preconditionFailed, "\(lostUpdate.text)")
        #expect(try await app.request(.get, path).object["title"] as? String == "sneaky")

        current = try await tag()
        database.interpose([SQLStatement(#"UPDATE "tasks" SET "priority" = 5 WHERE "id" = \#(placeholder)"#, sneaky.binds)])
        let lostReplace = try await app.request(.put, path, json: #"{"project_id": "\#(projectID)", "title": "mine"}"#, headers: [.ifMatch: current])
        #expect(lostReplace.status == .preconditionFailed, "\(lostReplace.text)")

        current = try await tag()
        database.interpose([SQLStatement(#"UPDATE "tasks" SET "priority" = 4 WHERE "id" = \#(placeholder)"#, sneaky.binds)])
        let lostDelete = try await app.request(.delete, path, headers: [.ifMatch: current])
        #expect(lostDelete.status == .preconditionFailed, "\(lostDelete.text)")
        let survivor = try await app.request(.get, path)
        #expect(survivor.status == .ok)
        #expect(survivor.object["priority"] as? Int == 4)

        // Without interference the guarded delete goes through, on a soft-delete table too.
        let comment = try await app.create("/v1/comments", #"{"task_id": "\#(taskID)", "author_email": "a@b.io", "body": "hi"}"#)
        let commentPath = "/v1/comments/\(comment["id"] as? Int ?? 0)"
        let commentTag = try #require(try await app.request(.get, commentPath).headers[.eTag])
        #expect(try await app.request(.delete, commentPath, headers: [.ifMatch: commentTag]).status == .noContent)
        #expect(try await app.request(.delete, path, headers: [.ifMatch: try await tag()]).status == .noContent)
    }
}
