import Foundation
import Hummingbird
import Testing

@testable import Server

/// The tracker's comments are owner-only (`"owner": {"field": "author_id", "exceptScope": "moderation"}`):
/// other users of the same organization neither see nor change them, moderators do.
@Suite("Tenancy: owner rule")
struct OwnerRuleTests {
    static let author = TestCaller.organization("org-a", scopes: ["*"], user: "author")
    static let colleague = TestCaller.organization(
        "org-a", scopes: ["projects:read", "tasks:read", "tasks:write", "comments:read", "comments:write"], user: "colleague")
    static let moderator = TestCaller.organization("org-a", scopes: ["comments:read", "comments:write", "comments:delete", "tasks:read", "moderation"], user: "moderator")

    @Test("another user's comment is invisible and untouchable; the moderator and the author see it")
    func ownerOnly() async throws {
        try await TestApp.run("tracker", caller: Self.author) { app in
            let project = try await app.create("/v1/projects", #"{"name": "P", "owner_email": "p@p.io"}"#)["id"] as? String ?? ""
            let task = try await app.create("/v1/tasks", #"{"project_id": "\#(project)", "title": "t"}"#)["id"] as? String ?? ""
            let forged = try await app.request(
                .post, "/v1/comments", json: #"{"task_id": "\#(task)", "author_email": "a@a.io", "body": "mine", "author_id": "forged"}"#)
            #expect(forged.status == .unprocessableContent && forged.errorFields == ["author_id"], "the owner column is server-owned")
            let created = try await app.create("/v1/comments", #"{"task_id": "\#(task)", "author_email": "a@a.io", "body": "mine"}"#)
            let path = "/v1/comments/\(created["id"] as? Int ?? 0)"
            let colleague = app.as(Self.colleague)
            #expect(try await colleague.request(.get, path).status == .notFound)
            #expect(try await colleague.request(.patch, path, json: #"{"body": "edited"}"#).status == .notFound)
            #expect(try await colleague.request(.get, "/v1/comments").items.isEmpty)
            let expanded = try await colleague.request(.get, "/v1/tasks?expand=comments")
            #expect(expanded.status == .ok && !expanded.text.contains("mine"), "reverse expansion: \(expanded.text)")
            let nested = try await colleague.request(.get, "/v1/projects?expand=tasks.comments")
            #expect(nested.status == .ok && !nested.text.contains("mine"), "nested expansion: \(nested.text)")
            let own = try await colleague.create("/v1/comments", #"{"task_id": "\#(task)", "author_email": "c@a.io", "body": "theirs"}"#)
            #expect(try await colleague.request(.get, "/v1/comments").items.map { $0["body"] as? String } == ["theirs"])
            #expect(try await colleague.request(.patch, "/v1/comments/\(own["id"] as? Int ?? 0)", json: #"{"body": "ok"}"#).status == .ok)

            let moderator = app.as(Self.moderator)
            #expect(try await moderator.request(.get, "/v1/comments").items.count == 2)
            #expect(try await moderator.request(.get, "/v1/tasks?expand=comments").text.contains("mine"))
            #expect(try await moderator.request(.patch, path, json: #"{"pinned": true}"#).status == .ok)
            #expect(try await app.request(.get, path).object["pinned"] as? Bool == true)
            #expect(try await colleague.request(.delete, path).status == .forbidden, "members lack comments:delete")
            #expect(try await moderator.request(.delete, path).status == .noContent)
        }
    }
}
