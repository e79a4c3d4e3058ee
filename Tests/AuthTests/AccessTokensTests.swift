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

/// A token verified once is remembered (`VerifiedTokens`), but its times are checked on every
/// use, a forgery is never remembered, and the memory stays bounded.
@Suite("Verified access tokens")
struct VerifiedTokensTests {
    @Test("a remembered token is refused once it expires, and refused before its nbf")
    func timesCheckedOnEveryUse() async throws {
        let tokens = await AccessTokensTests.tokens()
        let now = Date()
        let issued = try await tokens.issue(userID: "u", sessionID: "s", now: now, sessionExpiresAt: now.addingTimeInterval(3600))
        #expect(await tokens.verify(issued.token, now: now) != nil)
        #expect(tokens.verified.count == 1)
        #expect(await tokens.verify(issued.token, now: now.addingTimeInterval(60)) != nil)
        let pastExpiry = now.addingTimeInterval(900 + AccessTokens.leewaySeconds + 1)
        #expect(await tokens.verify(issued.token, now: pastExpiry) == nil)
        let beforeIssue = now.addingTimeInterval(-AccessTokens.leewaySeconds - 5)
        #expect(await tokens.verify(issued.token, now: beforeIssue) == nil)
    }

    @Test("tokens failing a check are never remembered")
    func forgeriesNotRemembered() async throws {
        let tokens = await AccessTokensTests.tokens()
        let wrongSecret = try ForgedToken.make(
            header: AccessTokensTests.header, payload: ForgedToken.claims(issuer: AccessTokensTests.issuer, audience: AccessTokensTests.audience),
            signature: .hs256("another-secret-0123456789abcdefghijklmnop"))
        let wrongAudience = try ForgedToken.make(
            header: AccessTokensTests.header, payload: ForgedToken.claims(issuer: AccessTokensTests.issuer, audience: "elsewhere"),
            signature: .hs256(AccessTokensTests.secret))
        for token in [wrongSecret, wrongAudience, "a.b.c"] {
            #expect(await tokens.verify(token, now: Date()) == nil)
            #expect(await tokens.verify(token, now: Date()) == nil)
        }
        #expect(tokens.verified.count == 0)
    }

    @Test("when full, expired entries go first, then all")
    func bounded() async throws {
        let tokens = await AccessTokensTests.tokens()
        let cache = VerifiedTokens(capacity: 2)
        let now = Date()
        let short = try await tokens.issue(userID: "a", sessionID: "s", now: now, sessionExpiresAt: now.addingTimeInterval(10))
        let long = try await tokens.issue(userID: "b", sessionID: "s", now: now, sessionExpiresAt: now.addingTimeInterval(3600))
        let third = try await tokens.issue(userID: "c", sessionID: "s", now: now, sessionExpiresAt: now.addingTimeInterval(3600))
        let fourth = try await tokens.issue(userID: "d", sessionID: "s", now: now, sessionExpiresAt: now.addingTimeInterval(3600))
        for token in [short, long] { cache.remember(try #require(await tokens.verify(token.token, now: now)), of: token.token, now: now) }
        let later = now.addingTimeInterval(60)
        cache.remember(try #require(await tokens.verify(third.token, now: now)), of: third.token, now: later)
        #expect(cache.count == 2)
        #expect(cache.claims(of: short.token) == nil)
        #expect(cache.claims(of: long.token)?.subject.value == "b")
        cache.remember(try #require(await tokens.verify(fourth.token, now: now)), of: fourth.token, now: later)
        #expect(cache.count == 1)
        #expect(cache.claims(of: fourth.token)?.subject.value == "d")
    }
}

/// `Authorization: Bearer <token>` is read byte by byte on every authenticated request.
@Suite("Bearer token parsing")
struct BearerTokenTests {
    @Test("the token of a Bearer header, scheme in any case, blanks around it ignored",
          arguments: [("Bearer abc.def.ghi", "abc.def.ghi"), ("bearer abc", "abc"), ("BEARER abc", "abc"),
                      ("bEaReR   abc \t", "abc"), ("Bearer a b", "a b")])
    func accepted(header: String, token: String) {
        #expect(AuthService.bearerToken(header) == token)
    }

    @Test("anything else is no bearer token",
          arguments: ["", "Bearer", "Bearer ", "Bearer  \t ", "Basic abc", "Bearerx abc", "Bear abc", "Bearer\tabc", "Béarer abc", "Bearer€ abc"])
    func refused(header: String) {
        #expect(AuthService.bearerToken(header) == nil)
    }
}
