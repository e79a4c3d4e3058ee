import Foundation
import Testing

@testable import Runtime
@testable import Server

/// `expand=` paths of more than one step, and the per-parent cap of reverse steps.
@Suite("List: nested expand")
struct NestedExpandTests {
    @Test("expand=a.b side-loads the relations of side-loaded records, adding the path it extends")
    func twoLevels() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let tasks = try await data.list([("filter", "project_id.name = 'Web'"), ("sort", "title")])
            let taskIDs = tasks.items.compactMap { $0["id"] as? String }
            #expect(taskIDs.count == 3)
            try await app.create("/v1/comments", #"{"task_id": "\#(taskIDs[0])", "author_email": "a@b.io", "body": "one"}"#)
            let removed = try await app.create("/v1/comments", #"{"task_id": "\#(taskIDs[0])", "author_email": "a@b.io", "body": "gone"}"#)
            try await app.create("/v1/comments", #"{"task_id": "\#(taskIDs[1])", "author_email": "a@b.io", "body": "two"}"#)
            #expect(try await app.request(.delete, "/v1/comments/\(removed["id"] as? Int ?? 0)").status == .noContent)

            // Forward then forward: comments -> task -> project.
            let comments = try await data.list([("expand", "task_id.project_id")], path: "/v1/comments")
            #expect(comments.status == .ok, "\(comments.text)")
            let expand = try #require(comments.object["expand"] as? [String: Any])
            #expect(Set(expand.keys) == ["task_id", "task_id.project_id"])
            #expect(Set((expand["task_id"] as? [String: Any] ?? [:]).keys) == Set(taskIDs.prefix(2)))
            let projects = try #require(expand["task_id.project_id"] as? [String: Any])
            #expect(Array(projects.keys) == [data.projectID])
            #expect((projects[data.projectID] as? [String: Any])?["name"] as? String == "Web")

            // Reverse then reverse: projects -> tasks -> comments, soft-deleted comments left out.
            let web = try await data.list([("expand", "tasks.comments"), ("filter", "name = 'Web'")], path: "/v1/projects")
            #expect(web.status == .ok, "\(web.text)")
            let webExpand = try #require(web.object["expand"] as? [String: Any])
            let tasksByProject = try #require(webExpand["tasks"] as? [String: Any])
            #expect((tasksByProject[data.projectID] as? [[String: Any]])?.count == 3)
            let commentsByTask = try #require(webExpand["tasks.comments"] as? [String: Any])
            #expect((commentsByTask[taskIDs[0]] as? [[String: Any]])?.compactMap { $0["body"] as? String } == ["one"])
            #expect((commentsByTask[taskIDs[1]] as? [[String: Any]])?.compactMap { $0["body"] as? String } == ["two"])

            // Reverse then forward, three steps: tasks -> comments -> task -> project.
            let deep = try await data.list([("expand", "comments.task_id.project_id"), ("filter", "id = '\(taskIDs[0])'")])
            #expect(deep.status == .ok, "\(deep.text)")
            let deepExpand = try #require(deep.object["expand"] as? [String: Any])
            #expect(Set(deepExpand.keys) == ["comments", "comments.task_id", "comments.task_id.project_id"])
            #expect(Array((deepExpand["comments.task_id.project_id"] as? [String: Any] ?? [:]).keys) == [data.projectID])

            for bad in ["comments.task_id.project_id.tasks", "project_id.nope", "project_id.", "project_id.tasks,project_id.tasks"] {
                let rejected = try await data.list([("expand", bad)])
                #expect(rejected.status == .badRequest, "\(bad): \(rejected.text)")
                #expect(rejected.errorFields == ["expand"], "\(bad)")
            }
        }
    }

    @Test("a reverse step lists at most 100 records per parent record")
    func perParentCap() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let task = try #require(try await data.list([("filter", "title = 'deploy site'")]).items.first?["id"] as? String)
            for batch in 0..<2 {
                let operations = (0..<60).map { index in
                    #"{"action": "create", "data": {"task_id": "\#(task)", "author_email": "a@b.io", "body": "c\#(batch)-\#(index)"}}"#
                }
                let reply = try await app.request(.post, "/v1/comments/batch", json: #"{"operations": [\#(operations.joined(separator: ","))]}"#)
                #expect(reply.status == .ok, "\(reply.text)")
            }
            let reply = try await data.list([("expand", "comments"), ("filter", "id = '\(task)'")])
            let byTask = try #require((reply.object["expand"] as? [String: Any])?["comments"] as? [String: Any])
            let comments = try #require(byTask[task] as? [[String: Any]])
            #expect(comments.count == 100)
            let ids = comments.compactMap { $0["id"] as? Int }
            #expect(ids == ids.sorted(), "the first 100 by key")
        }
    }

    @Test("the OpenAPI description of expand states the limits the server applies")
    func documentedLimits() async throws {
        try await TestApp.run("tracker") { app in
            let paths = try #require(try await app.request(.get, "/openapi.json").object["paths"] as? [String: Any])
            let list = try #require((paths["/v1/tasks"] as? [String: Any])?["get"] as? [String: Any])
            let parameters = try #require(list["parameters"] as? [[String: Any]])
            let expand = try #require(parameters.first { $0["name"] as? String == "expand" }?["description"] as? String)
            #expect(expand.contains("up to \(Expansion.maximumDepth) steps"))
            #expect(expand.contains("at most \(Expansion.maximumPaths) paths"))
            #expect(expand.contains("at most \(Expansion.perParentLimit) per record"))
            #expect(expand.contains("400 naming `expand`"))
        }
    }
}
