import Foundation
import Testing

@testable import Server

/// `POST /<table>/{id}/restore` on soft-delete tables.
@Suite("Records: restore")
struct RestoreTests {
    @Test("restore brings a soft-deleted record back; live records answer unchanged; unknown ids are 404")
    func restore() async throws {
        let listener = RecordingHook()
        try await TestApp.run("tracker", hooks: [listener]) { app in
            let data = try await ListQueryTestData.make(app)
            let task = try #require(try await data.list([]).items.first?["id"] as? String)
            let comment = try await app.create("/v1/comments", #"{"task_id": "\#(task)", "author_email": "a@b.io", "body": "back"}"#)
            let path = "/v1/comments/\(comment["id"] as? Int ?? 0)"
            #expect(try await app.request(.delete, path).status == .noContent)
            #expect(try await app.request(.get, path).status == .notFound)
            let restored = try await app.request(.post, path + "/restore")
            #expect(restored.status == .ok, "\(restored.text)")
            #expect(restored.object["deleted_at"] is NSNull)
            #expect(restored.object["body"] as? String == "back")
            #expect(restored.headers[.eTag] != nil)
            #expect(try await app.request(.get, path).status == .ok)
            let again = try await app.request(.post, path + "/restore")
            #expect(again.status == .ok)
            #expect(again.headers[.eTag] == restored.headers[.eTag])
            #expect(try await app.request(.post, "/v1/comments/999999/restore").status == .notFound)
            #expect(try await app.request(.post, "/v1/comments/abc/restore").status == .notFound)
            #expect(try await app.request(.post, "/v1/tasks/\(task)/restore").status == .notFound, "tasks are not soft-deleted")
        }
        let restoredChanges = await listener.changes.filter { $0.table.name == "comments" && $0.operation == .restored }
        #expect(restoredChanges.count == 1, "only the restore that changed something is announced")
    }

    @Test("a soft delete cascades to nothing; hard-deleting the parent removes live and soft-deleted children alike")
    func cascade() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let task = try #require(try await data.list([("filter", "title = 'deploy site'")]).items.first?["id"] as? String)
            let live = try await app.create("/v1/comments", #"{"task_id": "\#(task)", "author_email": "a@b.io", "body": "live"}"#)
            let deleted = try await app.create("/v1/comments", #"{"task_id": "\#(task)", "author_email": "a@b.io", "body": "deleted"}"#)
            let deletedPath = "/v1/comments/\(deleted["id"] as? Int ?? 0)"
            #expect(try await app.request(.delete, deletedPath).status == .noContent)
            // The soft-deleted comment still points at its task and comes back with it.
            let include = try await data.list([("deleted", "include"), ("task_id", task), ("sort", "id")], path: "/v1/comments")
            #expect(include.items.compactMap { $0["body"] as? String } == ["live", "deleted"])
            #expect(try await app.request(.post, deletedPath + "/restore").status == .ok)
            #expect(try await app.request(.delete, deletedPath).status == .noContent)

            // onDelete: cascade on the task removes both rows; nothing is left to restore.
            #expect(try await app.request(.delete, "/v1/tasks/\(task)").status == .noContent)
            let after = try await data.list([("deleted", "include"), ("task_id", task)], path: "/v1/comments")
            #expect(after.status == .ok, "\(after.text)")
            #expect(after.items.isEmpty)
            #expect(try await app.request(.get, "/v1/comments/\(live["id"] as? Int ?? 0)").status == .notFound)
            #expect(try await app.request(.post, deletedPath + "/restore").status == .notFound)
        }
    }
}
