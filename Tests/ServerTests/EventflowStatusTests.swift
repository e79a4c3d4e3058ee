import Foundation
import Runtime
import Testing

@testable import Server

@Suite("EventFlow: every error status in the flat format")
struct EventflowStatusTests {
    @Test("400, 404, 405, 409, 413, 415 and 422, each with error_code and request_id")
    func statuses() async throws {
        try await TestApp.run("eventflow") { app in
            let malformed = try await app.request(.post, "/api/v1/producers", json: "{nope")
            #expect(malformed.status == .badRequest)
            #expect(malformed.object["error_code"] as? String == "BAD_REQUEST")

            let unknownRoute = try await app.request(.get, "/api/v2/producers")
            #expect(unknownRoute.status == .notFound)

            let wrongMethod = try await app.request(.put, "/api/v1/events")
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "GET, HEAD, POST")

            let admin = try await app.eventflowUser()
            try await app.registerProducer("dup", as: admin)
            let duplicate = try await app.request(.post, "/api/v1/producers", json: #"{"name": "dup"}"#, headers: admin.headers)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.errorFields == ["name"])

            let large = #"{"producer_id": "6f9619ff-8b86-d011-b42d-00c04fc964ff", "event_type": "a", "payload": "\#(String(repeating: "x", count: 300_000))"}"#
            let tooLarge = try await app.request(.post, "/api/v1/events", json: large)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.object["error_code"] as? String == "PAYLOAD_TOO_LARGE")

            let form = try await app.request(.post, "/api/v1/events", json: "a=b", headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)

            let invalid = try await app.request(.post, "/api/v1/consumers", json: #"{"name": "", "subscribed_event_types": null}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(Set(invalid.errorFields) == ["name", "subscribed_event_types"])
            for reply in [malformed, unknownRoute, wrongMethod, duplicate, tooLarge, form, invalid] {
                #expect(reply.object["request_id"] as? String == reply.headers[.requestID])
                #expect(reply.object["message"] is String)
            }
        }
    }

    @Test("a subscription that is not a list of strings is a 422 at registration and a clear 409 at fetch")
    func invalidSubscription() async throws {
        try await TestApp.run("eventflow") { app in
            let admin = try await app.eventflowUser()
            let refused = try await app.request(
                .post, "/api/v1/consumers", json: #"{"name": "odd", "subscribed_event_types": {"x": 1}}"#, headers: admin.headers)
            #expect(refused.errorFields == ["subscribed_event_types"])
            let consumer = try await app.registerConsumer("odd", types: [], as: admin)
            let id = try #require(consumer["consumer_id"] as? String)
            let patched = try await app.request(.patch, "/api/v1/consumers/\(id)", json: #"{"subscribed_event_types": {"x": 1}}"#)
            #expect(patched.status == .ok)
            let reply = try await app.request(.get, "/api/v1/consumers/\(id)/events")
            #expect(reply.status == .conflict)
            #expect(reply.object["error_code"] as? String == "INVALID_SUBSCRIPTION")
        }
    }
}
