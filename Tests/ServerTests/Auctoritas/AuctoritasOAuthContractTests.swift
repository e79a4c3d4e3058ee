import Foundation
import HTTPTypes
import Testing

@testable import Server

/// The Auctoritas reference's OAuth points ("OAuth via GitHub", Google, and the legacy
/// `/api/auth/oauth/{github,google}`), each signing in through a fake provider on 127.0.0.1
/// that stands in for both providers (`OAuthHarness`, with the app's own client variables).
@Suite("Auctoritas contract: GitHub and Google OAuth, SDK and legacy paths")
struct AuctoritasOAuthContractTests {
    /// The document's start paths, SDK ones first, and who signs in through each.
    static let starts: [(path: String, provider: String, user: FakeOAuthProvider.User)] = [
        ("/api/v1/end-users/auth/oauth/github", "github", user("101", "octo@app.com", "Octo Cat")),
        ("/api/v1/end-users/auth/oauth/google", "google", user("go-1", "grace@app.com", "Grace Hopper")),
        ("/api/auth/oauth/github", "github", user("102", "legacy-octo@app.com", "Legacy Octo")),
        ("/api/auth/oauth/google", "google", user("go-2", "legacy-grace@app.com", "Legacy Grace")),
    ]

    /// A provider account with a verified address (GitHub lists it at `/user/emails`; its ids are numbers).
    static func user(_ id: String, _ email: String, _ name: String) -> FakeOAuthProvider.User {
        FakeOAuthProvider.User(id: id, email: email, emailVerified: true, name: name, addresses: [(email, true, true)])
    }

    @Test("each start path redirects to its provider (302) and the callback signs the account in (201, then 200 again)")
    func signInThroughEachPath() async throws {
        try await OAuthHarness.run(appName: "auctoritas") { harness in
            for start in Self.starts {
                await harness.provider.signInNext(start.user)
                let redirect = try await harness.app.request(.get, start.path)
                #expect(redirect.status == .found, "\(start.path): \(redirect.text)")
                let location = try #require(redirect.headers[.location], "\(start.path)")
                #expect(location.hasPrefix(harness.provider.origin + "/authorize?"), "\(location)")
                #expect(location.contains("redirect_uri=" + "http%3A%2F%2Flocalhost%3A8080%2Fapi%2F"), "\(location)")
                let callback = try await harness.authorize(location)
                let signedIn = try await harness.app.request(.get, callback)
                #expect(signedIn.status == .created, "\(start.path): \(signedIn.text)")
                let token = try #require(signedIn.object["accessToken"] as? String, "\(signedIn.text)")
                let me = try await harness.app.request(.get, "/api/user/me", headers: TestApp.bearer(token))
                #expect(me.object["email"] as? String == start.user.email && me.object["name"] as? String == start.user.name, "\(me.text)")
                #expect(me.object["emailVerified"] as? Bool == true, "\(me.text)")
            }
            let again = try await harness.signIn(path: Self.starts[1].path, as: Self.starts[1].user)
            #expect(again.status == .ok, "a linked account signs in again: \(again.text)")
        }
    }

    @Test("app.frontend.redirect-url: the start takes `redirectTo` (the app's camelCase name), allowlisted; the callback sets the cookies and goes there")
    func frontendRedirect() async throws {
        try await OAuthHarness.run(appName: "auctoritas") { harness in
            let app = harness.app
            let organization = try await app.registerOrganization()
            let project = try await app.createProject(organization.id, token: organization.token)
            let key = try await app.rotateKey(organization.id, project, token: organization.token)
            let frontend = "http://localhost:5173/oauth/callback"
            let encoded = "http%3A%2F%2Flocalhost%3A5173%2Foauth%2Fcallback"
            for (path, headers) in [("/api/v1/end-users/auth/oauth/github", TestApp.apiKey(key)), ("/api/auth/oauth/google", HTTPFields())] {
                await harness.provider.signInNext(Self.user("r-\(path.count)", "redirect-\(path.count)@app.com", "Redirected"))
                let start = try await app.request(.get, path + "?redirectTo=" + encoded, headers: headers)
                #expect(start.status == .found, "\(path): \(start.text)")
                let callback = try await harness.authorize(try #require(start.headers[.location], "\(start.text)"))
                let done = try await app.request(.get, callback)
                #expect(done.status == .found && done.headers[.location] == frontend, "\(path): \(done.status) \(done.headers)")
                #expect(done.headers[values: .setCookie].count >= 2, "the session cookies: \(done.headers)")
                #expect(done.bytes.isEmpty && !(done.headers[.location] ?? "").contains("token"), "tokens never travel in the URL")
            }
            // Another address is 400 naming `redirectTo`; the snake_case spelling is not this app's parameter (400 naming it).
            let evil = try await app.request(.get, "/api/v1/end-users/auth/oauth/github?redirectTo=https%3A%2F%2Fevil.example%2F", headers: TestApp.apiKey(key))
            #expect(evil.status == .badRequest && evil.errorFields == ["redirectTo"], "\(evil.text)")
            let snake = try await app.request(.get, "/api/auth/oauth/github?redirect_to=" + encoded)
            #expect(snake.status == .badRequest && snake.errorFields == ["redirect_to"], "\(snake.text)")
        }
    }

    @Test("OAuth for a project's end users: the key at the start binds the flow; the callback creates or links an end user of that project only")
    func endUsersThroughOAuth() async throws {
        try await OAuthHarness.run(appName: "auctoritas") { harness in
            let app = harness.app
            let first = try await app.registerOrganization()
            let firstProject = try await app.createProject(first.id, token: first.token)
            let firstKey = try await app.rotateKey(first.id, firstProject, token: first.token)
            let second = try await app.registerOrganization(slug: "globex", email: "owner@globex.com")
            let secondProject = try await app.createProject(second.id, token: second.token)
            let secondKey = try await app.rotateKey(second.id, secondProject, token: second.token)
            let octo = Self.user("201", "octo@app.com", "Octo Cat")
            // "OAuth via GitHub" with the document's header: a new end user of the key's project (201).
            let created = try await harness.signIn(path: "/api/v1/end-users/auth/oauth/github", as: octo, key: firstKey)
            #expect(created.status == .created, "\(created.text)")
            let user = try #require(created.object["user"] as? [String: any Sendable], "\(created.text)")
            #expect(user["projectId"] as? String == firstProject && user["email"] as? String == "octo@app.com", "\(created.text)")
            let token = try #require(created.object["accessToken"] as? String)
            let both: HTTPFields = [.authorization: "Bearer \(token)", HTTPField.Name("X-API-Key")!: firstKey]
            let me = try await app.request(.get, "/api/v1/end-users/me", headers: both)
            #expect(me.status == .ok && me.object["projectId"] as? String == firstProject, "SDK JWT + API key: \(me.text)")
            let crossed: HTTPFields = [.authorization: "Bearer \(token)", HTTPField.Name("X-API-Key")!: secondKey]
            #expect(try await app.request(.get, "/api/v1/end-users/me", headers: crossed).status == .unauthorized, "bound to its project")
            // The same provider user again in the same project: the linked end user (200).
            let linked = try await harness.signIn(path: "/api/v1/end-users/auth/oauth/github", as: octo, key: firstKey)
            #expect(linked.status == .ok && linked.userID == created.userID, "\(linked.text)")
            // In another project: another end user (201), not the first project's.
            let elsewhere = try await harness.signIn(path: "/api/v1/end-users/auth/oauth/github", as: octo, key: secondKey)
            #expect(elsewhere.status == .created && elsewhere.userID != created.userID, "\(elsewhere.text)")
            #expect((elsewhere.object["user"] as? [String: any Sendable])?["projectId"] as? String == secondProject, "\(elsewhere.text)")
            // Without a key (the legacy path): an app-level account, a third one.
            let appLevel = try await harness.signIn(path: "/api/auth/oauth/github", as: octo)
            #expect(appLevel.status == .created && ![created.userID, elsewhere.userID].contains(appLevel.userID), "\(appLevel.text)")
            // An end user registered with a password is linked by the provider's verified address.
            let grace = try await app.endUser(key: firstKey, email: "grace@app.com")
            let graceOAuth = try await harness.signIn(
                path: "/api/v1/end-users/auth/oauth/google", as: Self.user("go-9", "grace@app.com", "Grace Hopper"), key: firstKey)
            #expect(graceOAuth.status == .ok && graceOAuth.userID == grace.id, "\(graceOAuth.text)")
            // A flow started for one project cannot be finished with another project's key, nor replayed.
            await harness.provider.signInNext(Self.user("202", "mallory@app.com", "Mallory"))
            let start = try await app.request(.get, "/api/v1/end-users/auth/oauth/github", headers: TestApp.apiKey(firstKey))
            let callback = try await harness.authorize(try #require(start.headers[.location], "\(start.text)"))
            let replayed = try await app.request(.get, callback, headers: TestApp.apiKey(secondKey))
            #expect(replayed.status == .badRequest && replayed.errorCode == "OAUTH_INVALID_STATE", "\(replayed.text)")
            let again = try await app.request(.get, callback, headers: TestApp.apiKey(firstKey))
            #expect(again.status == .badRequest && again.errorCode == "OAUTH_INVALID_STATE", "the state is used up: \(again.text)")
            // An invalid key at the start is 401, never an app-level sign-in.
            let forged = try await app.request(.get, "/api/v1/end-users/auth/oauth/github", headers: TestApp.apiKey("pk_prod_xxxxx"))
            #expect(forged.status == .unauthorized, "\(forged.text)")
        }
    }
}

extension OAuthHarness {
    /// The whole flow from the start route at `path`: start, authorize at the provider, callback.
    /// With `key`, the start request carries it in `X-API-Key` (a project's end users).
    func signIn(path: String, as user: FakeOAuthProvider.User, key: String? = nil) async throws -> Reply {
        await provider.signInNext(user)
        let redirect = try await app.request(.get, path, headers: key.map(TestApp.apiKey) ?? HTTPFields())
        return try await app.request(.get, try await authorize(try #require(redirect.headers[.location])))
    }
}
