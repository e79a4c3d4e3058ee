import Foundation
import Testing

@testable import Server

/// The SQL forms that differ most between the engines, run on whichever one the suite uses
/// (`.ci/with-postgres swift test` runs them on PostgreSQL): `websearch_to_tsquery` search,
/// `INSERT ... ON CONFLICT ... DO UPDATE ... RETURNING`, keyset cursors over uuid, timestamptz
/// and double precision values, and relation-path subqueries.
@Suite("Engine forms")
struct EngineFormTests {
    @Test("q: websearch_to_tsquery operators on PostgreSQL; every word required on SQLite FTS5")
    func searchSyntax() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            func titles(_ q: String) async throws -> [String] {
                let reply = try await data.list([("q", q)])
                #expect(reply.status == .ok, "\(q): \(reply.text)")
                return reply.items.compactMap { $0["title"] as? String }.sorted()
            }
            #expect(try await titles("WRITE copy") == ["Write 100% copy"])
            if TestDatabase.usesPostgres {
                #expect(try await titles("write -tests") == ["Write 100% copy"])
                #expect(try await titles("write or deploy") == ["WRITE tests", "Write 100% copy", "deploy site"])
                #expect(try await titles("\"write tests\"") == ["WRITE tests"])
            } else {
                #expect(try await titles("write or deploy") == [], "or is a word every match must contain")
                #expect(try await titles("\"write tests\"") == ["WRITE tests"])
            }
        }
    }

    @Test("upsert: ON CONFLICT DO UPDATE RETURNING gives back the stored record; concurrent upserts make one")
    func upsertReturning() async throws {
        try await TestApp.run("tracker") { app in
            let first = try await app.request(.post, "/v1/projects/upsert", json: #"{"name": "Same", "owner_email": "a@b.io", "budget": 0.1}"#)
            #expect(first.status == .created, "\(first.text)")
            let second = try await app.request(.post, "/v1/projects/upsert", json: #"{"name": "Same", "owner_email": "b@b.io", "settings": {"k": [1, 2]}}"#)
            #expect(second.status == .ok, "\(second.text)")
            #expect(second.object["id"] as? String == first.object["id"] as? String)
            #expect(second.object["owner_email"] as? String == "b@b.io")
            #expect(second.object["budget"] is NSNull, "replaced: absent nullable fields return to null")
            #expect((second.object["settings"] as? [String: Any])?["k"] as? [Int] == [1, 2])
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for index in 0..<8 {
                    group.addTask { try await app.request(.post, "/v1/projects/upsert", json: #"{"name": "Race", "owner_email": "r\#(index)@b.io"}"#) }
                }
                return try await group.reduce(into: [Reply]()) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == .created || $0.status == .ok }, "\(replies.map(\.text))")
            #expect(Set(replies.compactMap { $0.object["id"] as? String }).count == 1, "one record, whoever won")
            let list = try await app.request(.get, "/v1/projects?filter=name%20%3D%20'Race'")
            #expect(list.object["total"] as? Int == 1)
        }
    }

    @Test("cursors round-trip uuid, timestamp and double sort values exactly")
    func typedCursors() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let estimates = ["0.1", "0.30000000000000004", "0.3333333333333333", "1e-07", "2.5", "null"]
            for (index, estimate) in estimates.enumerated() {
                let completed = index == 5 ? "null" : "\"2026-11-2\(index)T10:11:12.\(index)45Z\""
                try await app.create("/v1/tasks", #"{"project_id": "\#(data.projectID)", "title": "typed \#(index)", "estimate_hours": \#(estimate), "completed_at": \#(completed)}"#)
            }
            for sort in ["estimate_hours", "-estimate_hours:nullslast", "-completed_at", "completed_at:nullsfirst,-estimate_hours", "id", "-created_at,estimate_hours"] {
                let whole = try await data.list([("sort", sort), ("limit", "100")])
                #expect(whole.status == .ok, "\(sort): \(whole.text)")
                let expected = whole.items.compactMap { $0["id"] as? String }
                var walked: [String] = []
                var cursor: String?
                repeat {
                    var parameters = [("sort", sort), ("limit", "1")]
                    if let cursor { parameters.append(("cursor", cursor)) }
                    let page = try await data.list(parameters)
                    #expect(page.status == .ok, "\(sort): \(page.text)")
                    walked += page.items.compactMap { $0["id"] as? String }
                    cursor = page.object["next_cursor"] as? String
                } while cursor != nil && walked.count <= expected.count
                #expect(walked == expected, "sort \(sort)")
                #expect(expected.count == 12)
            }
        }
    }

    @Test("relation paths become IN subqueries that combine with and, or and not")
    func relationSubqueries() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            #expect(try await data.titles(filter: "project_id.name ~ 'we'") == ["Design_logo", "Write 100% copy", "deploy site"])
            #expect(try await data.titles(filter: "project_id.status = 'paused' && priority < 5") == ["Review it's fine", "日本語 title"])
            #expect(try await data.titles(filter: "!(project_id.name = 'Web') || title = 'deploy site'") == ["Review it's fine", "WRITE tests", "deploy site", "日本語 title"])
            #expect(try await data.titles(filter: "project_id.id = '\(data.otherProjectID)' && project_id.created_at > '2000-01-01T00:00:00Z'").count == 3)
            #expect(try await data.titles(filter: "project_id.budget is null && project_id.name in ('Ops', 'None')").count == 3)
        }
    }
}
