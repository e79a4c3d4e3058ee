import Auth
import Foundation
import Hummingbird
import Runtime
import Testing

/// OAuth sign-in (authorization code, PKCE S256, single-use state) against a fake provider on 127.0.0.1.
@Suite("Auth: OAuth sign-in")
struct AuthOAuthTests {
    static func google(_ id: String, email: String?, verified: Bool, name: String = "Grace Hopper") -> FakeOAuthProvider.User {
        FakeOAuthProvider.User(id: id, email: email, emailVerified: verified, name: name)
    }

    static func uniqueEmail() -> String { "oauth-\(UUID().uuidString.prefix(8).lowercased())@example.com" }

    @Test("the start redirects to the provider with state, S256 challenge, client id, scopes and the callback URL")
    func startRedirect() async throws {
        try await OAuthHarness.run { harness in
            let location = try await harness.start("google")
            let components = try #require(URLComponents(string: location))
            #expect(location.hasPrefix(harness.provider.origin + "/authorize?"))
            let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
            #expect(query["response_type"] == "code")
            #expect(query["client_id"] == FakeOAuthProvider.clientID)
            #expect(query["redirect_uri"] == OAuthHarness.publicURL + TestApp.auth + "/oauth/google/callback")
            #expect(query["scope"] == "openid email profile")
            #expect(query["code_challenge_method"] == "S256")
            #expect(query["code_challenge"]?.count == 43)
            #expect(query["state"]?.count == 43)
            #expect(query["client_secret"] == nil)
            #expect(!location.contains(FakeOAuthProvider.clientSecret))
        }
    }

    @Test("a new account is created, verified when the provider says so, and signs in again through its link")
    func newAccount() async throws {
        try await OAuthHarness.run { harness in
            let email = Self.uniqueEmail()
            let first = try await harness.signIn("google", as: Self.google("g-100", email: email.uppercased(), verified: true))
            #expect(first.status == .created, "\(first.text)")
            #expect(first.headers[.cacheControl] == "no-store")
            let token = try #require(first.object["access_token"] as? String)
            let me = try await harness.app.request(.get, TestApp.auth + "/me", headers: [.authorization: "Bearer \(token)"])
            #expect(me.status == .ok)
            #expect(me.object["email"] as? String == email)
            #expect(me.object["email_verified"] as? Bool == true)
            #expect(me.object["name"] as? String == "Grace Hopper")
            #expect(me.object["role"] as? String == "member")
            let again = try await harness.signIn("google", as: Self.google("g-100", email: email, verified: true))
            #expect(again.status == .ok, "\(again.text)")
            #expect(again.userID == first.userID)
        }
    }

    @Test("an existing account is linked when the provider verified the same address")
    func linkByVerifiedEmail() async throws {
        try await OAuthHarness.run { harness in
            let account = try await harness.app.signUp(email: Self.uniqueEmail())
            let reply = try await harness.signIn("google", as: Self.google("g-200", email: account.email, verified: true))
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(reply.userID == account.userID)
            let me = try await harness.app.request(.get, TestApp.auth + "/me", headers: account.headers)
            #expect(me.object["email_verified"] as? Bool == true)
            let password = try await harness.app.logIn(email: account.email, password: account.password)
            #expect(password.userID == account.userID)
        }
    }

    @Test("an unverified address never takes over an existing account")
    func refuseUnverifiedLink() async throws {
        try await OAuthHarness.run { harness in
            let account = try await harness.app.signUp(email: Self.uniqueEmail())
            let reply = try await harness.signIn("google", as: Self.google("g-300", email: account.email, verified: false))
            #expect(reply.status == .conflict, "\(reply.text)")
            #expect(reply.errorCode == "OAUTH_EMAIL_NOT_VERIFIED")
            let fresh = try await harness.signIn("google", as: Self.google("g-301", email: Self.uniqueEmail(), verified: false))
            #expect(fresh.status == .created)
            let me = try await harness.app.request(
                .get, TestApp.auth + "/me", headers: [.authorization: "Bearer \(fresh.object["access_token"] as? String ?? "")"])
            #expect(me.object["email_verified"] as? Bool == false)
        }
    }

    @Test("a tampered, reused or foreign state is 400 and the state works once")
    func badStates() async throws {
        try await OAuthHarness.run { harness in
            await harness.provider.signInNext(Self.google("g-400", email: Self.uniqueEmail(), verified: true))
            let callback = try await harness.authorize(try await harness.start("google"))
            let state = try #require(URLComponents(string: "http://x" + callback)?.queryItems?.first { $0.name == "state" }?.value)
            let tampered = callback.replacingOccurrences(of: state, with: String(state.dropLast()) + (state.hasSuffix("A") ? "B" : "A"))
            let wrong = try await harness.app.request(.get, tampered)
            #expect(wrong.status == .badRequest)
            #expect(wrong.errorCode == "OAUTH_INVALID_STATE")
            let missing = try await harness.app.request(.get, TestApp.auth + "/oauth/google/callback?code=abc")
            #expect(missing.errorCode == "OAUTH_INVALID_STATE")
            let foreign = try await harness.app.request(.get, callback.replacingOccurrences(of: "/oauth/google/", with: "/oauth/github/"))
            #expect(foreign.status == .badRequest)
            #expect(foreign.errorCode == "OAUTH_INVALID_STATE")
            // The foreign attempt used the state up: the real callback cannot succeed any more.
            let used = try await harness.app.request(.get, callback)
            #expect(used.errorCode == "OAUTH_INVALID_STATE")

            let second = try await harness.authorize(try await harness.start("google"))
            let ok = try await harness.app.request(.get, second)
            #expect(ok.status == .created, "\(ok.text)")
            let replay = try await harness.app.request(.get, second)
            #expect(replay.status == .badRequest)
            #expect(replay.errorCode == "OAUTH_INVALID_STATE")
        }
    }

    @Test("an expired state is 400")
    func expiredState() async throws {
        let clock = TestClock()
        try await OAuthHarness.run(clock: clock) { harness in
            await harness.provider.signInNext(Self.google("g-500", email: Self.uniqueEmail(), verified: true))
            let callback = try await harness.authorize(try await harness.start("google"))
            clock.advance(seconds: 601)
            let reply = try await harness.app.request(.get, callback)
            #expect(reply.status == .badRequest)
            #expect(reply.errorCode == "OAUTH_INVALID_STATE")
        }
    }

    @Test("a code bound to another PKCE challenge is refused by the provider: clean 400, no secret in the answer")
    func wrongVerifier() async throws {
        try await OAuthHarness.run { harness in
            await harness.provider.signInNext(Self.google("g-600", email: Self.uniqueEmail(), verified: true))
            let location = try await harness.start("google")
            let challenge = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "code_challenge" }?.value)
            let injected = location.replacingOccurrences(of: challenge, with: String(repeating: "x", count: 43))
            let reply = try await harness.app.request(.get, try await harness.authorize(injected))
            #expect(reply.status == .badRequest, "\(reply.text)")
            #expect(reply.errorCode == "OAUTH_CODE_REJECTED")
            #expect(reply.text.contains("invalid_grant"))
            #expect(!reply.text.contains(FakeOAuthProvider.clientSecret))
        }
    }

    @Test("the provider denying, failing or being unreachable is a clean 400 or 502")
    func providerFailures() async throws {
        try await OAuthHarness.run { harness in
            await harness.provider.signInNext(Self.google("g-700", email: Self.uniqueEmail(), verified: true))
            let callback = try await harness.authorize(try await harness.start("google"))
            let denied = try await harness.app.request(
                .get, callback.replacingOccurrences(of: "?code=", with: "?error=access_denied&code="))
            #expect(denied.status == .badRequest)
            #expect(denied.errorCode == "OAUTH_DENIED")
            #expect(try await harness.app.request(.get, callback).errorCode == "OAUTH_INVALID_STATE")

            await harness.provider.failTokenEndpoint(true)
            let down = try await harness.app.request(.get, try await harness.authorize(try await harness.start("google")))
            #expect(down.status == .badGateway, "\(down.text)")
            #expect(down.errorCode == "OAUTH_PROVIDER_ERROR")
            #expect(!down.text.contains(FakeOAuthProvider.clientSecret))
        }
        try await OAuthHarness.run(endpoints: { provider in
            // Nothing listens on port 1 of 127.0.0.1: the token call cannot connect.
            ["google": OAuthEndpoints(authorize: provider.origin + "/authorize", token: "http://127.0.0.1:1/token", userInfo: "http://127.0.0.1:1/userinfo")]
        }) { harness in
            await harness.provider.signInNext(Self.google("g-701", email: Self.uniqueEmail(), verified: true))
            let reply = try await harness.app.request(.get, try await harness.authorize(try await harness.start("google")))
            #expect(reply.status == .badGateway, "\(reply.text)")
            #expect(reply.errorCode == "OAUTH_PROVIDER_ERROR")
        }
    }

    @Test("GitHub: the primary verified address comes from /user/emails")
    func githubVerifiedEmail() async throws {
        try await OAuthHarness.run { harness in
            let account = try await harness.app.signUp(email: Self.uniqueEmail())
            var user = FakeOAuthProvider.User(id: "4242", email: "public-profile@example.com", emailVerified: false, name: "Octo Cat")
            user.addresses = [
                (email: "old@example.com", primary: false, verified: false),
                (email: account.email, primary: true, verified: true),
            ]
            let reply = try await harness.signIn("github", as: user)
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(reply.userID == account.userID)

            var unverified = FakeOAuthProvider.User(id: "4343", email: account.email, emailVerified: true, name: "Not Verified")
            unverified.addresses = [(email: account.email, primary: true, verified: false)]
            let refused = try await harness.signIn("github", as: unverified)
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "OAUTH_EMAIL_NOT_VERIFIED")
        }
    }

    @Test("a provider declared in app.json with its own endpoints and user-info fields")
    func declaredProvider() async throws {
        try await OAuthHarness.run(configure: { settings, provider in
            let oauth = try! #require(settings.oauth)
            let custom = AuthSettings.OAuthProviderSettings(
                name: "acme", clientIDVariable: "FAKE_CLIENT_ID", clientSecretVariable: "FAKE_CLIENT_SECRET",
                authorizeURL: provider.origin + "/authorize", tokenURL: provider.origin + "/token", userInfoURL: provider.origin + "/userinfo",
                scopes: ["profile"], userIDField: "profile.uid", emailField: "profile.mail", emailVerifiedField: "profile.confirmed")
            return settings.replacingOAuth(.init(
                publicURL: oauth.publicURL, redirectAllowlist: oauth.redirectAllowlist, stateSeconds: oauth.stateSeconds,
                providers: oauth.providers + [custom]))
        }) { harness in
            let location = try await harness.start("acme")
            #expect(location.contains("scope=profile"))
            let email = Self.uniqueEmail()
            let reply = try await harness.signIn("acme", as: Self.google("77", email: email, verified: true))
            #expect(reply.status == .created, "\(reply.text)")
            let again = try await harness.signIn("acme", as: Self.google("77", email: email, verified: true))
            #expect(again.userID == reply.userID)
            let byGoogle = try await harness.signIn("google", as: Self.google("77", email: email, verified: true))
            #expect(byGoogle.status == .ok)
            #expect(byGoogle.userID == reply.userID)
        }
    }

    @Test("banned accounts are refused, through a link or by email")
    func bannedUser() async throws {
        try await OAuthHarness.run { harness in
            let email = Self.uniqueEmail()
            let first = try await harness.signIn("google", as: Self.google("g-800", email: email, verified: true))
            #expect(first.status == .created)
            try await harness.setStatus("banned", email: email)
            let linked = try await harness.signIn("google", as: Self.google("g-800", email: email, verified: true))
            #expect(linked.status == .forbidden)
            #expect(linked.errorCode == "ACCOUNT_DISABLED")
            let byEmail = try await harness.signIn("github", as: {
                var user = FakeOAuthProvider.User(id: "9000", email: email, emailVerified: true, name: "")
                user.addresses = [(email: email, primary: true, verified: true)]
                return user
            }())
            #expect(byEmail.status == .forbidden)
        }
    }

    @Test("unknown providers are 404; redirect_to must be allowlisted; cookie mode redirects with cookies, never tokens in the URL")
    func redirectsAndProviders() async throws {
        try await OAuthHarness.run { harness in
            let unknown = try await harness.app.request(.get, TestApp.auth + "/oauth/facebook")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "OAUTH_PROVIDER_NOT_FOUND")
            let open = try await harness.app.request(.get, TestApp.auth + "/oauth/google?redirect_to=https%3A%2F%2Fevil.example%2F")
            #expect(open.status == .badRequest)
            #expect(open.errorFields == ["redirect_to"])

            await harness.provider.signInNext(Self.google("g-900", email: Self.uniqueEmail(), verified: true))
            let location = try await harness.start("google", query: "?redirect_to=http%3A%2F%2Flocalhost%3A5173%2Fsigned-in")
            let reply = try await harness.app.request(.get, try await harness.authorize(location))
            #expect(reply.status == .found, "\(reply.text)")
            #expect(reply.headers[.location] == "http://localhost:5173/signed-in")
            let cookies = reply.headers[values: .setCookie]
            #expect(cookies.contains { $0.hasPrefix("loom_access=") })
            #expect(cookies.contains { $0.hasPrefix("loom_refresh=") })
            #expect(reply.bytes.isEmpty)
        }
    }

    @Test("providers without credentials are disabled: the server starts and answers 404 for them")
    func missingCredentials() async throws {
        try await TestApp.run("tracker") { app in
            let reply = try await app.request(.get, TestApp.auth + "/oauth/github")
            #expect(reply.status == .notFound)
            #expect(reply.errorCode == "OAUTH_PROVIDER_NOT_FOUND")
        }
    }
}

extension AuthSettings {
    /// A copy with other OAuth settings.
    func replacingOAuth(_ oauth: OAuthSettings) -> AuthSettings {
        AuthSettings(
            routePrefix: routePrefix, issuer: issuer, audience: audience, secretVariable: secretVariable,
            accessTokenSeconds: accessTokenSeconds, refreshTokenSeconds: refreshTokenSeconds, passwords: passwords, roles: roles,
            defaultRole: defaultRole, apiKeys: apiKeys, cookies: cookies, oauth: oauth, mail: mail)
    }
}
