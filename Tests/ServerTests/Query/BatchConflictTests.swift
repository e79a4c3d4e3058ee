import Foundation
import Testing

@testable import Server

/// A batch that fails on a unique or foreign-key constraint names the item that caused it.
@Suite("Records: batch conflicts")
struct BatchConflictTests {
    @Test("a unique conflict names operations[i].data.<field>, within the batch or with a stored record")
    func uniqueConflictNamesTheItem() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let stored = try await app.create("/v1/tasks", #"{"project_id": "\#(data.projectID)", "title": "coded", "code": "OPS-1"}"#)
            let storedID = try #require(stored["id"] as? String)
            let before = try await data.list([])
            let twice = try await app.request(.post, "/v1/tasks/batch", json: """
                {"operations": [
                  {"action": "create", "data": {"project_id": "\(data.projectID)", "title": "a", "code": "WEB-7"}},
                  {"action": "update", "id": "\(storedID)", "data": {"code": "OPS-1"}},
                  {"action": "create", "data": {"project_id": "\(data.projectID)", "title": "b", "code": "WEB-7"}}
                ]}
                """)
            #expect(twice.status == .conflict, "\(twice.text)")
            #expect(twice.errorFields == ["operations[2].data.code"], "keeping its own value is no conflict: \(twice.text)")
            let taken = try await app.request(.post, "/v1/tasks/batch", json: """
                {"operations": [
                  {"action": "create", "data": {"project_id": "\(data.projectID)", "title": "c", "code": "WEB-8"}},
                  {"action": "create", "data": {"project_id": "\(data.projectID)", "title": "d", "code": "OPS-1"}}
                ]}
                """)
            #expect(taken.status == .conflict, "\(taken.text)")
            #expect(taken.errorFields == ["operations[1].data.code"])
            #expect(taken.text.contains(storedID), "names the record holding the value")
            #expect(try await data.list([]).object["total"] as? Int == before.object["total"] as? Int, "nothing written")
        }
    }

    @Test("deleting a record another table still references names operations[i].id")
    func referencedDeleteNamesTheItem() async throws {
        try await TestApp.run("eventflow") { app in
            let admin = try await app.eventflowUser()
            let used = try #require(try await app.registerProducer("used", as: admin)["producer_id"] as? String)
            let unused = try #require(try await app.registerProducer("unused", as: admin)["producer_id"] as? String)
            let event = try await app.request(.post, "/api/v1/events", json: #"{"producer_id": "\#(used)", "event_type": "order.created", "payload": {}}"#)
            #expect(event.status == .accepted, "\(event.text)")
            let reply = try await app.request(.post, "/api/v1/producers/batch", json: """
                {"operations": [{"action": "delete", "id": "\(unused)"}, {"action": "delete", "id": "\(used)"}]}
                """)
            #expect(reply.status == .conflict, "\(reply.text)")
            #expect(reply.errorFields == ["operations[1].id"])
            #expect(try await app.request(.get, "/api/v1/producers/\(unused)").status == .ok, "nothing was deleted")
        }
    }

    @Test("relations to missing records name every item holding one: operations[i].data.<field>")
    func missingReferenceNamesTheItems() async throws {
        try await TestApp.run("tracker") { app in
            let data = try await ListQueryTestData.make(app)
            let missing = "6f9619ff-8b86-d011-b42d-00c04fc964ff"
            let before = try await data.list([])
            let reply = try await app.request(.post, "/v1/tasks/batch", json: """
                {"operations": [
                  {"action": "create", "data": {"project_id": "\(data.projectID)", "title": "fine"}},
                  {"action": "create", "data": {"project_id": "\(missing)", "title": "orphan"}},
                  {"action": "create", "data": {"project_id": "\(data.otherProjectID)", "title": "fine too"}},
                  {"action": "create", "data": {"project_id": "\(missing.uppercased())", "title": "orphan too"}}
                ]}
                """)
            #expect(reply.status == .unprocessableContent, "\(reply.text)")
            #expect(reply.errorFields == ["operations[1].data.project_id", "operations[3].data.project_id"])
            #expect(try await data.list([]).object["total"] as? Int == before.object["total"] as? Int, "nothing written")
        }
    }
}
