import Auth
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// API keys: shown once, listed by prefix and last four, scoped within the creator's scopes,
/// checksummed, revocable, rotatable with grace, expiring, and limited to CIDR ranges.
@Suite("Auth: API keys")
struct AuthAPIKeyTests {
    /// Creates a key with `body` and returns the answer's object, failing the test unless 201.
    func createKey(_ app: TestApp, _ account: SignedUp, _ body: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: any Sendable] {
        let reply = try await app.request(.post, TestApp.auth + "/api-keys", json: body, headers: account.headers)
        #expect(reply.status == .created, "create key answered \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
        return reply.object
    }

    @Test("the key is shown once; lists show prefix and last four; it authenticates with its scopes")
    func createListUse() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let created = try await createKey(app, account, #"{"name": "ci", "environment": "test", "scopes": ["tasks:read", "projects:read"]}"#)
            let key = try #require(created["key"] as? String)
            #expect(key.hasPrefix("sk_test_"))
            #expect(created["last_four"] as? String == String(key.suffix(4)))
            let list = try await app.request(.get, TestApp.auth + "/api-keys", headers: account.headers)
            #expect(list.items.count == 1)
            #expect(list.object["total"] as? Int == 1 && list.object["limit"] as? Int == 20 && list.object["offset"] as? Int == 0, "\(list.text)")
            #expect(list.items.first?["key"] == nil)
            #expect(!list.text.contains(key))
            #expect(list.items.first?["prefix"] as? String == "sk_test_")

            let identity = try await app.identity([APIKeyHeader.name: key])
            #expect(identity.status == .ok)
            #expect(identity.object["kind"] as? String == "api_key")
            #expect(identity.object["environment"] as? String == "test")
            #expect(identity.object["user_id"] as? String == account.userID)
            #expect(identity.object["scopes"] as? [String] == ["projects:read", "tasks:read"])
            let bearer = try await app.identity([.authorization: "Bearer \(key)"])
            #expect(bearer.status == .ok, "the tracker accepts keys as bearer tokens too")

            let used = try await app.request(.get, TestApp.auth + "/api-keys", headers: account.headers)
            #expect(used.items.first?["last_used_at"] is String)
            let manage = try await app.request(.get, TestApp.auth + "/api-keys", headers: [APIKeyHeader.name: key])
            #expect(manage.status == .forbidden, "keys cannot manage keys")
        }
    }

    @Test("scopes beyond the creator's are refused (403); a scope the app does not name and other bad input is 422")
    func scopeCeiling() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            for scope in ["*", "projects:write", "tasks:*", "webhooks:manage"] {
                let reply = try await app.request(
                    .post, TestApp.auth + "/api-keys", json: #"{"name": "x", "environment": "live", "scopes": ["\#(scope)"]}"#,
                    headers: account.headers)
                #expect(reply.status == .forbidden, "\(scope): \(reply.status)")
            }
            // A scope no role, route or family of the app names (a typo) is refused, not issued doing nothing.
            for scope in ["admin", "tasks:reed", "nope:*"] {
                let reply = try await app.request(
                    .post, TestApp.auth + "/api-keys", json: #"{"name": "x", "environment": "live", "scopes": ["tasks:read", "\#(scope)"]}"#,
                    headers: account.headers)
                #expect(reply.status == .unprocessableContent && reply.errorFields == ["scopes[1]"], "\(scope): \(reply.text)")
            }
            let badEnvironment = try await app.request(
                .post, TestApp.auth + "/api-keys", json: #"{"name": "x", "environment": "staging", "scopes": ["tasks:read"]}"#,
                headers: account.headers)
            #expect(badEnvironment.status == .unprocessableContent)
            #expect(badEnvironment.errorFields == ["environment"])
            let badRange = try await app.request(
                .post, TestApp.auth + "/api-keys",
                json: #"{"name": "x", "environment": "live", "scopes": ["tasks:read"], "allowed_cidrs": ["10.0.0.0/8", "nope"]}"#,
                headers: account.headers)
            #expect(badRange.status == .unprocessableContent)
            #expect(badRange.errorFields == ["allowed_cidrs[1]"])
            let past = try await app.request(
                .post, TestApp.auth + "/api-keys",
                json: #"{"name": "x", "environment": "live", "scopes": ["tasks:read"], "expires_at": "2001-01-01T00:00:00Z"}"#,
                headers: account.headers)
            #expect(past.status == .unprocessableContent)
            #expect(past.errorFields == ["expires_at"])
        }
    }

    @Test("a mistyped, unknown or revoked key is 401")
    func invalidKeys() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let created = try await createKey(app, account, #"{"name": "ci", "environment": "live", "scopes": ["tasks:read"]}"#)
            let key = try #require(created["key"] as? String)
            let id = try #require(created["id"] as? String)
            var typo = Array(key)
            typo[12] = typo[12] == "a" ? "b" : "a"
            let mistyped = try await app.identity([APIKeyHeader.name: String(typo)])
            #expect(mistyped.status == .unauthorized)
            #expect(mistyped.text.contains("checksum"))
            let unknownPrefix = try await app.identity([APIKeyHeader.name: "pk_live_" + key.dropFirst(8)])
            #expect(unknownPrefix.status == .unauthorized)

            let revoked = try await app.request(.delete, TestApp.auth + "/api-keys/\(id)", headers: account.headers)
            #expect(revoked.status == .noContent)
            let after = try await app.identity([APIKeyHeader.name: key])
            #expect(after.status == .unauthorized)
            let list = try await app.request(.get, TestApp.auth + "/api-keys", headers: account.headers)
            #expect(list.items.isEmpty)
            let again = try await app.request(.delete, TestApp.auth + "/api-keys/\(id)", headers: account.headers)
            #expect(again.status == .notFound)
        }
    }

    @Test("another user's key cannot be revoked or rotated (404)")
    func otherUsersKey() async throws {
        try await TestApp.run("tracker") { app in
            let owner = try await app.signUp()
            let intruder = try await app.signUp()
            let created = try await createKey(app, owner, #"{"name": "ci", "environment": "live", "scopes": ["tasks:read"]}"#)
            let id = try #require(created["id"] as? String)
            let revoke = try await app.request(.delete, TestApp.auth + "/api-keys/\(id)", headers: intruder.headers)
            #expect(revoke.status == .notFound)
            let rotate = try await app.request(.post, TestApp.auth + "/api-keys/\(id)/rotate", headers: intruder.headers)
            #expect(rotate.status == .notFound)
            let key = try #require(created["key"] as? String)
            let still = try await app.identity([APIKeyHeader.name: key])
            #expect(still.status == .ok)
        }
    }

    @Test("rotation: without grace the old key dies at once; with grace both work until it ends")
    func rotation() async throws {
        let clock = TestClock()
        try await TestApp.run("tracker", authOptions: AuthOptions(passwordHashCost: 4, clock: { clock.now })) { app in
            let account = try await app.signUp()
            let first = try await createKey(app, account, #"{"name": "ci", "environment": "live", "scopes": ["tasks:read"]}"#)
            let firstKey = try #require(first["key"] as? String)
            let firstID = try #require(first["id"] as? String)
            let rotated = try await app.request(.post, TestApp.auth + "/api-keys/\(firstID)/rotate", headers: account.headers)
            #expect(rotated.status == .created)
            let secondKey = try #require(rotated.object["key"] as? String)
            let secondID = try #require(rotated.object["id"] as? String)
            #expect(rotated.object["name"] as? String == "ci")
            let old = try await app.identity([APIKeyHeader.name: firstKey])
            #expect(old.status == .unauthorized)
            let new = try await app.identity([APIKeyHeader.name: secondKey])
            #expect(new.status == .ok)

            let graceful = try await app.request(
                .post, TestApp.auth + "/api-keys/\(secondID)/rotate", json: #"{"grace_seconds": 3600}"#, headers: account.headers)
            #expect(graceful.status == .created)
            let thirdKey = try #require(graceful.object["key"] as? String)
            let tooLong = try await app.request(
                .post, TestApp.auth + "/api-keys/\(secondID)/rotate", json: #"{"grace_seconds": 9999999}"#, headers: account.headers)
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.errorFields == ["grace_seconds"])
            let during = try await app.identity([APIKeyHeader.name: secondKey])
            #expect(during.status == .ok, "the old key works during the grace")
            clock.advance(seconds: 3601)
            let afterGrace = try await app.identity([APIKeyHeader.name: secondKey])
            #expect(afterGrace.status == .unauthorized)
            let third = try await app.identity([APIKeyHeader.name: thirdKey])
            #expect(third.status == .ok)
        }
    }

    @Test("a key stops working at its expiry")
    func expiry() async throws {
        let clock = TestClock()
        try await TestApp.run("tracker", authOptions: AuthOptions(passwordHashCost: 4, clock: { clock.now })) { app in
            let account = try await app.signUp()
            let expiresAt = ISO8601DateFormatter().string(from: clock.now.addingTimeInterval(3600))
            let created = try await createKey(
                app, account, #"{"name": "temp", "environment": "test", "scopes": ["tasks:read"], "expires_at": "\#(expiresAt)"}"#)
            let key = try #require(created["key"] as? String)
            let before = try await app.identity([APIKeyHeader.name: key])
            #expect(before.status == .ok)
            clock.advance(seconds: 3601)
            let after = try await app.identity([APIKeyHeader.name: key])
            #expect(after.status == .unauthorized)
        }
    }

    @Test("a key with an allowlist is refused (403) from elsewhere, accepted from inside it")
    func allowlist() async throws {
        try await TestApp.run("tracker", setup: .live) { app in
            let account = try await app.signUp()
            let outside = try await createKey(
                app, account, #"{"name": "office", "environment": "live", "scopes": ["tasks:read"], "allowed_cidrs": ["10.0.0.0/8"]}"#)
            #expect(outside["allowed_cidrs"] as? [String] == ["10.0.0.0/8"])
            let refused = try await app.identity([APIKeyHeader.name: try #require(outside["key"] as? String)])
            #expect(refused.status == .forbidden)
            let inside = try await createKey(
                app, account, #"{"name": "local", "environment": "live", "scopes": ["tasks:read"], "allowed_cidrs": ["127.0.0.1/8", "::1"]}"#)
            #expect(inside["allowed_cidrs"] as? [String] == ["127.0.0.0/8", "0:0:0:0:0:0:0:1/128"])
            let accepted = try await app.identity([APIKeyHeader.name: try #require(inside["key"] as? String)])
            #expect(accepted.status == .ok)
        }
    }
}

/// The API key header, as clients send it.
enum APIKeyHeader {
    static let name = HTTPField.Name("X-API-Key")!
}
