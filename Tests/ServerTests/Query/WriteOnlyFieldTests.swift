import Foundation
import Testing

@testable import Server

/// `writeOnly` fields (tracker `projects.webhook_secret`) are accepted but never come back.
@Suite("Records: write-only fields")
struct WriteOnlyFieldTests {
    static let secret = "s3cr3t-value-0123456789"

    @Test("a write-only field is validated and stored but absent from every response")
    func neverReturned() async throws {
        try await TestApp.run("tracker") { app in
            let created = try await app.request(.post, "/v1/projects", json: #"{"name": "A", "owner_email": "a@b.io", "webhook_secret": "\#(Self.secret)"}"#)
            #expect(created.status == .created)
            #expect(!created.text.contains("webhook_secret") && !created.text.contains(Self.secret))
            let id = try #require(created.object["id"] as? String)
            let replies = [
                try await app.request(.get, "/v1/projects/\(id)"),
                try await app.request(.get, "/v1/projects"),
                try await app.request(.patch, "/v1/projects/\(id)", json: #"{"summary": "x"}"#),
                try await app.request(.get, "/v1/tasks?expand=project_id"),
            ]
            for reply in replies {
                #expect(reply.status == .ok)
                #expect(!reply.text.contains("webhook_secret") && !reply.text.contains(Self.secret), "\(reply.text.prefix(200))")
            }
            let short = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"webhook_secret": "short"}"#)
            #expect(short.status == .unprocessableContent)
            #expect(short.errorFields == ["webhook_secret"])
        }
    }

    @Test("a write-only field cannot be filtered, sorted or selected")
    func notQueryable() async throws {
        try await TestApp.run("tracker") { app in
            let cases: [(String, String)] = [
                ("filter=webhook_secret%20%3D%20'x'", "filter"),
                ("sort=webhook_secret", "sort"),
                ("fields=webhook_secret", "fields"),
                ("webhook_secret=x", "webhook_secret"),
            ]
            for (query, field) in cases {
                let reply = try await app.request(.get, "/v1/projects?\(query)")
                #expect(reply.status == .badRequest, "\(query)")
                #expect(reply.errorFields == [field], "\(query)")
            }
        }
    }

    @Test("server-owned members can never be set by a client: 422 naming each")
    func serverOwnedMembers() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.request(.post, "/v1/projects", json: #"{"name": "A", "owner_email": "a@b.io", "id": "6f9619ff-8b86-d011-b42d-00c04fc964ff", "created_at": "2020-01-01T00:00:00Z"}"#)
            #expect(project.status == .unprocessableContent)
            #expect(Set(project.errorFields) == ["id", "created_at"])
            let comment = try await app.request(.post, "/v1/comments", json: #"{"task_id": "x", "author_email": "a@b.io", "body": "b", "deleted_at": null, "edit_count": 3}"#)
            #expect(comment.status == .unprocessableContent)
            #expect(Set(comment.errorFields).isSuperset(of: ["deleted_at", "edit_count"]))
        }
    }
}
