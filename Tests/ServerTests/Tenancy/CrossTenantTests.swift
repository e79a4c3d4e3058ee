import Foundation
import Hummingbird
import Testing

@testable import Server

/// Another organization's records are never seen or touched: 404 on key routes, absent from
/// lists, counts, searches, filters and expansions, and refused (422) as relation values.
@Suite("Tenancy: cross-tenant access")
struct CrossTenantTests {
    @Test("reads: get is 404, lists, counts, search and relation filters hold only the caller's organization")
    func reads() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await TenantFixture.make(app)
            let b = data.b
            #expect(try await b.request(.get, "/v1/projects/\(data.projectA)").status == .notFound)
            #expect(try await b.request(.get, "/v1/tasks/\(data.taskA)").status == .notFound)
            #expect(try await b.request(.get, "/v1/comments/\(data.commentA)").status == .notFound)
            let projects = try await b.request(.get, "/v1/projects")
            #expect(projects.items.map { $0["id"] as? String } == [data.projectB])
            #expect(projects.object["total"] as? Int == 1)
            let tasks = try await b.request(.get, "/v1/tasks?count=exact")
            #expect(tasks.items.map { $0["id"] as? String } == [data.taskB])
            #expect(tasks.object["total"] as? Int == 1)
            #expect(try await b.request(.get, "/v1/comments").items.isEmpty)
            #expect(try await b.request(.get, "/v1/tasks?q=secret").items.isEmpty, "search")
            #expect(try await b.request(.get, "/v1/tasks?filter=project_id.name%20~%20'Alpha'").items.isEmpty, "relation filter")
            #expect(try await b.request(.get, "/v1/tasks?code=AAA-1").items.isEmpty, "equality filter")
            #expect(try await b.request(.get, "/v1/projects/\(data.projectA)/summary").status == .notFound, "custom endpoint")
            #expect(try await data.a.request(.get, "/v1/projects/\(data.projectA)/summary").object["task_count"] as? Int == 1)
            // The owner of the data still sees it all.
            #expect(try await data.a.request(.get, "/v1/tasks?q=secret").items.count == 1)
            #expect(try await data.a.request(.get, "/v1/tasks?filter=project_id.name%20~%20'Alpha'").items.count == 1)
        }
    }

    @Test("expansions forward, reverse and nested load only the caller's organization's records")
    func expansions() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await TenantFixture.make(app)
            for path in ["/v1/tasks?expand=project_id", "/v1/projects?expand=tasks", "/v1/projects?expand=tasks.comments",
                         "/v1/comments?expand=task_id.project_id", "/v1/tasks?expand=comments.task_id"] {
                let reply = try await data.b.request(.get, path)
                #expect(reply.status == .ok, "\(path): \(reply.text)")
                #expect(!reply.text.contains(data.projectA) && !reply.text.contains(data.taskA) && !reply.text.contains("alpha only"), "\(path)")
            }
            let own = try await data.a.request(.get, "/v1/projects?expand=tasks.comments")
            #expect(own.text.contains("alpha only") && own.text.contains(data.taskA))
        }
    }

    @Test("writes: replace, update, delete, If-Match writes and restore of another organization's record are 404")
    func writes() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await TenantFixture.make(app)
            let b = data.b
            let project = "/v1/projects/\(data.projectA)"
            #expect(try await b.request(.put, project, json: #"{"name": "taken", "owner_email": "b@b.io"}"#).status == .notFound)
            #expect(try await b.request(.patch, project, json: #"{"name": "taken"}"#).status == .notFound)
            #expect(try await b.request(.delete, project).status == .notFound)
            let tag = try #require(try await data.a.request(.get, project).headers[.eTag])
            #expect(try await b.request(.put, project, json: #"{"name": "x", "owner_email": "b@b.io"}"#, headers: [.ifMatch: tag]).status == .notFound)
            #expect(try await b.request(.patch, project, json: #"{"name": "x"}"#, headers: [.ifMatch: tag]).status == .notFound)
            #expect(try await b.request(.delete, project, headers: [.ifMatch: tag]).status == .notFound)
            #expect(try await b.request(.patch, "/v1/comments/\(data.commentA)", json: #"{"body": "x"}"#).status == .notFound)
            #expect(try await data.a.request(.delete, "/v1/comments/\(data.commentA)").status == .noContent)
            #expect(try await b.request(.post, "/v1/comments/\(data.commentA)/restore").status == .notFound)
            #expect(try await data.a.request(.post, "/v1/comments/\(data.commentA)/restore").status == .ok)
            try await data.expectAUntouched()
        }
    }

    @Test("upsert matches only the caller's organization's record; batch ids of another organization are missing")
    func upsertAndBatch() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await TenantFixture.make(app)
            let b = data.b
            let upserted = try await b.request(.post, "/v1/tasks/upsert", json: #"{"project_id": "\#(data.projectB)", "title": "mine", "code": "AAA-1"}"#)
            #expect(upserted.status == .created, "same code in another organization is a new record: \(upserted.text)")
            #expect(upserted.object["id"] as? String != data.taskA)
            let project = try await b.request(.post, "/v1/projects/upsert", json: #"{"name": "Alpha site", "owner_email": "b@b.io"}"#)
            #expect(project.status == .created, "\(project.text)")
            let batch = try await b.request(.post, "/v1/tasks/batch", json: #"""
                {"operations": [{"action": "update", "id": "\#(data.taskA)", "data": {"title": "x"}},
                                {"action": "replace", "id": "\#(data.taskA)", "data": {"project_id": "\#(data.projectB)", "title": "x"}},
                                {"action": "delete", "id": "\#(data.taskA)"}]}
                """#)
            #expect(batch.status == .unprocessableContent)
            #expect(batch.errorFields == ["operations[0].id", "operations[1].id", "operations[2].id"])
            try await data.expectAUntouched()
        }
    }

    @Test("a relation to another organization's record is refused like a missing one (422), on create, update and batch")
    func relations() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await TenantFixture.make(app)
            let b = data.b
            let create = try await b.request(.post, "/v1/tasks", json: #"{"project_id": "\#(data.projectA)", "title": "sneaky"}"#)
            #expect(create.status == .unprocessableContent && create.errorFields == ["project_id"], "\(create.text)")
            let update = try await b.request(.patch, "/v1/tasks/\(data.taskB)", json: #"{"project_id": "\#(data.projectA)"}"#)
            #expect(update.status == .unprocessableContent && update.errorFields == ["project_id"], "\(update.text)")
            let replace = try await b.request(.put, "/v1/tasks/\(data.taskB)", json: #"{"project_id": "\#(data.projectA)", "title": "t"}"#)
            #expect(replace.status == .unprocessableContent && replace.errorFields == ["project_id"])
            let upsert = try await b.request(.post, "/v1/tasks/upsert", json: #"{"project_id": "\#(data.projectA)", "title": "t", "code": "BBB-1"}"#)
            #expect(upsert.status == .unprocessableContent && upsert.errorFields == ["project_id"])
            let comment = try await b.request(.post, "/v1/comments", json: #"{"task_id": "\#(data.taskA)", "author_email": "b@b.io", "body": "hi"}"#)
            #expect(comment.status == .unprocessableContent && comment.errorFields == ["task_id"])
            let batch = try await b.request(.post, "/v1/tasks/batch", json: #"""
                {"operations": [{"action": "create", "data": {"project_id": "\#(data.projectB)", "title": "fine"}},
                                {"action": "create", "data": {"project_id": "\#(data.projectA)", "title": "sneaky"}}]}
                """#)
            #expect(batch.status == .unprocessableContent && batch.errorFields == ["operations[1].data.project_id"], "\(batch.text)")
            #expect(try await data.a.request(.get, "/v1/projects/\(data.projectA)?expand=tasks").status == .ok)
            #expect(try await data.a.request(.get, "/v1/tasks?project_id=\(data.projectA)").items.count == 1)
        }
    }

    @Test("the tenant column is server-owned: a body naming another organization is dropped (tasks ignore server-owned members) or refused")
    func tenantFromCredentials() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await TenantFixture.make(app)
            let task = try await data.b.request(
                .post, "/v1/tasks", json: #"{"project_id": "\#(data.projectB)", "title": "forged", "organization_id": "org-a"}"#)
            #expect(task.status == .created, "\(task.text)")
            #expect(try await data.a.request(.get, "/v1/tasks?filter=title%20=%20'forged'").items.isEmpty)
            #expect(try await data.b.request(.get, "/v1/tasks?filter=title%20=%20'forged'").items.count == 1)
            let project = try await data.b.request(.post, "/v1/projects", json: #"{"name": "F", "owner_email": "b@b.io", "organization_id": "org-a"}"#)
            #expect(project.status == .unprocessableContent && project.errorFields == ["organization_id"])
        }
    }

    @Test("unique values are unique per organization; a conflict never names another organization's record")
    func uniquePerTenant() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await TenantFixture.make(app)
            // The same name and code in B are fine.
            _ = try await data.b.create("/v1/projects", #"{"name": "Alpha site", "owner_email": "b@b.io"}"#)
            _ = try await data.b.create("/v1/tasks", #"{"project_id": "\#(data.projectB)", "title": "t", "code": "AAA-1"}"#)
            // Within A they conflict, naming the field only.
            let again = try await data.a.request(.post, "/v1/projects", json: #"{"name": "Alpha site", "owner_email": "a@a.io"}"#)
            #expect(again.status == .conflict && again.errorFields == ["name"], "\(again.text)")
            let batch = try await data.b.request(.post, "/v1/tasks/batch", json: #"""
                {"operations": [{"action": "create", "data": {"project_id": "\#(data.projectB)", "title": "t", "code": "AAA-1"}}]}
                """#)
            #expect(batch.status == .conflict && batch.errorFields == ["operations[0].data.code"], "\(batch.text)")
            #expect(!batch.text.contains(data.taskA), "the conflict names B's own record, never A's")
        }
    }
}
