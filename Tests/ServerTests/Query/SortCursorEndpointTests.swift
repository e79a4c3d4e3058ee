import Foundation
import Testing

@testable import Server

/// Sorting, keyset cursors under concurrent inserts, and `count=none`.
@Suite("List: sort, cursor, count")
struct SortCursorEndpointTests {
    @Test("several sort keys, both directions, nulls first or last, key as tiebreak")
    func sorting() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            func titles(_ sort: String) async throws -> [String] {
                let reply = try await data.list([("sort", sort)])
                #expect(reply.status == .ok, "\(sort): \(reply.text)")
                return reply.items.compactMap { $0["title"] as? String }
            }
            let byPriority = try await titles("-priority,title")
            #expect(byPriority == ["WRITE tests", "Review it's fine", "deploy site", "Design_logo", "日本語 title", "Write 100% copy"])
            let nullsLast = try await titles("estimate_hours,title")
            #expect(nullsLast.suffix(2) == ["Design_logo", "WRITE tests"])
            let nullsFirst = try await titles("estimate_hours:nullsfirst,title")
            #expect(nullsFirst.prefix(3) == ["Design_logo", "WRITE tests", "Review it's fine"])
            let descendingDefault = try await titles("-due_on")
            #expect(descendingDefault.prefix(3).sorted() == ["Design_logo", "Review it's fine", "WRITE tests"])
            let filterable = try await data.list([("filter", "assignee_email is null")])
            #expect(filterable.status == .ok, "assignee_email is filterable but declared sortable: false")
            // The documented pattern allows a key twice (no regular expression can forbid it);
            // the first occurrence decides, so it is the same order as naming it once.
            #expect(try await titles("title,-title,title") == titles("title"))
            for bad in ["labels", "nope", "-", "title:up", "assignee_email"] {
                let reply = try await data.list([("sort", bad)])
                #expect(reply.status == .badRequest, "\(bad)")
                #expect(reply.errorFields == ["sort"], "\(bad)")
            }
        }
    }

    @Test("cursors walk every row exactly once while rows are inserted before and after the cursor")
    func cursorStability() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                var parameters = [("sort", "-priority,estimate_hours:nullsfirst"), ("limit", "2"), ("count", "none")]
                if let cursor { parameters.append(("cursor", cursor)) }
                let reply = try await data.list(parameters)
                #expect(reply.status == .ok, "\(reply.text)")
                #expect(reply.object["total"] is NSNull)
                seen += reply.items.compactMap { $0["title"] as? String }
                cursor = reply.object["next_cursor"] as? String
                pages += 1
                // A row that sorts before everything already seen (priority 5 first) must not shift the walk.
                try await app.create("/v1/tasks", #"{"project_id": "\#(data.projectID)", "title": "late \#(pages)", "priority": 5, "estimate_hours": 0}"#)
            } while cursor != nil && pages < 20
            let originals = ListQueryTestData.tasks.map(\.0)
            #expect(seen.filter { originals.contains($0) }.sorted() == originals.sorted())
            #expect(Set(seen).count == seen.count, "no row appears twice: \(seen)")
        }
    }

    @Test("a cursor is rejected with another sort, with offset, or when tampered with")
    func cursorRejections() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let first = try await data.list([("sort", "title"), ("limit", "2")])
            #expect(first.object["total"] as? Int == ListQueryTestData.tasks.count)
            let cursor = try #require(first.object["next_cursor"] as? String)
            let next = try await data.list([("sort", "title"), ("limit", "2"), ("cursor", cursor)])
            #expect(next.status == .ok)
            let firstTitles = first.items.compactMap { $0["title"] as? String }
            let nextTitles = next.items.compactMap { $0["title"] as? String }
            #expect(Set(firstTitles).isDisjoint(with: nextTitles))
            for parameters in [
                [("sort", "-title"), ("cursor", cursor)],
                [("sort", "title"), ("cursor", cursor), ("offset", "2")],
                [("sort", "title"), ("cursor", "not-a-cursor")],
                [("sort", "title"), ("cursor", String(cursor.dropLast(3)))],
                [("count", "maybe")],
            ] {
                let reply = try await data.list(parameters)
                #expect(reply.status == .badRequest, "\(parameters)")
            }
        }
    }
}
