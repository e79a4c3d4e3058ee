import Foundation
import Hummingbird
import Testing

@testable import Server

/// Generated scope checks: 401 without credentials, 403 naming the scope (before the body is
/// looked at), 403 naming the missing organization binding.
@Suite("Tenancy: permissions")
struct PermissionTests {
    /// The tracker's `viewer` role: read scopes only.
    static let viewer = TestCaller.organization("org-a", scopes: ["projects:read", "tasks:read", "comments:read"], user: "viewer")
    /// The tracker's `member` role.
    static let member = TestCaller.organization(
        "org-a", scopes: ["projects:read", "tasks:read", "tasks:write", "comments:read", "comments:write"], user: "member")

    @Test("no credentials: 401 on every generated route; the custom endpoint too")
    func anonymous() async throws {
        try await TestApp.run("tracker", caller: .anonymous) { app in
            for (method, path) in [(HTTPRequest.Method.get, "/v1/projects"), (.post, "/v1/projects"), (.get, "/v1/tasks/\(UUID())"),
                                   (.delete, "/v1/comments/1"), (.post, "/v1/tasks/batch"), (.post, "/v1/tasks/upsert"),
                                   (.get, "/v1/projects/\(UUID())/summary")] {
                let reply = try await app.request(method, path, json: method == .get || method == .delete ? nil : "{}")
                #expect(reply.status == .unauthorized, "\(method) \(path): \(reply.text)")
                #expect(reply.text.contains("UNAUTHENTICATED"))
            }
            #expect(try await app.request(.get, "/health").status == .ok, "built-in routes stay public")
        }
    }

    @Test("a caller holding only read scopes gets 403 naming the write or delete scope, before any body check")
    func readOnlyCaller() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create("/v1/projects", #"{"name": "P", "owner_email": "p@p.io"}"#)["id"] as? String ?? ""
            let viewer = app.as(Self.viewer)
            #expect(try await viewer.request(.get, "/v1/projects/\(project)").status == .ok)
            let cases: [(HTTPRequest.Method, String, String?, String)] = [
                (.post, "/v1/projects", #"{"not json"#, "projects:write"),
                (.put, "/v1/projects/\(project)", "{}", "projects:write"),
                (.patch, "/v1/projects/\(project)", "{}", "projects:write"),
                (.delete, "/v1/projects/\(project)", nil, "projects:delete"),
                (.post, "/v1/projects/upsert", "{}", "projects:write"),
                (.post, "/v1/projects/batch", #"{"operations": [{"action": "delete", "id": "\#(project)"}]}"#, "projects:delete"),
            ]
            for (method, path, body, scope) in cases {
                let reply = try await viewer.request(method, path, json: body)
                #expect(reply.status == .forbidden, "\(method) \(path): \(reply.text)")
                #expect(reply.text.contains(scope), "\(method) \(path) names \(scope): \(reply.text)")
            }
            // A member may write tasks but not delete them, also inside a batch.
            let member = app.as(Self.member)
            let task = try await member.create("/v1/tasks", #"{"project_id": "\#(project)", "title": "t"}"#)["id"] as? String ?? ""
            let batch = try await member.request(.post, "/v1/tasks/batch", json: #"""
                {"operations": [{"action": "update", "id": "\#(task)", "data": {"title": "u"}}, {"action": "delete", "id": "\#(task)"}]}
                """#)
            #expect(batch.status == .forbidden && batch.text.contains("tasks:delete"), "\(batch.text)")
            #expect(try await member.request(.delete, "/v1/tasks/\(task)").status == .forbidden)
            #expect(try await member.request(.get, "/v1/tasks/\(task)").object["title"] as? String == "t", "nothing was changed")
        }
    }

    @Test("the summary reads projects and tasks: a caller that may read only comments gets 403 naming the missing scope (issue 18, Medium)")
    func summaryNeedsTableScopes() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create("/v1/projects", #"{"name": "Hidden name", "owner_email": "p@p.io"}"#)["id"] as? String ?? ""
            let commentsOnly = app.as(TestCaller.organization("org-a", scopes: ["comments:read"], user: "reader"))
            let refused = try await commentsOnly.request(.get, "/v1/projects/\(project)/summary")
            #expect(refused.status == .forbidden && refused.text.contains("projects:read"), "\(refused.text)")
            #expect(!refused.text.contains("Hidden name"))
            let tasksOnly = app.as(TestCaller.organization("org-a", scopes: ["projects:read"], user: "reader"))
            #expect(try await tasksOnly.request(.get, "/v1/projects/\(project)/summary").status == .forbidden, "tasks:read is needed too")
            #expect(try await app.as(Self.viewer).request(.get, "/v1/projects/\(project)/summary").status == .ok)
        }
    }

    @Test("credentials bound to no organization get 403 naming the missing binding on tenant tables")
    func unbound() async throws {
        try await TestApp.run("tracker", caller: .unbound(scopes: ["*"])) { app in
            for path in ["/v1/projects", "/v1/tasks", "/v1/comments"] {
                let reply = try await app.request(.get, path)
                #expect(reply.status == .forbidden && reply.text.contains("organization"), "\(path): \(reply.text)")
            }
            let create = try await app.request(.post, "/v1/projects", json: #"{"name": "P", "owner_email": "p@p.io"}"#)
            #expect(create.status == .forbidden && create.text.contains("organization"))
        }
    }

    @Test("the OpenAPI document lists security, the required scope and 401/403 on every table operation")
    func document() async throws {
        try await TestApp.run("tracker") { app in
            let document = try await app.request(.get, "/openapi.json").object
            let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
            let list = try #require(paths["/v1/projects"]?["get"])
            #expect(list["x-required-scopes"] as? [String] == ["projects:read"])
            let security = try #require(list["security"] as? [[String: [String]]])
            #expect(security.map { $0.keys.sorted() } == [["bearerAuth"], ["apiKeyAuth"], ["cookieAuth"]])
            let responses = try #require(list["responses"] as? [String: Any])
            #expect(responses["401"] != nil && responses["403"] != nil)
            #expect((list["description"] as? String)?.contains("organization") == true)
            let batch = try #require(paths["/v1/tasks/batch"]?["post"])
            #expect(batch["x-required-scopes"] as? [String] == ["tasks:delete", "tasks:write"])
            let summary = try #require(paths["/v1/projects/{id}/summary"]?["get"])
            #expect(summary["x-required-scopes"] as? [String] == ["projects:read", "tasks:read"], "the summary declares what it reads")
            for (path, item) in paths where path.hasPrefix("/v1/") && !path.hasPrefix("/v1/auth") {
                for (method, operation) in item {
                    #expect(operation["security"] != nil, "\(method) \(path) documents its security")
                }
            }
        }
    }
}
