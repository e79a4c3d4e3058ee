import Foundation
import Testing

@testable import Server

/// Server-owned members in write bodies: 422 on tables that reject them (tracker projects and
/// comments, the default), dropped on tables that ignore them (tracker tasks).
@Suite("Records: server-owned fields")
struct ServerOwnedFieldsTests {
    static let foreignID = "6f9619ff-8b86-d011-b42d-00c04fc964ff"

    @Test("serverOwnedFields ignore: create, replace, update, batch and upsert drop the key, timestamps and read-only members")
    func ignored() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let created = try await app.create("/v1/tasks", """
                {"id": "\(Self.foreignID)", "project_id": "\(data.projectID)", "title": "t", "created_at": "2020-01-01T00:00:00Z", "updated_at": 5}
                """)
            let id = try #require(created["id"] as? String)
            #expect(id != Self.foreignID)
            #expect(created["created_at"] as? String != "2020-01-01T00:00:00Z")

            // A record read can be sent back as is, with a change.
            var record: [String: Any] = try await app.request(.get, "/v1/tasks/\(id)").object
            record["title"] = "round trip"
            let body = String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
            let replaced = try await app.request(.put, "/v1/tasks/\(id)", json: body)
            #expect(replaced.status == .ok, "\(replaced.text)")
            #expect(replaced.object["title"] as? String == "round trip")
            #expect(replaced.object["created_at"] as? String == created["created_at"] as? String)

            let patched = try await app.request(.patch, "/v1/tasks/\(id)", json: #"{"id": "\#(Self.foreignID)", "updated_at": "2020-01-01T00:00:00Z", "priority": 1}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(patched.object["id"] as? String == id)
            #expect(patched.object["priority"] as? Int == 1)

            let batch = try await app.request(.post, "/v1/tasks/batch", json: """
                {"operations": [
                  {"action": "create", "data": {"id": "\(Self.foreignID)", "project_id": "\(data.projectID)", "title": "b"}},
                  {"action": "update", "id": "\(id)", "data": {"created_at": "2020-01-01T00:00:00Z", "priority": 2}}
                ]}
                """)
            #expect(batch.status == .ok, "\(batch.text)")
            #expect(try await app.request(.get, "/v1/tasks/\(Self.foreignID)").status == .notFound)

            let upserted = try await app.request(.post, "/v1/tasks/upsert", json: """
                {"id": "\(Self.foreignID)", "code": "UP-1", "project_id": "\(data.projectID)", "title": "u", "updated_at": "2020-01-01T00:00:00Z"}
                """)
            #expect(upserted.status == .created, "\(upserted.text)")
            #expect(upserted.object["id"] as? String != Self.foreignID)
            #expect(upserted.object["updated_at"] as? String != "2020-01-01T00:00:00Z")

            let unknown = try await app.request(.patch, "/v1/tasks/\(id)", json: #"{"nope": 1}"#)
            #expect(unknown.status == .unprocessableContent, "other unknown members are still a 422")
            #expect(unknown.errorFields == ["nope"])
        }
    }

    @Test("serverOwnedFields reject (default): create, replace, update, batch and upsert answer 422 naming the member")
    func rejected() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create("/v1/projects", #"{"name": "A", "owner_email": "a@b.io"}"#)
            let id = try #require(project["id"] as? String)
            let create = try await app.request(.post, "/v1/projects", json: #"{"name": "B", "owner_email": "a@b.io", "created_at": "2020-01-01T00:00:00Z"}"#)
            #expect(create.status == .unprocessableContent)
            #expect(create.errorFields == ["created_at"])
            let replace = try await app.request(.put, "/v1/projects/\(id)", json: #"{"id": "\#(id)", "name": "A", "owner_email": "a@b.io"}"#)
            #expect(replace.status == .unprocessableContent)
            #expect(replace.errorFields == ["id"])
            let update = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"updated_at": "2020-01-01T00:00:00Z"}"#)
            #expect(update.status == .unprocessableContent)
            #expect(update.errorFields == ["updated_at"])
            let batch = try await app.request(.post, "/v1/projects/batch", json: #"{"operations": [{"action": "update", "id": "\#(id)", "data": {"created_at": "2020-01-01T00:00:00Z"}}]}"#)
            #expect(batch.status == .unprocessableContent)
            #expect(batch.errorFields == ["operations[0].data.created_at"])
            let upsert = try await app.request(.post, "/v1/projects/upsert", json: #"{"id": "\#(id)", "name": "A", "owner_email": "a@b.io"}"#)
            #expect(upsert.status == .unprocessableContent)
            #expect(upsert.errorFields == ["id"])
        }
    }
}
