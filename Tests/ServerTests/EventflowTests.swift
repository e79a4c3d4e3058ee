import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

@Suite("EventFlow")
struct EventflowTests {
    @Test("errors use EventFlow's flat format {error_code, message, request_id}")
    func flatErrors() async throws {
        try await TestApp.run("eventflow") { app in
            let reply = try await app.request(.post, "/api/v1/producers", json: #"{"name": 5}"#)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.headers[.contentType] == "application/json")
            #expect(reply.object["error_code"] as? String == "VALIDATION_ERROR")
            #expect((reply.object["message"] as? String)?.contains("name") == true)
            #expect(reply.object["request_id"] as? String == reply.headers[.requestID])
            #expect(reply.errorFields == ["name"])
            do {
                let reply = try await app.request(.get, "/api/v1/nothing")
                #expect(reply.object["error_code"] as? String == "NOT_FOUND")
            }
        }
    }

    @Test("producers use producer_id as their key; events are ingested with 202 and read back")
    func ingest() async throws {
        try await TestApp.run("eventflow") { app in
            let producer = try await app.registerProducer("billing", as: try await app.eventflowUser())
            let producerID = try #require(producer["producer_id"] as? String)
            #expect(producer["active"] as? Bool == true)

            let accepted = try await app.request(
                .post, "/api/v1/events", json: #"{"producer_id": "\#(producerID)", "event_type": "order.created", "payload": {"id": 7}}"#)
            #expect(accepted.status == .accepted, "\(accepted.text)")
            #expect(accepted.object["status"] as? String == "ACCEPTED")
            let eventID = try #require(accepted.object["event_id"] as? String)

            let event = try await app.request(.get, "/api/v1/events/\(eventID)")
            #expect(event.object["event_version"] as? Int == 1)
            #expect((event.object["payload"] as? [String: any Sendable])?["id"] as? Int == 7)
            #expect(event.object["created_at"] as? String == accepted.object["received_at"] as? String)
            let list = try await app.request(.get, "/api/v1/events?event_type=order.created")
            #expect(list.object["total"] as? Int == 1)

            do {
                let reply = try await app.request(.delete, "/api/v1/events/\(eventID)")
                #expect(reply.headers[.allow] == "GET, HEAD")
            }
            let referenced = try await app.request(.delete, "/api/v1/producers/\(producerID)")
            #expect(referenced.status == .conflict)
        }
    }

    @Test("the event query takes event_type, producer_id, from, to and limit and answers {items, total}")
    func eventQuery() async throws {
        try await TestApp.run("eventflow") { app in
            let producer = try await app.registerProducer("billing", as: try await app.eventflowUser())
            let producerID = try #require(producer["producer_id"] as? String)
            for type in ["order.created", "order.created", "order.paid"] {
                let reply = try await app.request(
                    .post, "/api/v1/events", json: #"{"producer_id": "\#(producerID)", "event_type": "\#(type)", "payload": {}}"#)
                #expect(reply.status == .accepted, "\(reply.text)")
            }
            let all = try await app.request(.get, "/api/v1/events")
            #expect(Set(all.object.keys) == ["items", "total"], "\(all.text)")
            #expect(all.object["total"] as? Int == 3)
            let page = try await app.request(.get, "/api/v1/events?event_type=order.created&producer_id=\(producerID)&limit=1")
            #expect(page.items.count == 1 && page.object["total"] as? Int == 2, "\(page.text)")
            let receivedAt = try #require(all.items.last?["created_at"] as? String)
            let window = try await app.request(.get, "/api/v1/events?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z")
            #expect(window.object["total"] as? Int == 3, "\(window.text)")
            let before = try await app.request(.get, "/api/v1/events?to=2000-01-01T00:00:00Z")
            #expect(before.object["total"] as? Int == 0)
            let fromLast = try await app.request(.get, "/api/v1/events?from=\(receivedAt.replacingOccurrences(of: "+", with: "%2B"))")
            #expect((fromLast.object["total"] as? Int ?? 0) >= 1, "\(fromLast.text)")
            let bad = try await app.request(.get, "/api/v1/events?from=yesterday")
            #expect(bad.status == .badRequest || bad.status == .unprocessableContent, "\(bad.text)")
            #expect(bad.object["error_code"] is String)
        }
    }

    @Test("ingesting for an unknown producer or with a bad type is a 422 naming the field")
    func badEvents() async throws {
        try await TestApp.run("eventflow") { app in
            let unknown = try await app.request(
                .post, "/api/v1/events", json: #"{"producer_id": "6f9619ff-8b86-d011-b42d-00c04fc964ff", "event_type": "a", "payload": {}}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.errorFields == ["producer_id"])
            let badType = try await app.request(
                .post, "/api/v1/events", json: #"{"producer_id": "6f9619ff-8b86-d011-b42d-00c04fc964ff", "event_type": "Bad Type"}"#)
            #expect(Set(badType.errorFields) == ["event_type", "payload"])
        }
    }

    @Test("a consumer fetches its subscribed events once, in receive order")
    func consumerFetch() async throws {
        try await TestApp.run("eventflow") { app in
            let admin = try await app.eventflowUser()
            let producer = try await app.registerProducer("shop", as: admin)
            let producerID = producer["producer_id"] as? String ?? ""
            for type in ["order.created", "order.paid", "user.created", "order.created"] {
                let reply = try await app.request(
                    .post, "/api/v1/events", json: #"{"producer_id": "\#(producerID)", "event_type": "\#(type)", "payload": {}}"#)
                #expect(reply.status == .accepted)
            }
            let consumer = try await app.registerConsumer("analytics", types: ["order.created", "order.paid"], as: admin)
            let consumerID = try #require(consumer["consumer_id"] as? String)

            let first = try await app.request(.get, "/api/v1/consumers/\(consumerID)/events?limit=2")
            let firstEvents = try #require(first.object["events"] as? [[String: any Sendable]])
            #expect(firstEvents.map { $0["event_type"] as? String } == ["order.created", "order.paid"])
            let rest = try await app.request(.get, "/api/v1/consumers/\(consumerID)/events")
            let restEvents = try #require(rest.object["events"] as? [[String: any Sendable]])
            #expect(restEvents.map { $0["event_type"] as? String } == ["order.created"])
            let none = try await app.request(.get, "/api/v1/consumers/\(consumerID)/events")
            #expect((none.object["events"] as? [Any])?.isEmpty == true)

            let position = try await app.request(.get, "/api/v1/consumers/\(consumerID)")
            #expect(position.object["last_event_id"] as? String == restEvents.first?["event_id"] as? String)
            let readOnly = try await app.request(.patch, "/api/v1/consumers/\(consumerID)", json: #"{"last_event_id": null}"#)
            #expect(readOnly.errorFields == ["last_event_id"])
            do {
                let reply = try await app.request(.get, "/api/v1/consumers/\(consumerID)/events?limit=500")
                #expect(reply.errorFields == ["limit"])
            }
        }
    }

    @Test("the contract's own health endpoint answers UP")
    func contractHealth() async throws {
        try await TestApp.run("eventflow") { app in
            let reply = try await app.request(.get, "/api/v1/health")
            #expect(reply.status == .ok)
            #expect(reply.object["status"] as? String == "UP")
        }
    }
}

/// An app that declares no `auth.organizationRoles` (eventflow) gives an organization's owner the
/// default role's scopes and the organization's management, nothing more: founding an
/// organization at sign-up is not a way to admin rights.
@Suite("Default organization roles")
struct DefaultOrganizationRoleTests {
    @Test("a sign-up that founds an organization gets no scope beyond the default role's (403 on an admin route)")
    func foundingGivesNoMore() async throws {
        try await TestApp.run("eventflow") { app in
            let signup = try await app.as(.anonymous).request(
                .post, TestApp.eventflowAuth + "/signup",
                json: #"{"email": "founder@example.com", "password": "correct horse battery", "name": "Founder", "organization_name": "Acme", "organization_slug": "acme"}"#)
            #expect(signup.status == .created, "\(signup.text)")
            let token = try #require(signup.object["access_token"] as? String)
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            let identity = try await app.as(.anonymous).request(.get, TestApp.eventflowAuth + "/identity", headers: bearer)
            #expect(identity.object["organization_id"] is String, "the token is bound to the organization it founded: \(identity.text)")
            let producer = try await app.as(.anonymous).request(.post, "/api/v1/producers", json: #"{"name": "billing"}"#, headers: bearer)
            #expect(producer.status == .forbidden, "registering a producer needs producers:write, which viewers lack: \(producer.text)")
            #expect(try await app.as(.anonymous).request(.get, "/api/v1/producers", headers: bearer).status == .ok, "viewers read")
        }
    }
}
