import Foundation
import Runtime
import Testing

@testable import Server

@Suite("Tracker: custom endpoint project_summary")
struct TrackerEndpointTests {
    @Test("counts tasks by status and lists overdue open tasks")
    func summary() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create("/v1/projects", #"{"name": "P", "owner_email": "a@b.io"}"#)
            let id = try #require(project["id"] as? String)
            for (status, due) in [("todo", "2026-01-01"), ("todo", "2026-06-01"), ("done", "2026-01-01"), ("in_progress", "2026-01-02")] {
                try await app.create("/v1/tasks", #"{"project_id": "\#(id)", "title": "\#(status)", "status": "\#(status)", "due_on": "\#(due)"}"#)
            }
            let reply = try await app.request(.get, "/v1/projects/\(id)/summary?as_of=2026-03-01")
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(reply.object["task_count"] as? Int == 4)
            #expect(reply.object["name"] as? String == "P")
            let byStatus = try #require(reply.object["by_status"] as? [String: any Sendable])
            #expect(byStatus["todo"] as? Int == 2)
            #expect(byStatus["in_progress"] as? Int == 1)
            #expect(byStatus["done"] as? Int == 1)
            let overdue = try #require(reply.object["overdue"] as? [[String: any Sendable]])
            #expect(overdue.map { $0["due_on"] as? String } == ["2026-01-01", "2026-01-02"])
        }
    }

    @Test("bad parameters are 400 naming them; an unknown project is 404")
    func badInput() async throws {
        try await TestApp.run("tracker") { app in
            let badID = try await app.request(.get, "/v1/projects/nope/summary")
            #expect(badID.status == .badRequest)
            #expect(badID.errorFields == ["id"])
            let missing = "6f9619ff-8b86-d011-b42d-00c04fc964ff"
            let badDay = try await app.request(.get, "/v1/projects/\(missing)/summary?as_of=tomorrow")
            #expect(badDay.errorFields == ["as_of"])
            let unknownParameter = try await app.request(.get, "/v1/projects/\(missing)/summary?verbose=1")
            #expect(unknownParameter.errorFields == ["verbose"])
            do {
                let reply = try await app.request(.get, "/v1/projects/\(missing)/summary")
                #expect(reply.status == .notFound)
            }
            do {
                let reply = try await app.request(.post, "/v1/projects/\(missing)/summary")
                #expect(reply.status == .methodNotAllowed)
            }
        }
    }
}
