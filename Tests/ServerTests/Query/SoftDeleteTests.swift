import Foundation
import Testing

@testable import Server

/// `softDelete` tables (tracker comments): DELETE stamps `deleted_at`, reads hide the row.
@Suite("Records: soft delete")
struct SoftDeleteTests {
    @Test("a deleted comment disappears from reads and writes but can be listed on request")
    func lifecycle() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let task = try #require(try await data.list([("limit", "1")]).items.first?["id"] as? String)
            let kept = try await app.create("/v1/comments", #"{"task_id": "\#(task)", "author_email": "a@b.io", "body": "keep"}"#)
            let gone = try await app.create("/v1/comments", #"{"task_id": "\#(task)", "author_email": "a@b.io", "body": "remove"}"#)
            #expect(kept["deleted_at"] is NSNull)
            let id = try #require(gone["id"] as? Int)
            let deleted = try await app.request(.delete, "/v1/comments/\(id)")
            #expect(deleted.status == .noContent)
            #expect(try await app.request(.get, "/v1/comments/\(id)").status == .notFound)
            #expect(try await app.request(.patch, "/v1/comments/\(id)", json: #"{"body": "x"}"#).status == .notFound)
            #expect(try await app.request(.delete, "/v1/comments/\(id)").status == .notFound)
            let live = try await data.list([], path: "/v1/comments")
            #expect(live.items.compactMap { $0["body"] as? String } == ["keep"])
            #expect(live.object["total"] as? Int == 1)
            let all = try await data.list([("deleted", "include"), ("sort", "id")], path: "/v1/comments")
            #expect(all.items.compactMap { $0["body"] as? String } == ["keep", "remove"])
            let only = try await data.list([("deleted", "only")], path: "/v1/comments")
            let stamp = try #require(only.items.first?["deleted_at"] as? String)
            #expect(stamp.hasSuffix("Z") && stamp.count == 24, "\(stamp)")
            let filtered = try await data.list([("deleted", "include"), ("filter", "deleted_at is not null")], path: "/v1/comments")
            #expect(filtered.items.count == 1)
            let bad = try await data.list([("deleted", "maybe")], path: "/v1/comments")
            #expect(bad.status == .badRequest)
            let notSoft = try await data.list([("deleted", "include")])
            #expect(notSoft.status == .badRequest)
            #expect(!notSoft.text.contains("deleted,"), "tables without softDelete do not offer the parameter")
        }
    }
}
