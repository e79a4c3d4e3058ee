import Foundation
import HTTPTypes
import Testing

@testable import Server

/// Sovrium's auth stories (`reference/sovrium/auth-endpoints/`, as developer then as API
/// consumer) and the released Better Auth paths, which the app serves as aliases.
@Suite("Sovrium: auth stories (US-API-AUTH-001..004, US-API-AUTH-CONSUMER-001..003)", .serialized)
struct SovriumAuthContractTests {
    static let signUp = #"{"email": "ada@example.com", "password": "correct horse battery", "name": "Ada"}"#
    static let signIn = #"{"email": "ada@example.com", "password": "correct horse battery"}"#

    @Test("US-API-AUTH-001: POST /auth/signup creates a user, /auth/login answers a session token (401 on failure), /auth/logout ends the session")
    func signupLoginLogout() async throws {
        try await SovriumHarness.run { sovrium in
            let app = sovrium.app
            // AC-003: sign-up creates the user (and starts a session).
            // The released Sovrium's answer (Better Auth's): 200 with `token` and `user`, beside Loom's token members.
            let signup = try await app.request(.post, "/api/auth/signup", json: Self.signUp)
            #expect(signup.status == .ok, "\(signup.text)")
            #expect((signup.object["user"] as? [String: any Sendable])?["email"] as? String == "ada@example.com")
            #expect(signup.object["token"] as? String == signup.object["accessToken"] as? String && signup.object["token"] is String, "\(signup.text)")
            let taken = try await app.request(.post, "/api/auth/signup", json: Self.signUp)
            #expect(taken.status == .conflict && taken.sovriumError.success == false, "\(taken.text)")
            // AC-001, AC-004: login authenticates and answers the token.
            let login = try await app.request(.post, "/api/auth/login", json: Self.signIn)
            #expect(login.status == .ok, "\(login.text)")
            let token = try #require(login.object["accessToken"] as? String)
            #expect(login.object["tokenType"] as? String == "Bearer" && login.object["refreshToken"] is String)
            #expect(try await app.request(.get, "/api/tables/projects/records", headers: SovriumHarness.bearer(token)).status == .ok)
            // AC-005: 401 on a wrong password or an unknown email, alike.
            for body in [#"{"email": "ada@example.com", "password": "wrong password!"}"#, #"{"email": "bob@example.com", "password": "wrong password!"}"#] {
                let wrong = try await app.request(.post, "/api/auth/login", json: body)
                #expect(wrong.status == .unauthorized && wrong.sovriumError.code == "UNAUTHORIZED", "\(wrong.text)")
                #expect(wrong.sovriumError.message == "The email or password is wrong.", "\(wrong.text)")
            }
            // AC-002: logout ends the session: its token stops working at once.
            let logout = try await app.request(.post, "/api/auth/logout", headers: SovriumHarness.bearer(token))
            #expect(logout.status == .ok && logout.text == #"{"success":true}"#, "\(logout.text)")
            let after = try await app.request(.get, "/api/tables/projects/records", headers: SovriumHarness.bearer(token))
            #expect(after.status == .unauthorized, "\(after.text)")
        }
    }

    @Test("released Better Auth paths: sign-up/email, sign-in/email, get-session, sign-out and request-password-reset answer as the story paths")
    func betterAuthAliases() async throws {
        try await SovriumHarness.run { sovrium in
            let app = sovrium.app
            // Better Auth's answers: 200 `{"token", "user"}` on sign-up and sign-in (the token is a
            // bearer token), `{"success": true}` on sign-out.
            let signup = try await app.request(.post, "/api/auth/sign-up/email", json: Self.signUp)
            #expect(signup.status == .ok && signup.object["token"] is String && signup.object["user"] is [String: any Sendable], "\(signup.text)")
            let missingName = try await app.request(.post, "/api/auth/sign-up/email", json: #"{"email": "b@example.com", "password": "correct horse battery"}"#)
            #expect(missingName.status == .badRequest && missingName.sovriumError.fields == ["name"], "\(missingName.text)")
            let shortPassword = try await app.request(.post, "/api/auth/sign-up/email", json: #"{"email": "b@example.com", "password": "short", "name": "B"}"#)
            #expect(shortPassword.status == .badRequest && shortPassword.sovriumError.fields == ["password"], "\(shortPassword.text)")
            let signin = try await app.request(.post, "/api/auth/sign-in/email", json: Self.signIn)
            #expect(signin.status == .ok && signin.object["user"] is [String: any Sendable], "\(signin.text)")
            let token = try #require(signin.object["token"] as? String)
            let session = try await app.request(.get, "/api/auth/get-session", headers: SovriumHarness.bearer(token))
            #expect(session.status == .ok && session.object["session"] is [String: any Sendable] && session.object["user"] is [String: any Sendable], "\(session.text)")
            let reset = try await app.request(.post, "/api/auth/request-password-reset", json: #"{"email": "ada@example.com"}"#)
            #expect(reset.status == .accepted, "\(reset.text)")
            let signout = try await app.request(.post, "/api/auth/sign-out", headers: SovriumHarness.bearer(token))
            #expect(signout.status == .ok && signout.object["success"] as? Bool == true, "\(signout.text)")
            #expect(try await app.request(.get, "/api/auth/get-session", headers: SovriumHarness.bearer(token)).status == .unauthorized)
        }
    }

    @Test("US-API-AUTH-002: GET /auth/session returns the current session with the user's data; tokens expire as configured")
    func sessionManagement() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, login) = try await sovrium.user("ada@example.com")
            let before = Date()
            let reply = try await sovrium.app.request(.get, "/api/auth/session", headers: SovriumHarness.bearer(token))
            #expect(reply.status == .ok, "\(reply.text)")
            // AC-001: the current session.
            let session = try #require(reply.object["session"] as? [String: any Sendable], "\(reply.text)")
            #expect(session["id"] as? String == login.object["sessionId"] as? String && session["current"] as? Bool == true)
            // AC-002: the user's data.
            let user = try #require(reply.object["user"] as? [String: any Sendable])
            #expect(user["email"] as? String == "ada@example.com" && user["name"] as? String == "Tester" && user["role"] as? String == "member")
            // AC-003: the access token lives `auth.tokens.accessTokenSeconds` (3600 s), the session
            // `refreshTokenSeconds` (7 days), both read back from the token and the session.
            #expect(login.object["expiresIn"] as? Int == 3600)
            let claims = try Self.claims(token)
            #expect((claims["exp"] as? Int).flatMap { exp in (claims["iat"] as? Int).map { exp - $0 } } == 3600, "\(claims)")
            let ends = try #require((session["expiresAt"] as? String).flatMap { try? Date($0, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)) })
            #expect(abs(ends.timeIntervalSince(before) - 604_800) < 60, "\(ends)")
            #expect(try await sovrium.app.request(.get, "/api/auth/session").status == .unauthorized)
        }
    }

    @Test("US-API-AUTH-003: GET /auth/oauth/{provider} starts the flow, the callback takes the code, creates or links the account and redirects")
    func oauth() async throws {
        try await OAuthHarness.run(appName: "sovrium") { harness in
            let app = harness.app
            let person = FakeOAuthProvider.User(id: "7", email: "octo@example.com", emailVerified: true, name: "Octo Cat", addresses: [("octo@example.com", true, true)])
            for provider in ["github", "google"] {
                await harness.provider.signInNext(person)
                // AC-001: the start redirects to the provider with state and PKCE.
                let start = try await app.request(.get, "/api/auth/oauth/\(provider)")
                #expect(start.status == .found, "\(provider): \(start.text)")
                let location = try #require(start.headers[.location])
                #expect(location.hasPrefix(harness.provider.origin + "/authorize?") && location.contains("state=") && location.contains("code_challenge="), "\(location)")
                // AC-002, AC-003: the callback exchanges the code; the first creates the account, the second links the same.
                let callback = try await harness.authorize(location)
                #expect(callback.hasPrefix("/api/auth/oauth/\(provider)/callback?"), "\(callback)")
                let done = try await app.request(.get, callback)
                #expect(done.status == (provider == "github" ? .created : .ok), "\(provider): \(done.text)")
                #expect((done.object["user"] as? [String: any Sendable])?["email"] as? String == "octo@example.com", "\(done.text)")
            }
            // AC-004: with an allowlisted redirect the callback sets the session cookies and goes there.
            await harness.provider.signInNext(person)
            let start = try await app.request(.get, "/api/auth/oauth/github?redirectTo=" + SovriumRESTContractTests.encoded("http://localhost:3000/"))
            #expect(start.status == .found, "\(start.text)")
            let done = try await app.request(.get, try await harness.authorize(try #require(start.headers[.location])))
            #expect(done.status == .found && done.headers[.location] == "http://localhost:3000/", "\(done.status) \(done.headers)")
            #expect(done.headers[values: .setCookie].count >= 2)
            let elsewhere = try await app.request(.get, "/api/auth/oauth/github?redirectTo=" + SovriumRESTContractTests.encoded("https://evil.example/"))
            #expect(elsewhere.status == .badRequest && elsewhere.sovriumError.fields == ["redirectTo"], "\(elsewhere.text)")
        }
    }

    @Test("US-API-AUTH-004: POST /auth/forgot-password mails a single-use, hour-long token; POST /auth/reset-password sets the password")
    func passwordReset() async throws {
        try await SovriumHarness.run { sovrium in
            let app = sovrium.app
            let (token, _) = try await sovrium.user("ada@example.com")
            // AC-001: 202 for any address; mail only for an account.
            let unknown = try await app.request(.post, "/api/auth/forgot-password", json: #"{"email": "nobody@example.com"}"#)
            #expect(unknown.status == .accepted)
            let sent = await sovrium.outbox.messages.count
            let forgot = try await app.request(.post, "/api/auth/forgot-password", json: #"{"email": "ada@example.com"}"#)
            #expect(forgot.status == .accepted, "\(forgot.text)")
            let reset = try #require(await sovrium.outbox.lastToken(after: sent))
            #expect(await sovrium.outbox.messages.last?.to == "ada@example.com")
            // AC-002: secure (random, 32+ characters) and limited: the document says an hour, and it works once.
            #expect(reset.count >= 32)
            let document = try await app.request(.get, "/api/openapi.json")
            let forgotDoc = ((document.object["paths"] as? [String: any Sendable])?["/api/auth/forgot-password"] as? [String: any Sendable])?["post"] as? [String: any Sendable]
            #expect((forgotDoc?["description"] as? String)?.contains("valid for an hour and usable once") == true)
            // AC-003: the new password works, the old one and every session end.
            let done = try await app.request(.post, "/api/auth/reset-password", json: #"{"token": "\#(reset)", "newPassword": "a new long password"}"#)
            #expect(done.status == .noContent, "\(done.text)")
            let again = try await app.request(.post, "/api/auth/reset-password", json: #"{"token": "\#(reset)", "newPassword": "another long password"}"#)
            #expect(again.status == .badRequest && again.sovriumError.fields == ["token"], "\(again.text)")
            #expect(try await app.request(.post, "/api/auth/login", json: #"{"email": "ada@example.com", "password": "a new long password"}"#).status == .ok)
            #expect(try await app.request(.post, "/api/auth/login", json: #"{"email": "ada@example.com", "password": "\#(SovriumHarness.password)"}"#).status == .unauthorized)
            #expect(try await app.request(.get, "/api/auth/session", headers: SovriumHarness.bearer(token)).status == .unauthorized)
        }
    }

    @Test("US-API-AUTH-CONSUMER-001: login answers a token and, to a browser, cookies; both authenticate later requests; the format is documented")
    func tokensAndCookies() async throws {
        try await SovriumHarness.run { sovrium in
            let app = sovrium.app
            let (token, _) = try await sovrium.user("ada@example.com")
            #expect(try await app.request(.get, "/api/tables/projects/records", headers: SovriumHarness.bearer(token)).status == .ok)
            // A browser (it sends Origin) gets the session as httpOnly cookies, and a CSRF cookie.
            let browser = try await app.request(.post, "/api/auth/login", json: Self.signIn.replacingOccurrences(of: "ada@", with: "ada@"), headers: [.origin: "http://localhost:3000"])
            #expect(browser.status == .ok, "\(browser.text)")
            let cookies = browser.headers[values: .setCookie]
            #expect(cookies.contains { $0.hasPrefix("loom_access=") && $0.contains("HttpOnly") }, "\(cookies)")
            #expect(browser.object["accessToken"] == nil && browser.object["token"] == nil, "a browser gets the token only as a cookie: \(browser.text)")
            #expect(browser.object["user"] is [String: any Sendable], "\(browser.text)")
            let jar = cookies.map { String($0.prefix { $0 != ";" }) }.joined(separator: "; ")
            let read = try await app.request(.get, "/api/tables/projects/records", headers: [.cookie: jar])
            #expect(read.status == .ok, "\(read.text)")
            // An unsafe request by cookie echoes the CSRF cookie.
            let csrf = try #require(cookies.first { $0.hasPrefix("loom_csrf=") }.map { String($0.dropFirst("loom_csrf=".count).prefix { $0 != ";" }) })
            let refused = try await app.request(.post, "/api/tables/projects/records", json: #"{"name": "A"}"#, headers: [.cookie: jar])
            #expect(refused.status == .forbidden, "\(refused.text)")
            var headers: HTTPFields = [.cookie: jar]
            headers[HTTPField.Name("X-CSRF-Token")!] = csrf
            let written = try await app.request(.post, "/api/tables/projects/records", json: #"{"name": "A"}"#, headers: headers)
            #expect(written.status == .created, "\(written.text)")
            // AC-003: the token format is documented.
            let document = try await app.request(.get, "/api/openapi.json")
            let schemes = ((document.object["components"] as? [String: any Sendable])?["securitySchemes"] as? [String: any Sendable]) ?? [:]
            #expect((schemes["bearerAuth"] as? [String: any Sendable])?["bearerFormat"] as? String == "JWT")
            #expect((schemes["cookieAuth"] as? [String: any Sendable])?["name"] as? String == "loom_access")
        }
    }

    @Test("US-API-AUTH-CONSUMER-002: failed authentication is 401 with a message and a documented code")
    func authenticationErrors() async throws {
        try await SovriumHarness.run { sovrium in
            let app = sovrium.app
            for headers: HTTPFields in [[:], [.authorization: "Bearer not-a-token"], [.authorization: "Basic YTpi"]] {
                let reply = try await app.request(.get, "/api/tables/projects/records", headers: headers)
                #expect(reply.status == .unauthorized && reply.sovriumError.code == "UNAUTHORIZED", "\(headers): \(reply.text)")
                #expect((reply.sovriumError.message ?? "").count > 20, "\(reply.text)")
            }
            let document = try await app.request(.get, "/api/openapi.json")
            let responses = ((document.object["components"] as? [String: any Sendable])?["responses"] as? [String: any Sendable]) ?? [:]
            let unauthorized = try #require(responses["Unauthorized"] as? [String: any Sendable])
            let example = ((unauthorized["content"] as? [String: any Sendable])?["application/json"] as? [String: any Sendable])?["example"] as? [String: any Sendable]
            #expect(example?["code"] as? String == "UNAUTHORIZED" && example?["success"] as? Bool == false, "\(unauthorized)")
        }
    }

    @Test("US-API-AUTH-CONSUMER-003: POST /auth/refresh returns a new token; a used, revoked or ended session cannot be refreshed")
    func refresh() async throws {
        try await SovriumHarness.run { sovrium in
            let app = sovrium.app
            let (token, login) = try await sovrium.user("ada@example.com")
            let refreshToken = try #require(login.object["refreshToken"] as? String)
            let refreshed = try await app.request(.post, "/api/auth/refresh", json: #"{"refreshToken": "\#(refreshToken)"}"#)
            #expect(refreshed.status == .ok, "\(refreshed.text)")
            let next = try #require(refreshed.object["refreshToken"] as? String)
            let access = try #require(refreshed.object["accessToken"] as? String)
            #expect(next != refreshToken && access != token && refreshed.object["sessionId"] as? String == login.object["sessionId"] as? String)
            #expect(try await app.request(.get, "/api/auth/session", headers: SovriumHarness.bearer(access)).status == .ok)
            // A used refresh token is refused, and presenting it ends the session (reuse detection).
            let reused = try await app.request(.post, "/api/auth/refresh", json: #"{"refreshToken": "\#(refreshToken)"}"#)
            #expect(reused.status == .unauthorized && reused.sovriumError.code == "UNAUTHORIZED", "\(reused.text)")
            let ended = try await app.request(.post, "/api/auth/refresh", json: #"{"refreshToken": "\#(next)"}"#)
            #expect(ended.status == .unauthorized, "\(ended.text)")
            // A session ended by logout cannot be refreshed.
            let (other, otherLogin) = try await sovrium.user("bob@example.com")
            _ = try await app.request(.post, "/api/auth/logout", headers: SovriumHarness.bearer(other))
            let afterLogout = try await app.request(.post, "/api/auth/refresh", json: #"{"refreshToken": "\#(try #require(otherLogin.object["refreshToken"] as? String))"}"#)
            #expect(afterLogout.status == .unauthorized, "\(afterLogout.text)")
        }
    }

    /// The claims of a JWT (not verified: the server did).
    static func claims(_ token: String) throws -> [String: any Sendable] {
        let parts = token.split(separator: ".")
        var payload = String(try #require(parts.dropFirst().first)).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        let data = try #require(Data(base64Encoded: payload))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: any Sendable])
    }
}
