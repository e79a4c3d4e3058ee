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

    @Test("deep offsets (read in two steps on SQLite) give the same rows as a cursor walk, with filters, search, sort and expansions")
    func deepOffsets() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            // More rows than `ResolvedStatements.lateRowLookupOffset`, in both projects, with repeated priorities.
            let extra = 300
            for index in 0..<extra {
                let project = index % 5 == 0 ? data.otherProjectID : data.projectID
                let title = index % 2 == 0 ? "deep write \(index)" : "deep row \(index)"
                try await app.create("/v1/tasks", #"{"project_id": "\#(project)", "title": "\#(title)", "priority": \#(index % 5 + 1)}"#)
            }
            let total = ListQueryTestData.tasks.count + extra
            for base in [
                [("sort", "-priority,title")], [("filter", "project_id = '\(data.projectID)'")], [("q", "deep")],
                [("sort", "title"), ("expand", "project_id")], [],
            ] {
                // Every row in order, through cursors (each page at offset 0, the one-step statement).
                var walked: [[String: any Sendable]] = []
                var cursor: String?
                repeat {
                    var parameters = base + [("limit", "100"), ("count", "none")]
                    if let cursor { parameters.append(("cursor", cursor)) }
                    let reply = try await data.list(parameters)
                    #expect(reply.status == .ok, "\(base): \(reply.text)")
                    walked += reply.items
                    cursor = reply.object["next_cursor"] as? String
                } while cursor != nil && walked.count <= total
                #expect(walked.count >= 200, "\(base): \(walked.count) rows reach the two-step offsets")
                for offset in [199, 200, 210, walked.count - 15, walked.count] {
                    let reply = try await data.list(base + [("limit", "20"), ("offset", String(offset))])
                    #expect(reply.status == .ok, "\(base) offset \(offset): \(reply.text)")
                    let expected = walked.dropFirst(offset).prefix(20)
                    #expect(reply.items.compactMap { $0["id"] as? String } == expected.compactMap { $0["id"] as? String }, "\(base) offset \(offset)")
                    #expect(reply.object["total"] as? Int == walked.count, "\(base) offset \(offset)")
                    #expect((reply.object["next_cursor"] as? String != nil) == (offset + 20 < walked.count), "\(base) offset \(offset)")
                    if base.contains(where: { $0.0 == "expand" }) {
                        let expanded = (reply.object["expand"] as? [String: Any])?["project_id"] as? [String: Any] ?? [:]
                        let referenced = Set(reply.items.compactMap { $0["project_id"] as? String })
                        #expect(Set(expanded.keys) == referenced, "\(base) offset \(offset): the page's projects side-loaded")
                    }
                }
            }
        }
    }
}
