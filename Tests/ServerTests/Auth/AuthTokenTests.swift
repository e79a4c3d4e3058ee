import Crypto
import Foundation
import Hummingbird
import Testing

/// Every forged, expired, misdirected or mistyped access token is 401 at the HTTP layer, and
/// credentials sent to public routes are ignored.
@Suite("Auth: access tokens")
struct AuthTokenTests {
    /// The tracker's token settings (Schemas/tracker/app.json).
    static let issuer = "https://tracker.loom.invalid"
    static let audience = "tracker-api"

    /// A token signed like the server's, with `header`, claim `overrides` and `algorithm`.
    static func forge(
        for account: SignedUp, header: [String: Any] = ["alg": "HS256", "typ": "at+jwt"], overrides: [String: Any] = [:],
        sign: (String) -> [UInt8]? = { input in
            Array(HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: Array(TestApp.jwtSecret.utf8))))
        }
    ) throws -> String {
        let seconds = Date().timeIntervalSince1970.rounded(.down)
        var claims: [String: Any] = [
            "sub": account.userID, "sid": account.sessionID, "iss": issuer, "aud": [audience], "exp": seconds + 600,
            "nbf": seconds, "iat": seconds, "jti": UUID().uuidString, "token_type": "access",
        ]
        for (key, value) in overrides { claims[key] = value }
        let input = try encode(header) + "." + encode(claims)
        return input + "." + (sign(input).map { base64URL(Data($0)) } ?? "")
    }

    static func encode(_ object: [String: Any]) throws -> String {
        base64URL(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    @Test("a token forged exactly like the server's works (the forging is faithful)")
    func faithfulForgery() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let token = try Self.forge(for: account)
            let me = try await app.request(.get, TestApp.auth + "/me", headers: [.authorization: "Bearer \(token)"])
            #expect(me.status == .ok)
        }
    }

    @Test("alg none, algorithm confusion, expiry, audience, issuer, token type and signature forgeries are 401")
    func forgeries() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let now = Date().timeIntervalSince1970
            let hs512: (String) -> [UInt8]? = { input in
                Array(HMAC<SHA512>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: Array(TestApp.jwtSecret.utf8))))
            }
            let forged: [(String, String)] = [
                ("alg none", try Self.forge(for: account, header: ["alg": "none", "typ": "at+jwt"], sign: { _ in nil })),
                ("HS512 with the right secret", try Self.forge(for: account, header: ["alg": "HS512", "typ": "at+jwt"], sign: hs512)),
                ("RS256 header", try Self.forge(for: account, header: ["alg": "RS256", "typ": "at+jwt"])),
                ("typ JWT", try Self.forge(for: account, header: ["alg": "HS256", "typ": "JWT"])),
                ("expired", try Self.forge(for: account, overrides: ["exp": now - 120])),
                ("not yet valid", try Self.forge(for: account, overrides: ["nbf": now + 300])),
                ("wrong audience", try Self.forge(for: account, overrides: ["aud": ["other-api"]])),
                ("wrong issuer", try Self.forge(for: account, overrides: ["iss": "https://evil.invalid"])),
                ("refresh as access", try Self.forge(for: account, overrides: ["token_type": "refresh"])),
                ("unknown session", try Self.forge(for: account, overrides: ["sid": UUID().uuidString.lowercased()])),
                ("another user's id in this session", try Self.forge(for: account, overrides: ["sub": UUID().uuidString.lowercased()])),
                ("wrong secret", try Self.forge(for: account, sign: { input in
                    Array(HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: Array("x".utf8))))
                })),
                ("garbage", "not.a.token"),
                ("the refresh token", account.refreshToken),
            ]
            for (name, token) in forged {
                let reply = try await app.request(.get, TestApp.auth + "/me", headers: [.authorization: "Bearer \(token)"])
                #expect(reply.status == .unauthorized, "\(name): \(reply.status)")
                #expect(reply.object["code"] as? String == "INVALID_CREDENTIALS", "\(name)")
            }
        }
    }

    @Test("no credentials is 401 UNAUTHENTICATED with WWW-Authenticate; a bad scheme is 401")
    func missing() async throws {
        try await TestApp.run("tracker") { app in
            let none = try await app.request(.get, TestApp.auth + "/me")
            #expect(none.status == .unauthorized)
            #expect(none.object["code"] as? String == "UNAUTHENTICATED")
            #expect(none.headers[.wwwAuthenticate] == "Bearer")
            let basic = try await app.request(.get, TestApp.auth + "/me", headers: [.authorization: "Basic dXNlcjpwYXNz"])
            #expect(basic.status == .unauthorized)
        }
    }

    @Test("credentials sent to a public route are ignored, even invalid ones")
    func publicRoutes() async throws {
        try await TestApp.run("tracker") { app in
            let health = try await app.request(.get, "/health/live", headers: [.authorization: "Bearer not.a.token"])
            #expect(health.status == .ok)
            let account = try await app.signUp()
            let login = try await app.request(
                .post, TestApp.auth + "/login", json: #"{"email": "\#(account.email)", "password": "\#(account.password)"}"#,
                headers: [.authorization: "Bearer expired.or.garbage"])
            #expect(login.status == .ok)
        }
    }

    @Test("the auth routes are documented with their security schemes")
    func documented() async throws {
        try await TestApp.run("tracker") { app in
            let document = try await app.request(.get, "/openapi.json").object
            let components = try #require(document["components"] as? [String: any Sendable])
            let schemes = try #require(components["securitySchemes"] as? [String: any Sendable])
            #expect(Set(schemes.keys) == ["bearerAuth", "apiKeyAuth", "cookieAuth", "platformBearerAuth"])
            let paths = try #require(document["paths"] as? [String: any Sendable])
            let me = try #require((paths["/v1/auth/me"] as? [String: any Sendable])?["get"] as? [String: any Sendable])
            #expect((me["security"] as? [[String: [String]]]) == [["bearerAuth": []], ["cookieAuth": []]])
            let responses = try #require(me["responses"] as? [String: any Sendable])
            #expect(responses["401"] != nil)
            let login = try #require((paths["/v1/auth/login"] as? [String: any Sendable])?["post"] as? [String: any Sendable])
            #expect((login["security"] as? [[String: [String]]]) == [[:], ["apiKeyAuth": []]], "no credentials, or a project's key")
            #expect((login["responses"] as? [String: any Sendable])?["429"] != nil)
            for path in ["/v1/auth/signup", "/v1/auth/refresh", "/v1/auth/sessions/{id}", "/v1/auth/api-keys/{id}/rotate"] {
                #expect(paths[path] != nil, "\(path) is documented")
            }
        }
    }
}
