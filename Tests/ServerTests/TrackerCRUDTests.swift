import Foundation
import Runtime
import Testing

@testable import Server

@Suite("Tracker: CRUD")
struct TrackerCRUDTests {
    static let project = #"{"name": "Relaunch", "owner_email": "ann@example.com"}"#

    @Test("POST creates with defaults, 201 and Location; GET reads it back")
    func createAndGet() async throws {
        try await TestApp.run("tracker") { app in
            let reply = try await app.request(.post, "/v1/projects", json: Self.project)
            #expect(reply.status == .created)
            let object = reply.object
            let id = try #require(object["id"] as? String)
            #expect(UUID(uuidString: id) != nil)
            #expect(reply.headers[.location] == "/v1/projects/\(id)")
            #expect(object["status"] as? String == "active")
            #expect((object["settings"] as? [String: any Sendable])?.isEmpty == true)
            #expect(object["summary"] is NSNull)
            #expect((object["created_at"] as? String)?.hasSuffix("Z") == true)
            #expect(object["created_at"] as? String == object["updated_at"] as? String)

            let read = try await app.request(.get, "/v1/projects/\(id)")
            #expect(read.status == .ok)
            #expect(read.object["name"] as? String == "Relaunch")
            #expect(read.headers[.contentType] == "application/json")
        }
    }

    @Test("every field type round-trips through create and read")
    func everyFieldType() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create("/v1/projects", #"{"name": "Types", "owner_email": "a@b.io", "homepage": "https://example.com/x", "budget": 12.5, "settings": {"b": [1, true, null], "a": "x"}, "external_id": "6F9619FF-8B86-D011-B42D-00C04FC964FF", "summary": "long\ntext"}"#)
            let projectID = try #require(project["id"] as? String)
            #expect(project["budget"] as? Double == 12.5)
            #expect(project["external_id"] as? String == "6f9619ff-8b86-d011-b42d-00c04fc964ff")
            #expect((project["settings"] as? [String: any Sendable])?["a"] as? String == "x")
            let task = try await app.create("/v1/tasks", """
                {"project_id": "\(projectID)", "title": "T", "code": "WEB-42", "status": "in_progress", "priority": 1,
                 "estimate_hours": 2.5, "billable": true, "due_on": "2026-02-28", "completed_at": "2026-01-31T12:30:00+01:00",
                 "assignee_email": "bo@example.com", "labels": ["x", "y"]}
                """)
            #expect(task["billable"] as? Bool == true)
            #expect(task["priority"] as? Int == 1)
            #expect(task["due_on"] as? String == "2026-02-28")
            #expect(task["completed_at"] as? String == "2026-01-31T11:30:00.000Z")
            #expect(task["labels"] as? [String] == ["x", "y"])
            let taskID = try #require(task["id"] as? String)
            let comment = try await app.create("/v1/comments", #"{"task_id": "\#(taskID)", "author_email": "c@d.org", "body": "Looks good"}"#)
            #expect(comment["id"] as? Int == 1)
            #expect(comment["edit_count"] as? Int == 0)
            #expect(comment["pinned"] as? Bool == false)
        }
    }

    @Test("list pages with limit/offset and total, filters by equality")
    func listPagingAndFilters() async throws {
        try await TestApp.run("tracker") { app in
            for index in 0..<5 {
                let status = index < 2 ? "paused" : "active"
                try await app.create("/v1/projects", #"{"name": "P\#(index)", "owner_email": "o@example.com", "status": "\#(status)"}"#)
            }
            let all = try await app.request(.get, "/v1/projects")
            #expect(all.status == .ok)
            #expect(all.object["total"] as? Int == 5)
            #expect(all.object["limit"] as? Int == 20)
            #expect(all.items.count == 5)

            let page = try await app.request(.get, "/v1/projects?limit=2&offset=4")
            #expect(page.items.count == 1)
            #expect(page.object["total"] as? Int == 5)
            #expect(page.object["offset"] as? Int == 4)

            let paused = try await app.request(.get, "/v1/projects?status=paused")
            #expect(paused.object["total"] as? Int == 2)
            #expect(paused.items.allSatisfy { $0["status"] as? String == "paused" })
        }
    }

    @Test("PUT replaces every writable field; absent optional fields return to their defaults")
    func replace() async throws {
        try await TestApp.run("tracker") { app in
            let created = try await app.create("/v1/projects", #"{"name": "A", "owner_email": "a@example.com", "status": "paused", "budget": 10}"#)
            let id = try #require(created["id"] as? String)
            let reply = try await app.request(.put, "/v1/projects/\(id)", json: #"{"name": "B", "owner_email": "b@example.com"}"#)
            #expect(reply.status == .ok)
            #expect(reply.object["name"] as? String == "B")
            #expect(reply.object["status"] as? String == "active")
            #expect(reply.object["budget"] is NSNull)
            #expect(reply.object["created_at"] as? String == created["created_at"] as? String)

            let missing = try await app.request(.put, "/v1/projects/\(id)", json: #"{"name": "C"}"#)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.errorFields == ["owner_email"])
        }
    }

    @Test("PATCH changes only the fields sent, accepts null for nullable fields only")
    func patch() async throws {
        try await TestApp.run("tracker") { app in
            let created = try await app.create("/v1/projects", #"{"name": "A", "owner_email": "a@example.com", "budget": 10}"#)
            let id = try #require(created["id"] as? String)
            let reply = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"status": "archived", "budget": null}"#)
            #expect(reply.status == .ok)
            #expect(reply.object["name"] as? String == "A")
            #expect(reply.object["status"] as? String == "archived")
            #expect(reply.object["budget"] is NSNull)

            let invalid = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"name": null}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.errorFields == ["name"])
        }
    }

    @Test("DELETE answers 204, then the record is gone; deleting a project cascades to its tasks")
    func deleteAndCascade() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create("/v1/projects", Self.project)
            let id = try #require(project["id"] as? String)
            let task = try await app.create("/v1/tasks", #"{"project_id": "\#(id)", "title": "T"}"#)
            let taskID = try #require(task["id"] as? String)

            do {
                let reply = try await app.request(.delete, "/v1/projects/\(id)")
                #expect(reply.status == .noContent)
            }
            do {
                let reply = try await app.request(.get, "/v1/projects/\(id)")
                #expect(reply.status == .notFound)
            }
            do {
                let reply = try await app.request(.get, "/v1/tasks/\(taskID)")
                #expect(reply.status == .notFound)
            }
            do {
                let reply = try await app.request(.delete, "/v1/projects/\(id)")
                #expect(reply.status == .notFound)
            }
        }
    }

    @Test("integer primary keys count up and appear in Location")
    func integerKeys() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create("/v1/projects", Self.project)
            let task = try await app.create("/v1/tasks", #"{"project_id": "\#(project["id"] as? String ?? "")", "title": "T"}"#)
            let body = #"{"task_id": "\#(task["id"] as? String ?? "")", "author_email": "c@d.org", "body": "x"}"#
            try await app.create("/v1/comments", body)
            let second = try await app.request(.post, "/v1/comments", json: body)
            #expect(second.object["id"] as? Int == 2)
            #expect(second.headers[.location] == "/v1/comments/2")
            do {
                let reply = try await app.request(.get, "/v1/comments/2")
                #expect(reply.status == .ok)
            }
            do {
                let reply = try await app.request(.get, "/v1/comments/abc")
                #expect(reply.status == .notFound)
            }
        }
    }

    @Test("committed changes are reported to write hooks after commit")
    func recordChanges() async throws {
        let listener = RecordingHook()
        try await TestApp.run("tracker", hooks: [listener]) { app in
            let project = try await app.create("/v1/projects", Self.project)
            let id = try #require(project["id"] as? String)
            try await app.request(.patch, "/v1/projects/\(id)", json: #"{"status": "paused"}"#)
            try await app.request(.delete, "/v1/projects/\(id)")
            let failed = try await app.request(.post, "/v1/projects", json: #"{"name": 1}"#)
            #expect(failed.status == .unprocessableContent)
        }
        let changes = await listener.changes
        #expect(changes.map(\.operation) == [.created, .updated, .deleted])
        #expect(changes.allSatisfy { $0.table.name == "projects" })
        let updated = String(decoding: changes[1].after?.json ?? [], as: UTF8.self)
        #expect(updated.contains(#""status":"paused""#))
        #expect(changes[2].after == nil && changes[2].before?.record.primaryKeyText == changes[0].key, "a hard delete reports the deleted record")
    }
}
