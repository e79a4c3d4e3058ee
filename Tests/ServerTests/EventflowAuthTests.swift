import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// EventFlow's auth model with real credentials: dashboard JWTs, producer API keys issued at
/// registration, consumer service tokens. Requests here carry real credentials or run as
/// `.anonymous`, never as the test identity.
@Suite("EventFlow auth")
struct EventflowAuthTests {
    private static let apiKeyHeader = HTTPField.Name("X-API-Key")!

    private static func key(_ key: String) -> HTTPFields { [apiKeyHeader: key] }
    private static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    @Test("login answers the contract's access_token, refresh_token and expires_in")
    func login() async throws {
        try await TestApp.run("eventflow", caller: .anonymous) { app in
            let user = try await app.eventflowUser(role: "viewer")
            let reply = try await app.request(
                .post, TestApp.eventflowAuth + "/login", json: #"{"email": "\#(user.email)", "password": "\#(user.password)"}"#)
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(reply.object["access_token"] is String)
            #expect(reply.object["refresh_token"] is String)
            #expect(reply.object["expires_in"] as? Int == 3600)
            #expect(Set(reply.object.keys) == ["access_token", "refresh_token", "expires_in"], "\(reply.text)")
        }
    }

    @Test("the refresh token is a JWT (typ rt+jwt) that rotates once; a reused, tampered or access token is refused")
    func jwtRefreshTokens() async throws {
        try await TestApp.run("eventflow", caller: .anonymous) { app in
            let user = try await app.eventflowUser(role: "viewer")
            let login = try await app.request(
                .post, TestApp.eventflowAuth + "/login", json: #"{"email": "\#(user.email)", "password": "\#(user.password)"}"#)
            let first = try #require(login.object["refresh_token"] as? String)
            let access = try #require(login.object["access_token"] as? String)
            let parts = first.split(separator: ".")
            #expect(parts.count == 3)
            let header = try #require(Self.jsonPart(parts[0]))
            #expect(header["typ"] as? String == "rt+jwt" && header["alg"] as? String == "HS256")
            let claims = try #require(Self.jsonPart(parts[1]))
            #expect(claims["token_type"] as? String == "refresh" && claims["sub"] is String && claims["exp"] is NSNumber)
            func refresh(_ token: String) async throws -> Reply {
                try await app.request(.post, TestApp.eventflowAuth + "/refresh", json: #"{"refresh_token": "\#(token)"}"#)
            }
            let rotated = try await refresh(first)
            #expect(rotated.status == .ok, "\(rotated.text)")
            let second = try #require(rotated.object["refresh_token"] as? String)
            #expect(second != first && second.split(separator: ".").count == 3)
            #expect(Set(rotated.object.keys) == ["access_token", "refresh_token", "expires_in"])
            var tampered = Array(second)
            tampered[tampered.count - 2] = tampered[tampered.count - 2] == "A" ? "B" : "A"
            #expect(try await refresh(String(tampered)).status == .unauthorized)
            #expect(try await refresh(access).status == .unauthorized, "an access token is not a refresh token")
            #expect(try await refresh(first).status == .unauthorized, "a used refresh token is refused")
            #expect(try await refresh(second).status == .unauthorized, "reuse revoked the whole session")
        }
    }

    /// One base64url JWT part decoded as a JSON object.
    static func jsonPart(_ part: Substring) -> [String: Any]? {
        var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    @Test("a registered producer's key is shown once, ingests as its producer and nothing else")
    func producerKey() async throws {
        try await TestApp.run("eventflow", caller: .anonymous) { app in
            let admin = try await app.eventflowUser()
            let producer = try await app.registerProducer("billing", as: admin)
            let producerID = try #require(producer["producer_id"] as? String)
            let key = try #require(producer["api_key"] as? String)
            #expect(key.hasPrefix("ef_live_"))
            #expect(producer["active"] as? Bool == true)
            #expect(producer["created_at"] is String)
            let stored = try await app.request(.get, "/api/v1/producers/\(producerID)", headers: admin.headers)
            #expect(stored.status == .ok)
            #expect(!stored.text.contains(key) && stored.object["api_key"] == nil)

            let event = #"{"event_type": "invoice.paid", "payload": {"n": 1}}"#
            let accepted = try await app.request(.post, "/api/v1/events", json: event, headers: Self.key(key))
            #expect(accepted.status == .accepted, "\(accepted.text)")
            let eventID = try #require(accepted.object["event_id"] as? String)
            let read = try await app.request(.get, "/api/v1/events/\(eventID)", headers: admin.headers)
            #expect(read.object["producer_id"] as? String == producerID)
            let asBearer = try await app.request(
                .post, "/api/v1/events", json: #"{"producer_id": "\#(producerID)", "event_type": "a", "payload": {}}"#, headers: Self.bearer(key))
            #expect(asBearer.status == .accepted)

            let other = try await app.registerProducer("shipping", as: admin)
            let otherID = try #require(other["producer_id"] as? String)
            let spoofed = try await app.request(
                .post, "/api/v1/events", json: #"{"producer_id": "\#(otherID)", "event_type": "a", "payload": {}}"#, headers: Self.key(key))
            #expect(spoofed.status == .forbidden)

            let missing = try await app.request(.post, "/api/v1/events", json: event)
            #expect(missing.status == .unauthorized)
            var wrong = Array(key)
            wrong[wrong.count - 10] = wrong[wrong.count - 10] == "a" ? "b" : "a"
            let mistyped = try await app.request(.post, "/api/v1/events", json: event, headers: Self.key(String(wrong)))
            #expect(mistyped.status == .unauthorized)

            for (method, path) in [(HTTPRequest.Method.get, "/api/v1/producers"), (.get, "/api/v1/events"), (.get, "/api/v1/consumers")] {
                let reply = try await app.request(method, path, headers: Self.key(key))
                #expect(reply.status == .forbidden, "\(method) \(path) with a producer key")
            }
            let register = try await app.request(.post, "/api/v1/producers", json: #"{"name": "rogue"}"#, headers: Self.key(key))
            #expect(register.status == .forbidden)
            let deactivate = try await app.request(.patch, "/api/v1/producers/\(producerID)", json: #"{"active": false}"#, headers: Self.key(key))
            #expect(deactivate.status == .forbidden)
        }
    }

    @Test("an inactive producer's key is refused; registering needs an admin's access token")
    func inactiveAndRegistration() async throws {
        try await TestApp.run("eventflow", caller: .anonymous) { app in
            let admin = try await app.eventflowUser()
            let producer = try await app.registerProducer("legacy", as: admin)
            let producerID = try #require(producer["producer_id"] as? String)
            let key = try #require(producer["api_key"] as? String)
            let patched = try await app.request(.patch, "/api/v1/producers/\(producerID)", json: #"{"active": false}"#, headers: admin.headers)
            #expect(patched.status == .ok)
            let refused = try await app.request(.post, "/api/v1/events", json: #"{"event_type": "a", "payload": {}}"#, headers: Self.key(key))
            #expect(refused.status == .forbidden)
            #expect(refused.object["error_code"] as? String == "PRODUCER_INACTIVE")

            let viewer = try await app.eventflowUser(role: "viewer")
            let byViewer = try await app.request(.post, "/api/v1/producers", json: #"{"name": "x"}"#, headers: viewer.headers)
            #expect(byViewer.status == .forbidden)
            let anonymous = try await app.request(.post, "/api/v1/producers", json: #"{"name": "x"}"#)
            #expect(anonymous.status == .unauthorized)
            let batch = try await app.request(
                .post, "/api/v1/producers/batch", json: #"{"operations": [{"action": "create", "data": {"name": "keyless"}}]}"#, headers: admin.headers)
            #expect(batch.status == .unprocessableContent)
            let adminNeedsProducer = try await app.request(.post, "/api/v1/events", json: #"{"event_type": "a", "payload": {}}"#, headers: admin.headers)
            #expect(adminNeedsProducer.errorFields == ["producer_id"])
            let list = try await app.request(.get, "/api/v1/producers?name=x", headers: admin.headers)
            #expect(list.object["total"] as? Int == 0)
        }
    }

    @Test("a consumer's service token fetches its own events only; admins fetch any")
    func consumerToken() async throws {
        try await TestApp.run("eventflow", caller: .anonymous) { app in
            let admin = try await app.eventflowUser()
            let producer = try await app.registerProducer("shop", as: admin)
            let key = try #require(producer["api_key"] as? String)
            let first = try await app.registerConsumer("analytics", types: ["order.created"], as: admin)
            let second = try await app.registerConsumer("audit", types: [], as: admin)
            let firstID = try #require(first["consumer_id"] as? String)
            let secondID = try #require(second["consumer_id"] as? String)
            let token = try #require(first["service_token"] as? String)
            #expect(token.hasPrefix("ef_live_") && first["service_token_id"] is String)
            #expect(first["subscribed_event_types"] as? [String] == ["order.created"])

            let sent = try await app.request(.post, "/api/v1/events", json: #"{"event_type": "order.created", "payload": {}}"#, headers: Self.key(key))
            #expect(sent.status == .accepted)
            let own = try await app.request(.get, "/api/v1/consumers/\(firstID)/events", headers: Self.bearer(token))
            #expect(own.status == .ok)
            #expect((own.object["events"] as? [[String: any Sendable]])?.count == 1)
            let foreign = try await app.request(.get, "/api/v1/consumers/\(secondID)/events", headers: Self.bearer(token))
            #expect(foreign.status == .forbidden)
            let byAdmin = try await app.request(.get, "/api/v1/consumers/\(secondID)/events", headers: admin.headers)
            #expect(byAdmin.status == .ok)
            #expect((byAdmin.object["events"] as? [[String: any Sendable]])?.count == 1)

            let consumerIngests = try await app.request(.post, "/api/v1/events", json: #"{"event_type": "a", "payload": {}}"#, headers: Self.bearer(token))
            #expect(consumerIngests.status == .forbidden)
            let producerFetches = try await app.request(.get, "/api/v1/consumers/\(firstID)/events", headers: Self.key(key))
            #expect(producerFetches.status == .forbidden)
            let anonymous = try await app.request(.get, "/api/v1/consumers/\(firstID)/events")
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("dashboard users query events with their JWT; health stays public")
    func dashboard() async throws {
        try await TestApp.run("eventflow", caller: .anonymous) { app in
            let admin = try await app.eventflowUser()
            let producer = try await app.registerProducer("web", as: admin)
            let producerID = try #require(producer["producer_id"] as? String)
            let key = try #require(producer["api_key"] as? String)
            for type in ["page.viewed", "page.viewed", "user.signed_up"] {
                let reply = try await app.request(.post, "/api/v1/events", json: #"{"event_type": "\#(type)", "payload": {}}"#, headers: Self.key(key))
                #expect(reply.status == .accepted)
            }
            let viewer = try await app.eventflowUser(role: "viewer")
            let list = try await app.request(.get, "/api/v1/events?event_type=page.viewed&producer_id=\(producerID)", headers: viewer.headers)
            #expect(list.status == .ok)
            #expect(list.object["total"] as? Int == 2)
            let eventID = try #require(list.items.first?["event_id"] as? String)
            let one = try await app.request(.get, "/api/v1/events/\(eventID)", headers: viewer.headers)
            #expect(one.status == .ok)
            let ingest = try await app.request(
                .post, "/api/v1/events", json: #"{"producer_id": "\#(producerID)", "event_type": "a", "payload": {}}"#, headers: viewer.headers)
            #expect(ingest.status == .forbidden)
            let anonymous = try await app.request(.get, "/api/v1/events")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.object["error_code"] is String)
            let health = try await app.request(.get, "/api/v1/health")
            #expect(health.status == .ok)
        }
    }

    @Test("every operation declares its scope in the OpenAPI document; health is public")
    func documentedSecurity() async throws {
        try await TestApp.run("eventflow", caller: .anonymous) { app in
            let document = try await app.request(.get, "/openapi.json").object
            let paths = try #require(document["paths"] as? [String: [String: any Sendable]])
            func operation(_ method: String, _ path: String) -> [String: any Sendable] {
                paths[path]?[method] as? [String: any Sendable] ?? [:]
            }
            let expected: [(String, String, String)] = [
                ("post", "/api/v1/producers", "producers:write"), ("post", "/api/v1/consumers", "consumers:write"),
                ("post", "/api/v1/events", "ingest:events"), ("get", "/api/v1/events", "events:read"),
                ("get", "/api/v1/events/{id}", "events:read"), ("get", "/api/v1/consumers/{id}/events", "consume:events"),
            ]
            for (method, path, scope) in expected {
                let entry = operation(method, path)
                #expect(entry["x-required-scopes"] as? [String] == [scope], "\(method) \(path)")
                #expect((entry["security"] as? [Any])?.isEmpty == false, "\(method) \(path)")
            }
            #expect((operation("get", "/api/v1/health")["security"] as? [Any])?.isEmpty == true)
            #expect(paths["/api/v1/auth/login"]?["post"] != nil)
        }
    }
}
