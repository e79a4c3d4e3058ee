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
            #expect(wrongMethod.headers[.allow] == "GET, POST")

            try await app.create("/api/v1/producers", #"{"name": "dup"}"#)
            let duplicate = try await app.request(.post, "/api/v1/producers", json: #"{"name": "dup"}"#)
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

    @Test("a consumer whose subscription is not a list of strings gets a clear 409")
    func invalidSubscription() async throws {
        try await TestApp.run("eventflow") { app in
            let consumer = try await app.create("/api/v1/consumers", #"{"name": "odd", "subscribed_event_types": {"x": 1}}"#)
            let id = try #require(consumer["consumer_id"] as? String)
            let reply = try await app.request(.get, "/api/v1/consumers/\(id)/events")
            #expect(reply.status == .conflict)
            #expect(reply.object["error_code"] as? String == "INVALID_SUBSCRIPTION")
        }
    }
}
