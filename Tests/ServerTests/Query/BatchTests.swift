import Foundation
import Testing

@testable import Server

/// `POST /<table>/batch`: all-or-nothing writes with per-item errors.
@Suite("Records: batch")
struct BatchTests {
    @Test("creates, updates, replaces and deletes in one transaction, answering per item in order")
    func mixedBatch() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let listener = try await data.list([("filter", "title = 'deploy site'")])
            let existing = try #require(listener.items.first?["id"] as? String)
            let removable = try #require(try await data.list([("filter", "title = 'Design_logo'")]).items.first?["id"] as? String)
            let reply = try await app.request(.post, "/v1/tasks/batch", json: """
                {"operations": [
                  {"action": "create", "data": {"project_id": "\(data.projectID)", "title": "batch one"}},
                  {"action": "update", "id": "\(existing)", "data": {"priority": 1}},
                  {"action": "delete", "id": "\(removable)"},
                  {"action": "replace", "id": "\(existing)", "data": {"project_id": "\(data.projectID)", "title": "replaced"}}
                ]}
                """)
            #expect(reply.status == .ok, "\(reply.text)")
            let results = try #require(reply.object["results"] as? [[String: Any]])
            #expect(results.map { $0["status"] as? Int } == [201, 200, 204, 200])
            #expect((results[0]["record"] as? [String: Any])?["title"] as? String == "batch one")
            #expect((results[3]["record"] as? [String: Any])?["priority"] as? Int == 3, "replace resets to the default")
            #expect(results[2]["id"] as? String == removable)
            let gone = try await app.request(.get, "/v1/tasks/\(removable)")
            #expect(gone.status == .notFound)
        }
    }

    @Test("one invalid item rejects the whole batch with per-item errors and writes nothing")
    func atomicity() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let before = try await data.list([])
            let reply = try await app.request(.post, "/v1/tasks/batch", json: """
                {"operations": [
                  {"action": "create", "data": {"project_id": "\(data.projectID)", "title": "would be fine"}},
                  {"action": "create", "data": {"project_id": "\(data.projectID)", "priority": 9}},
                  {"action": "delete", "id": "00000000-0000-0000-0000-000000000000"},
                  {"action": "explode"},
                  {"action": "update", "id": "not-a-key", "data": {}}
                ]}
                """)
            #expect(reply.status == .unprocessableContent)
            #expect(Set(reply.errorFields).isSuperset(of: [
                "operations[1].data.title", "operations[1].data.priority", "operations[3].action", "operations[4].id",
            ]), "\(reply.errorFields)")
            let missing = try await app.request(.post, "/v1/tasks/batch", json: """
                {"operations": [
                  {"action": "create", "data": {"project_id": "\(data.projectID)", "title": "would be fine"}},
                  {"action": "delete", "id": "00000000-0000-0000-0000-000000000000"}
                ]}
                """)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.errorFields == ["operations[1].id"])
            let notObject = try await app.request(.post, "/v1/tasks/batch", json: #"{"operations": [{"action": "create", "data": "x"}, {"action": "create"}]}"#)
            #expect(notObject.errorFields == ["operations[0].data", "operations[1].data"], "the member named is the one sent")
            let conflict = try await app.request(.post, "/v1/tasks/batch", json: """
                {"operations": [
                  {"action": "create", "data": {"project_id": "\(data.projectID)", "title": "a", "code": "AB-1"}},
                  {"action": "create", "data": {"project_id": "\(data.projectID)", "title": "b", "code": "AB-1"}}
                ]}
                """)
            #expect(conflict.status == .conflict)
            let after = try await data.list([])
            #expect(after.object["total"] as? Int == before.object["total"] as? Int, "nothing was written")
        }
    }

    @Test("an integer key written as a number with a zero fraction (42.0) names the record 42, as in field values")
    func integralNumberKeys() async throws {
        try await TestApp.run("bench") { app in
            let item = try await app.create("/v1/items", #"{"name": "mug", "price": 1}"#)
            let id = try #require(item["id"] as? Int)
            let reply = try await app.request(.post, "/v1/items/batch", json: """
                {"operations": [{"action": "update", "id": \(id).0, "data": {"price": 2}}]}
                """)
            #expect(reply.status == .ok, "\(reply.text)")
            let fraction = try await app.request(.post, "/v1/items/batch", json: """
                {"operations": [{"action": "delete", "id": \(id).5}]}
                """)
            #expect(fraction.status == .unprocessableContent)
            #expect(fraction.errorFields == ["operations[0].id"])
        }
    }

    @Test("the batch size limit and the body shape are enforced")
    func limits() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let one = #"{"action": "create", "data": {"project_id": "\#(data.projectID)", "title": "x"}}"#
            let tooMany = try await app.request(.post, "/v1/tasks/batch", json: #"{"operations": [\#(Array(repeating: one, count: 101).joined(separator: ","))]}"#)
            #expect(tooMany.status == .unprocessableContent)
            #expect(tooMany.text.contains("send 1 to 100"))
            for body in [#"{"operations": []}"#, #"{"ops": []}"#, #"[]"#, #"{"operations": [1]}"#] {
                let reply = try await app.request(.post, "/v1/tasks/batch", json: body)
                #expect(reply.status == .unprocessableContent, "\(body)")
            }
            let hundred = try await app.request(.post, "/v1/tasks/batch", json: #"{"operations": [\#(Array(repeating: one, count: 100).joined(separator: ","))]}"#)
            #expect(hundred.status == .ok)
        }
    }
}
