import Foundation
import Testing

@testable import Server

/// `expand=` side-loads related records.
@Suite("List: expand")
struct ExpandTests {
    @Test("expand= side-loads referenced records once by id, and referencing records per page record")
    func expandRelations() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let reply = try await data.list([("expand", "project_id"), ("filter", "project_id.name = 'Web'"), ("limit", "2")])
            #expect(reply.status == .ok, "\(reply.text)")
            let expanded = try #require((reply.object["expand"] as? [String: Any])?["project_id"] as? [String: Any])
            #expect(Array(expanded.keys) == [data.projectID])
            #expect((expanded[data.projectID] as? [String: Any])?["name"] as? String == "Web")
            let task = try #require(reply.items.first?["id"] as? String)
            try await app.create("/v1/comments", #"{"task_id": "\#(task)", "author_email": "a@b.io", "body": "first"}"#)
            let removed = try await app.create("/v1/comments", #"{"task_id": "\#(task)", "author_email": "a@b.io", "body": "removed"}"#)
            try await app.create("/v1/comments", #"{"task_id": "\#(task)", "author_email": "a@b.io", "body": "second"}"#)
            #expect(try await app.request(.delete, "/v1/comments/\(removed["id"] as? Int ?? 0)").status == .noContent)
            let withComments = try await data.list([("expand", "comments,project_id"), ("filter", "id = '\(task)'")])
            #expect(withComments.status == .ok, "\(withComments.text)")
            let byTask = try #require((withComments.object["expand"] as? [String: Any])?["comments"] as? [String: Any])
            let comments = try #require(byTask[task] as? [[String: Any]])
            #expect(comments.compactMap { $0["body"] as? String } == ["first", "second"], "soft-deleted comments are skipped")
            let single = try await data.list([("expand", "project_id"), ("sort", "title"), ("limit", "1")])
            let singleProjects = try #require((single.object["expand"] as? [String: Any])?["project_id"] as? [String: Any])
            #expect(Array(singleProjects.keys) == [data.projectID], "only records of returned rows, not of the look-ahead row")
            let plain = try await data.list([])
            #expect(plain.object["expand"] == nil)
            for bad in ["title", "nope", "project_id,project_id", ""] {
                let rejected = try await data.list([("expand", bad)])
                #expect(rejected.status == .badRequest, "\(bad)")
                #expect(rejected.errorFields == ["expand"], "\(bad)")
            }
        }
    }
}
