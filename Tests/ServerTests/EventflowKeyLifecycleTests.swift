import Auth
import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// A producer's key after registration: rotated and revoked with the ordinary auth key routes
/// of the admin who registered it; another admin can issue a replacement; demoting the
/// registering admin kills it.
@Suite("EventFlow key lifecycle")
struct EventflowKeyLifecycleTests {
    private static func key(_ key: String) -> HTTPFields { [HTTPField.Name("X-API-Key")!: key] }
    private static let event = #"{"event_type": "a", "payload": {}}"#

    @Test("the registering admin rotates and revokes the producer key; another admin issues a new one")
    func rotateRevokeReissue() async throws {
        try await TestApp.run("eventflow", caller: .anonymous) { app in
            let admin = try await app.eventflowUser()
            let producer = try await app.registerProducer("billing", as: admin)
            let producerID = try #require(producer["producer_id"] as? String)
            let oldKey = try #require(producer["api_key"] as? String)
            let keyID = try #require(producer["api_key_id"] as? String)

            let rotated = try await app.request(.post, TestApp.eventflowAuth + "/api-keys/\(keyID)/rotate", headers: admin.headers)
            #expect(rotated.status == .created, "\(rotated.text)")
            let newKey = try #require(rotated.object["key"] as? String)
            let newID = try #require(rotated.object["id"] as? String)
            let withOld = try await app.request(.post, "/api/v1/events", json: Self.event, headers: Self.key(oldKey))
            #expect(withOld.status == .unauthorized)
            let withNew = try await app.request(.post, "/api/v1/events", json: Self.event, headers: Self.key(newKey))
            #expect(withNew.status == .accepted)
            let read = try await app.request(.get, "/api/v1/events/\(withNew.object["event_id"] as? String ?? "")", headers: admin.headers)
            #expect(read.object["producer_id"] as? String == producerID)

            let revoked = try await app.request(.delete, TestApp.eventflowAuth + "/api-keys/\(newID)", headers: admin.headers)
            #expect(revoked.status == .noContent)
            let afterRevoke = try await app.request(.post, "/api/v1/events", json: Self.event, headers: Self.key(newKey))
            #expect(afterRevoke.status == .unauthorized)

            let other = try await app.eventflowUser()
            let issued = try await app.request(
                .post, TestApp.eventflowAuth + "/api-keys",
                json: #"{"name": "billing again", "environment": "live", "service": "\#(producerID)", "role": "producer"}"#, headers: other.headers)
            #expect(issued.status == .created, "\(issued.text)")
            let replacement = try #require(issued.object["key"] as? String)
            let withReplacement = try await app.request(.post, "/api/v1/events", json: Self.event, headers: Self.key(replacement))
            #expect(withReplacement.status == .accepted)
        }
    }

    @Test("a key never outlives its registering admin's scopes")
    func demotedAdmin() async throws {
        try await TestApp.run("eventflow", caller: .anonymous) { app in
            let admin = try await app.eventflowUser()
            let producer = try await app.registerProducer("billing", as: admin)
            let key = try #require(producer["api_key"] as? String)
            let database = try #require(app.database)
            let settings = try #require(try AppCatalog.app(named: "eventflow").auth)
            _ = try await AuthService.assignRole(email: admin.email, role: "viewer", settings: settings, database: database, app: "eventflow")
            let reply = try await app.request(.post, "/api/v1/events", json: Self.event, headers: Self.key(key))
            #expect(reply.status == .forbidden)
        }
    }
}
