import Foundation
import Testing

@testable import Server

/// `POST /<table>/upsert` on the table's declared `upsertKey` (tracker projects: `name`).
@Suite("Records: upsert")
struct UpsertTests {
    @Test("the first upsert creates (201, Location), the next replaces the same record (200)")
    func createThenReplace() async throws {
        try await TestApp.run("tracker") { app in
            let first = try await app.request(.post, "/v1/projects/upsert", json: #"{"name": "Web", "owner_email": "a@b.io", "budget": 10}"#)
            #expect(first.status == .created, "\(first.text)")
            let id = try #require(first.object["id"] as? String)
            #expect(first.headers[.location] == "/v1/projects/\(id)")
            #expect(first.headers[.eTag] != nil)
            let second = try await app.request(.post, "/v1/projects/upsert", json: #"{"name": "Web", "owner_email": "c@d.io"}"#)
            #expect(second.status == .ok, "\(second.text)")
            #expect(second.object["id"] as? String == id)
            #expect(second.object["owner_email"] as? String == "c@d.io")
            #expect(second.object["budget"] is NSNull, "replace semantics: absent optional fields return to their defaults")
            #expect(second.object["created_at"] as? String == first.object["created_at"] as? String)
            #expect(second.headers[.location] == nil)
            let list = try await app.request(.get, "/v1/projects")
            #expect(list.object["total"] as? Int == 1)
        }
    }

    @Test("invalid bodies are 422 and other unique conflicts 409, as for create")
    func rejections() async throws {
        try await TestApp.run("tracker") { app in
            let missing = try await app.request(.post, "/v1/projects/upsert", json: #"{"owner_email": "a@b.io"}"#)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.errorFields == ["name"])
            let external = "6f9619ff-8b86-d011-b42d-00c04fc964ff"
            try await app.create("/v1/projects", #"{"name": "A", "owner_email": "a@b.io", "external_id": "\#(external)"}"#)
            let conflict = try await app.request(.post, "/v1/projects/upsert", json: #"{"name": "B", "owner_email": "a@b.io", "external_id": "\#(external)"}"#)
            #expect(conflict.status == .conflict)
            #expect(conflict.errorFields == ["external_id"])
            let noKey = try await app.request(.post, "/v1/comments/upsert", json: "{}")
            #expect(noKey.status == .notFound || noKey.status == .methodNotAllowed, "comments declare no upsert key")
        }
    }
}
