import Foundation
import Testing

@testable import Server

/// `q=` full-text search over `searchable` fields (tracker tasks: title, details) on SQLite FTS5.
@Suite("List: full-text search")
struct SearchTests {
    @Test("q finds every word in any searchable field, follows updates and deletes, combines with filter")
    func search() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            func titles(_ parameters: [(String, String)]) async throws -> [String] {
                let reply = try await data.list(parameters)
                #expect(reply.status == .ok, "\(parameters): \(reply.text)")
                return reply.items.compactMap { $0["title"] as? String }.sorted()
            }
            #expect(try await titles([("q", "write")]) == ["WRITE tests", "Write 100% copy"])
            #expect(try await titles([("q", "write copy")]) == ["Write 100% copy"])
            #expect(try await titles([("q", "write"), ("filter", "priority > 1")]) == ["WRITE tests"])
            let task = try #require(try await data.list([("filter", "title = 'deploy site'")]).items.first?["id"] as? String)
            #expect(try await app.request(.patch, "/v1/tasks/\(task)", json: #"{"details": "needs the kubernetes cluster"}"#).status == .ok)
            #expect(try await titles([("q", "Kubernetes")]) == ["deploy site"])
            #expect(try await app.request(.delete, "/v1/tasks/\(task)").status == .noContent)
            #expect(try await titles([("q", "kubernetes")]) == [])
        }
    }

    @Test("FTS syntax in q is only ever text: no 500, no injection")
    func hostileQueries() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            for q in ["\"", "write\" OR \"deploy", "NEAR(write tests)", "title:write", "*", "write AND", "'; DROP TABLE tasks; --", "日本語"] {
                let reply = try await data.list([("q", q)])
                #expect(reply.status == .ok, "\(q): \(reply.text)")
            }
            for q in ["", "   ", String(repeating: "a ", count: 20), String(repeating: "x", count: 300)] {
                let reply = try await data.list([("q", q)])
                #expect(reply.status == .badRequest, "\(q.prefix(20))")
                #expect(reply.errorFields == ["q"])
            }
            let projects = try await data.list([("q", "web")], path: "/v1/projects")
            #expect(projects.status == .badRequest, "projects declare no searchable field")
        }
    }
}
