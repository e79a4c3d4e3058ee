import Foundation
import Testing

@testable import Auth

/// Access token verification refuses every forged, expired, misdirected or mistyped token.
@Suite("Access tokens")
struct AccessTokensTests {
    static let secret = "unit-test-secret-0123456789abcdefghijklmnop"
    static let issuer = "https://issuer.test"
    static let audience = "api.test"

    static func tokens() async -> AccessTokens {
        await AccessTokens(secret: Array(secret.utf8), issuer: issuer, audience: audience, lifetimeSeconds: 900)
    }

    static var header: [String: Any] { ["alg": "HS256", "typ": "at+jwt"] }

    @Test("a token it issued verifies, with its subject and session")
    func roundTrip() async throws {
        let tokens = await Self.tokens()
        let now = Date()
        let issued = try await tokens.issue(userID: "user-1", sessionID: "session-1", now: now, sessionExpiresAt: now.addingTimeInterval(3600))
        #expect(issued.expiresIn == 900)
        let claims = try #require(await tokens.verify(issued.token, now: now))
        #expect(claims.subject.value == "user-1")
        #expect(claims.sessionID == "session-1")
        let header = try #require(AccessTokens.header(of: issued.token))
        #expect(header.alg == "HS256")
        #expect(header.typ == "at+jwt")
    }

    @Test("an access token never outlives its session")
    func cappedBySession() async throws {
        let tokens = await Self.tokens()
        let now = Date()
        let issued = try await tokens.issue(userID: "u", sessionID: "s", now: now, sessionExpiresAt: now.addingTimeInterval(60))
        #expect(issued.expiresIn <= 60)
    }

    @Test("a correctly forged token with valid claims verifies (the forging helper is faithful)")
    func forgedValid() async throws {
        let token = try ForgedToken.make(
            header: Self.header, payload: ForgedToken.claims(issuer: Self.issuer, audience: Self.audience), signature: .hs256(Self.secret))
        let claims = await Self.tokens().verify(token, now: Date())
        #expect(claims != nil)
    }

    /// Each forged token and why it must fail.
    static var forgeries: [(String, [String: Any], [String: Any], ForgedToken.Signature)] { [
        ("alg none, no signature", ["alg": "none", "typ": "at+jwt"], [:], .none),
        ("alg none with a valid HS256 signature", ["alg": "none", "typ": "at+jwt"], [:], .hs256(secret)),
        ("HS512 header and signature with the right secret (algorithm confusion)", ["alg": "HS512", "typ": "at+jwt"], [:], .hs512(secret)),
        ("HS512 header over an HS256 signature", ["alg": "HS512", "typ": "at+jwt"], [:], .hs256(secret)),
        ("RS256 header over an HMAC signature", ["alg": "RS256", "typ": "at+jwt"], [:], .hs256(secret)),
        ("typ JWT instead of at+jwt", ["alg": "HS256", "typ": "JWT"], [:], .hs256(secret)),
        ("no typ", ["alg": "HS256"], [:], .hs256(secret)),
        ("a critical header extension", ["alg": "HS256", "typ": "at+jwt", "crit": ["exp"]], [:], .hs256(secret)),
        ("wrong secret", header, [:], .hs256("another-secret-0123456789abcdefghijklmnop")),
        ("expired", header, ["exp": Date().timeIntervalSince1970 - 120], .hs256(secret)),
        ("not yet valid", header, ["nbf": Date().timeIntervalSince1970 + 120], .hs256(secret)),
        ("wrong audience", header, ["aud": ["another-api"]], .hs256(secret)),
        ("wrong issuer", header, ["iss": "https://evil.test"], .hs256(secret)),
        ("refresh token used as an access token", header, ["token_type": "refresh"], .hs256(secret)),
        ("no token type", header, ["token_type": NSNull()], .hs256(secret)),
        ("no expiry", header, ["exp": NSNull()], .hs256(secret)),
    ] }

    @Test("refuses forged tokens", arguments: 0..<forgeries.count)
    func refusesForgery(_ index: Int) async throws {
        let (name, header, overrides, signature) = Self.forgeries[index]
        let token = try ForgedToken.make(
            header: header, payload: ForgedToken.claims(issuer: Self.issuer, audience: Self.audience, overrides: overrides),
            signature: signature)
        let claims = await Self.tokens().verify(token, now: Date())
        #expect(claims == nil, "\(name) was accepted")
    }

    @Test("refuses malformed text", arguments: ["", "abc", "a.b", "a.b.c", "..", "eyJhbGciOiJIUzI1NiJ9..", "ey.ey.ey.ey"])
    func refusesMalformed(_ text: String) async {
        let claims = await Self.tokens().verify(text, now: Date())
        #expect(claims == nil)
    }

    @Test("a tampered payload breaks the signature")
    func tamperedPayload() async throws {
        let tokens = await Self.tokens()
        let now = Date()
        let issued = try await tokens.issue(userID: "user-1", sessionID: "s", now: now, sessionExpiresAt: now.addingTimeInterval(3600))
        let parts = issued.token.split(separator: ".").map(String.init)
        let other = try ForgedToken.make(
            header: Self.header, payload: ForgedToken.claims(issuer: Self.issuer, audience: Self.audience, subject: "admin"),
            signature: .none)
        let payload = other.split(separator: ".")[1]
        let tampered = parts[0] + "." + payload + "." + parts[2]
        let claims = await tokens.verify(tampered, now: now)
        #expect(claims == nil)
    }
}
