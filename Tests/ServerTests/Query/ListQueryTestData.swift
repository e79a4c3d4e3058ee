import Foundation
import Testing

/// A tracker project with a known set of tasks, and helpers to ask the list route.
struct ListQueryTestData {
    let app: TestApp
    let projectID: String
    let otherProjectID: String

    /// Tasks: (title, status, priority, estimate_hours or null, due_on or null, project 0/1).
    static let tasks: [(String, String, Int, String, String, Int)] = [
        ("Write 100% copy", "todo", 1, "2.5", #""2026-01-10""#, 0),
        ("Design_logo", "in_progress", 2, "null", "null", 0),
        ("deploy site", "done", 3, "8", #""2026-02-01""#, 0),
        ("Review it's fine", "todo", 4, "1", "null", 1),
        ("WRITE tests", "todo", 5, "null", #""2026-03-15""#, 1),
        ("日本語 title", "done", 2, "4", #""2026-01-20""#, 1),
    ]

    /// Creates two projects and the tasks above.
    static func make(_ app: TestApp) async throws -> ListQueryTestData {
        let first = try await app.create("/v1/projects", #"{"name": "Web", "owner_email": "ann@example.com"}"#)
        let second = try await app.create("/v1/projects", #"{"name": "Ops", "owner_email": "bob@example.com", "status": "paused"}"#)
        let ids = [try #require(first["id"] as? String), try #require(second["id"] as? String)]
        for (title, status, priority, estimate, due, project) in tasks {
            let escaped = title.replacingOccurrences(of: "\"", with: "\\\"")
            try await app.create("/v1/tasks", """
                {"project_id": "\(ids[project])", "title": "\(escaped)", "status": "\(status)", "priority": \(priority),
                 "estimate_hours": \(estimate), "due_on": \(due)}
                """)
        }
        return ListQueryTestData(app: app, projectID: ids[0], otherProjectID: ids[1])
    }

    /// `GET /v1/tasks?<parameters>` with each value percent-encoded.
    func list(_ parameters: [(String, String)], path: String = "/v1/tasks") async throws -> Reply {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+;#%?")
        let query = parameters.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        return try await app.request(.get, path + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
    }

    /// Titles of the tasks matching `filter` (sorted by title for stable comparison).
    func titles(filter: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let reply = try await list([("filter", filter), ("limit", "100")])
        #expect(reply.status == .ok, "filter \(filter) answered \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
        return reply.items.compactMap { $0["title"] as? String }.sorted()
    }
}
