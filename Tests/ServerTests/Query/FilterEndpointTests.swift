import Foundation
import Testing

@testable import Server

/// Every filter operator against a real database, and hostile filters answered with a 400.
@Suite("List: filter")
struct FilterEndpointTests {
    @Test("each operator selects exactly the matching rows")
    func operators() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let cases: [(String, [String])] = [
                ("status = 'todo'", ["Review it's fine", "WRITE tests", "Write 100% copy"]),
                ("status != 'todo'", ["Design_logo", "deploy site", "日本語 title"]),
                ("priority > 3", ["Review it's fine", "WRITE tests"]),
                ("priority >= 4", ["Review it's fine", "WRITE tests"]),
                ("priority < 2", ["Write 100% copy"]),
                ("priority <= 1", ["Write 100% copy"]),
                ("estimate_hours > 2", ["Write 100% copy", "deploy site", "日本語 title"]),
                ("estimate_hours != 8", ["Design_logo", "Review it's fine", "WRITE tests", "Write 100% copy", "日本語 title"]),
                ("title ~ 'write'", ["WRITE tests", "Write 100% copy"]),
                ("title !~ 'write'", ["Design_logo", "Review it's fine", "deploy site", "日本語 title"]),
                ("title ~ '100%'", ["Write 100% copy"]),
                ("title ~ '_'", ["Design_logo"]),
                ("title like 'Write%'", ["Write 100% copy"]),
                ("title like 'Design\\\\_logo'", ["Design_logo"]),
                ("title like '%\\\\%%'", ["Write 100% copy"]),
                ("title ilike 'write%'", ["WRITE tests", "Write 100% copy"]),
                ("title = 'Review it\\'s fine'", ["Review it's fine"]),
                ("title = '日本語 title'", ["日本語 title"]),
                ("status in ('done', 'in_progress')", ["Design_logo", "deploy site", "日本語 title"]),
                ("due_on is null", ["Design_logo", "Review it's fine"]),
                ("due_on is not null", ["WRITE tests", "Write 100% copy", "deploy site", "日本語 title"]),
                ("due_on >= '2026-02-01'", ["WRITE tests", "deploy site"]),
                ("billable = false && priority = 2", ["Design_logo", "日本語 title"]),
                ("(status = 'done' || priority = 1) && !(title ~ 'site')", ["Write 100% copy", "日本語 title"]),
                ("project_id.name = 'Ops'", ["Review it's fine", "WRITE tests", "日本語 title"]),
                ("project_id.status = 'paused' and priority < 3", ["日本語 title"]),
                ("project_id = '\(data.otherProjectID)' && not status = 'todo'", ["日本語 title"]),
            ]
            for (filter, expected) in cases {
                let titles = try await data.titles(filter: filter)
                #expect(titles == expected.sorted(), "filter: \(filter)")
            }
        }
    }

    @Test("malformed, hostile and unknown-field filters are a 400 naming the problem, never a 500")
    func rejections() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let cases: [(String, String)] = [
                ("status = 'todo'; DROP TABLE tasks", "unexpected character ';'"),
                ("status = 'todo' -- x", "unexpected character '-'"),
                ("title = 'x' OR 1=1", "expected a field name"),
                ("secret = 1", "secret is not a filterable field"),
                ("labels = 'x'", "labels is not a filterable field"),
                ("project_id.nope = 1", "names no filterable field of projects"),
                ("title.name = 'x'", "is not a relation field"),
                ("priority = 'high'", "priority must be an integer"),
                ("status = 'nope'", "status must be one of"),
                ("due_on > 'tomorrow'", "due_on"),
                ("priority ~ '1'", "is not a text field"),
                ("status = '\u{202E}'; --", "unexpected character ';'"),
                (String(repeating: "(", count: 100) + "a=1" + String(repeating: ")", count: 100), "nests deeper"),
                ("title = '" + String(repeating: "x", count: 5000) + "'", "at most 4096"),
            ]
            for (filter, fragment) in cases {
                let reply = try await data.list([("filter", filter)])
                #expect(reply.status == .badRequest, "\(filter.prefix(50)): \(reply.status)")
                #expect(reply.errorFields == ["filter"], "\(filter.prefix(50))")
                #expect(reply.text.contains(fragment), "\(filter.prefix(50)): \(reply.text.prefix(300))")
                #expect(!reply.text.contains("SELECT"), "no SQL in error bodies")
            }
            let still = try await data.list([])
            #expect(still.items.count == ListQueryTestData.tasks.count)
        }
    }
    @Test("form-encoded query strings (spaces as +, as browsers and HTTP clients send them) filter and sort")
    func formEncoded() async throws {
        try await TestApp.run("tracker") { app in
            _ = try await ListQueryTestData.make(app)
            let reply = try await app.request(.get, "/v1/tasks?filter=status+%3D+%27todo%27+%26%26+priority+%3E+3&sort=-priority")
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(reply.items.compactMap { $0["title"] as? String } == ["WRITE tests", "Review it's fine"])
            let plus = try await app.request(.get, "/v1/tasks?filter=title+~+%27100%25%27")
            #expect(plus.items.compactMap { $0["title"] as? String } == ["Write 100% copy"])
            let broken = try await app.request(.get, "/v1/tasks?filter=title+~+%2")
            #expect(broken.status == .badRequest)
            #expect(broken.errorFields == ["filter"])
        }
    }
}
