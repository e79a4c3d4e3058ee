import Foundation
import Testing

@testable import Server

/// U+0000 is refused before it reaches the database: SQLite would store it, PostgreSQL cannot
/// (`TEXT` and `JSONB` reject it), so without the check the same request would be a 201 on one
/// engine and a 500 on the other.
@Suite("NUL characters")
struct NulCharacterTests {
    @Test("a NUL in a text field, a json field, a filter, a shorthand or a search is a 4xx naming it, on either engine")
    func refused() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create("/v1/projects", #"{"name": "Web", "owner_email": "ann@example.com"}"#)
            let projectID = try #require(project["id"] as? String)
            let text = try await app.request(.post, "/v1/projects", json: #"{"name": "a\u0000b", "owner_email": "bob@example.com"}"#)
            #expect(text.status == .unprocessableContent)
            #expect(text.errorFields == ["name"])
            #expect(text.text.contains("NUL"))
            let json = try await app.request(.patch, "/v1/projects/\(projectID)", json: #"{"settings": {"theme": ["dark\u0000"]}}"#)
            #expect(json.status == .unprocessableContent)
            #expect(json.errorFields == ["settings"])
            let key = try await app.request(.patch, "/v1/projects/\(projectID)", json: #"{"settings": {"a\u0000": 1}}"#)
            #expect(key.errorFields == ["settings"])
            for (query, field) in [("filter=name%20%3D%20%27a%00%27", "filter"), ("name=a%00", "name"), ("status=%00", "status")] {
                let reply = try await app.request(.get, "/v1/projects?\(query)")
                #expect(reply.status == .badRequest, "\(query)")
                #expect(reply.errorFields == [field], "\(query)")
            }
            let search = try await app.request(.get, "/v1/tasks?q=x%00y")
            #expect(search.status == .badRequest)
            #expect(search.errorFields == ["q"])
            let unchanged = try await app.request(.get, "/v1/projects/\(projectID)")
            #expect(unchanged.object["settings"] as? [String: any Sendable] != nil)
        }
    }
}
