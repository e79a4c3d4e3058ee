import Foundation
import HTTPTypes
import Testing

@testable import Server

/// The stationthis External API (`/work/shared/reference/stationthis-external-api.md`, here
/// `reference/stationthis-external-api.md`) point by point, in its order, against a live
/// `stationthis` server (SQLite, or PostgreSQL under `.ci/with-postgres`). Every answer is also
/// checked against the app's OpenAPI document by `TestApp`. This file: errors, sign-in, API keys,
/// the profile; `StationthisResourceContractTests` the rest. Points not served are named in the
/// README's stationthis section.
@Suite("stationthis contract: errors, sign-in, API keys, profile")
struct StationthisContractTests {
    @Test("Errors: {\"error\": {code, message}} with UNAUTHORIZED, INVALID_INPUT, NOT_FOUND, INVALID_CREDENTIALS, BAD_REQUEST, FORBIDDEN")
    func errors() async throws {
        try await TestApp.stationthis { app in
            let anonymous = try await app.request(.get, "/api/v1/collections")
            #expect(anonymous.status == .unauthorized && anonymous.stationError.code == "UNAUTHORIZED", "\(anonymous.text)")
            #expect(anonymous.stationError.message?.isEmpty == false)
            // Exactly the two members inside "error", nothing beside it.
            #expect(Set(anonymous.object.keys) == ["error"])
            #expect(Set((anonymous.object["error"] as? [String: any Sendable])?.keys ?? [:].keys) == ["code", "message"])
            let user = try await app.stationUser("ann@example.com")
            let invalid = try await app.request(.post, "/api/v1/collections", json: #"{"name": ""}"#, headers: TestApp.bearer(user.token))
            #expect(invalid.status == .badRequest && invalid.stationError.code == "INVALID_INPUT", "\(invalid.text)")
            #expect(invalid.stationError.message?.contains("name") == true, "\(invalid.text)")
            let malformed = try await app.request(.post, "/api/v1/collections", json: #"{"name": "#, headers: TestApp.bearer(user.token))
            #expect(malformed.status == .badRequest && malformed.stationError.code == "BAD_REQUEST", "\(malformed.text)")
            let missing = try await app.request(
                .get, "/api/v1/collections/\(UUID().uuidString.lowercased())", headers: TestApp.bearer(user.token))
            #expect(missing.status == .notFound && missing.stationError.code == "NOT_FOUND", "\(missing.text)")
            let wrong = try await app.request(.post, "/api/v1/auth/password", json: #"{"username":"ann@example.com","password":"wrong password"}"#)
            #expect(wrong.status == .unauthorized && wrong.stationError.code == "INVALID_CREDENTIALS", "\(wrong.text)")
            // A user's token on an admin operation.
            let forbidden = try await app.request(
                .post, "/api/v1/points/grant", json: #"{"userId":"\#(user.id)","amount":5}"#, headers: TestApp.bearer(user.token))
            #expect(forbidden.status == .forbidden && forbidden.stationError.code == "FORBIDDEN", "\(forbidden.text)")
        }
    }

    @Test("Login: POST /api/v1/auth/password {username, password}; an httpOnly SameSite=Lax jwt cookie of 12 h; the JWT as cookie or Bearer; CSRF token")
    func login() async throws {
        try await TestApp.stationthis { app in
            let user = try await app.stationUser("bob@example.com")
            // A browser's sign-in (it sends Origin): the JWT only as the cookie.
            let browser = try await app.request(
                .post, "/api/v1/auth/password", json: #"{"username":"bob@example.com","password":"\#(TestApp.stationPassword)"}"#,
                headers: [.origin: "http://localhost:5173"])
            #expect(browser.status == .ok, "\(browser.text)")
            #expect(browser.object["success"] as? Bool == true && browser.object["message"] as? String == "Authentication successful.", "\(browser.text)")
            #expect(browser.object["accessToken"] == nil)
            let cookies = AuthCookieTests.cookies(browser)
            let jwt = try #require(cookies["jwt"], "\(browser.headers)")
            #expect(jwt.attributes.contains("HttpOnly") && jwt.attributes.contains("SameSite=Lax"))
            #expect(jwt.attributes.contains("Max-Age=43200"), "\(jwt.attributes)")
            #expect(cookies["loom_access"] == nil)
            // The cookie alone authenticates; so does the bearer token.
            let byCookie = try await app.request(.get, "/api/v1/user/me", headers: [.cookie: "jwt=\(jwt.value)"])
            #expect(byCookie.status == .ok, "\(byCookie.text)")
            let byBearer = try await app.request(.get, "/api/v1/user/me", headers: TestApp.bearer(user.token))
            #expect(byBearer.status == .ok, "\(byBearer.text)")
            // The JWT carries the user (sub) and expires 12 hours after it was issued.
            let claims = try Self.claims(user.token)
            #expect(claims["sub"] as? String == user.id)
            if let issued = claims["iat"] as? Int, let expires = claims["exp"] as? Int { #expect(expires - issued == 43_200) } else {
                Issue.record("iat/exp missing: \(claims)")
            }
            // Writes authenticated by the cookie must echo the CSRF token in X-CSRF-Token.
            let header = AuthCookieTests.cookieHeader(cookies)
            let noToken = try await app.request(.post, "/api/v1/collections", json: #"{"name":"By cookie"}"#, headers: [.cookie: header])
            #expect(noToken.status == .forbidden && noToken.stationError.code == "CSRF_TOKEN_INVALID", "\(noToken.text)")
            let csrf = try #require(cookies["loom_csrf"]?.value)
            // GET /api/v1/csrf-token hands the same token to a page that cannot read the cookie.
            let fetched = try await app.request(.get, "/api/v1/csrf-token", headers: [.cookie: header])
            #expect(fetched.status == .ok && fetched.object["csrfToken"] as? String == csrf, "\(fetched.text)")
            let anonymousToken = try await app.request(.get, "/api/v1/csrf-token")
            #expect(anonymousToken.status == .unauthorized && anonymousToken.stationError.code == "UNAUTHORIZED", "\(anonymousToken.text)")
            let withToken = try await app.request(
                .post, "/api/v1/collections", json: #"{"name":"By cookie"}"#, headers: [.cookie: header, HTTPField.Name("X-CSRF-Token")!: csrf])
            #expect(withToken.status == .created, "\(withToken.text)")
            // A tampered token is refused.
            let forged = try await app.request(.get, "/api/v1/user/me", headers: TestApp.bearer(user.token + "x"))
            #expect(forged.status == .unauthorized, "\(forged.text)")
        }
    }

    @Test("Login: POST /api/v1/auth/apikey exchanges an API key (apiKey or X-API-Key) for the jwt cookie; a revoked or unknown key is 401")
    func apiKeyExchange() async throws {
        try await TestApp.stationthis { app in
            let user = try await app.stationUser("kay@example.com")
            let created = try await app.request(
                .post, "/api/v1/user/apikeys", json: #"{"name":"web","environment":"live","scopes":["points:read"]}"#, headers: TestApp.bearer(user.token))
            let key = try #require(created.object["key"] as? String, "\(created.text)")
            let id = try #require(created.object["id"] as? String)
            // A browser (it sends Origin): the session only as cookies, the same jwt cookie the password login sets.
            let exchanged = try await app.request(
                .post, "/api/v1/auth/apikey", json: #"{"apiKey":"\#(key)"}"#, headers: [.origin: "http://localhost:5173"])
            #expect(exchanged.status == .ok && exchanged.object["success"] as? Bool == true, "\(exchanged.text)")
            #expect(exchanged.object["accessToken"] == nil && !exchanged.text.contains(key), "\(exchanged.text)")
            let cookies = AuthCookieTests.cookies(exchanged)
            let jwt = try #require(cookies["jwt"], "\(exchanged.headers)")
            #expect(jwt.attributes.contains("HttpOnly") && jwt.attributes.contains("SameSite=Lax") && jwt.attributes.contains("Max-Age=43200"))
            #expect(try Self.claims(jwt.value)["sub"] as? String == user.id, "the session is the key's creator's")
            let me = try await app.request(.get, "/api/v1/user/me", headers: [.cookie: "jwt=\(jwt.value)"])
            #expect(me.status == .ok && (me.object["profile"] as? [String: any Sendable])?["username"] as? String == "kay@example.com", "\(me.text)")
            // The key in X-API-Key (the body empty, or `{}` as this client sends it): the same exchange.
            let byHeader = try await app.request(.post, "/api/v1/auth/apikey", json: "{}", headers: [HTTPField.Name("X-API-Key")!: key])
            #expect(byHeader.status == .ok && AuthCookieTests.cookies(byHeader)["jwt"] != nil, "\(byHeader.text)")
            let missing = try await app.request(.post, "/api/v1/auth/apikey", json: "{}")
            #expect(missing.status == .unauthorized && missing.stationError.code == "UNAUTHORIZED", "\(missing.text)")
            let unknown = try await app.request(.post, "/api/v1/auth/apikey", json: #"{"apiKey":"st_live_nothing"}"#)
            #expect(unknown.status == .unauthorized && unknown.stationError.code == "INVALID_CREDENTIALS", "\(unknown.text)")
            #expect(try await app.request(.delete, "/api/v1/user/apikeys/\(id)", headers: TestApp.bearer(user.token)).status == .noContent)
            let revoked = try await app.request(.post, "/api/v1/auth/apikey", json: #"{"apiKey":"\#(key)"}"#)
            #expect(revoked.status == .unauthorized && revoked.stationError.code == "INVALID_CREDENTIALS", "\(revoked.text)")
            let revokedHeader = try await app.request(.post, "/api/v1/auth/apikey", json: "{}", headers: [HTTPField.Name("X-API-Key")!: key])
            #expect(revokedHeader.status == .unauthorized, "\(revokedHeader.text)")
        }
    }

    @Test("API keys: X-API-Key; /api/v1/user/apikeys create 201, list masked, DELETE 204")
    func apiKeys() async throws {
        try await TestApp.stationthis { app in
            let user = try await app.stationUser("cy@example.com")
            let created = try await app.request(
                .post, "/api/v1/user/apikeys", json: #"{"name":"bot","environment":"live","scopes":["collections:read","points:read"]}"#,
                headers: TestApp.bearer(user.token))
            #expect(created.status == .created, "\(created.text)")
            let key = try #require(created.object["key"] as? String)
            let id = try #require(created.object["id"] as? String)
            #expect(key.hasPrefix("st_live_"))
            #expect(created.object["name"] as? String == "bot")
            #expect(created.object["createdAt"] != nil)
            let listed = try await app.request(.get, "/api/v1/user/apikeys", headers: TestApp.bearer(user.token))
            #expect(listed.status == .ok, "\(listed.text)")
            #expect(!listed.text.contains(key), "the list shows the key masked")
            #expect(listed.text.contains(id))
            let balance = try await app.request(.get, "/api/v1/points/balance", headers: [HTTPField.Name("X-API-Key")!: key])
            #expect(balance.status == .ok && balance.object["balance"] as? Int == 0, "\(balance.text)")
            let outside = try await app.request(.post, "/api/v1/points/spend", json: #"{"amount":1}"#, headers: [HTTPField.Name("X-API-Key")!: key])
            #expect(outside.status == .forbidden && outside.stationError.code == "FORBIDDEN", "\(outside.text)")
            let deleted = try await app.request(.delete, "/api/v1/user/apikeys/\(id)", headers: TestApp.bearer(user.token))
            #expect(deleted.status == .noContent, "\(deleted.text)")
            let revoked = try await app.request(.get, "/api/v1/points/balance", headers: [HTTPField.Name("X-API-Key")!: key])
            #expect(revoked.status == .unauthorized, "\(revoked.text)")
        }
    }

    @Test("GET /api/v1/user/me → {profile, wallets, status}")
    func profile() async throws {
        try await TestApp.stationthis { app in
            let user = try await app.stationUser("dee@example.com")
            let me = try await app.request(.get, "/api/v1/user/me", headers: TestApp.bearer(user.token))
            #expect(me.status == .ok, "\(me.text)")
            #expect(Set(me.object.keys) == ["profile", "wallets", "status"])
            let profile = try #require(me.object["profile"] as? [String: any Sendable])
            #expect(profile["userId"] as? String == user.id)
            #expect(profile["username"] as? String == "dee@example.com")
            #expect(profile["role"] as? String == "user")
            #expect((me.object["wallets"] as? [Any])?.isEmpty == true)
            #expect(me.object["status"] as? String == "active")
            let anonymous = try await app.request(.get, "/api/v1/user/me")
            #expect(anonymous.status == .unauthorized && anonymous.stationError.code == "UNAUTHORIZED")
        }
    }

    /// The payload of a JWT, unverified (the server verified it).
    static func claims(_ token: String) throws -> [String: Any] {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { return [:] }
        var text = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text) else { return [:] }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
