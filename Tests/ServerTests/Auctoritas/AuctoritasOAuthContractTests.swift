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
}

extension OAuthHarness {
    /// The whole flow from the start route at `path`: start, authorize at the provider, callback.
    func signIn(path: String, as user: FakeOAuthProvider.User) async throws -> Reply {
        await provider.signInNext(user)
        let redirect = try await app.request(.get, path)
        return try await app.request(.get, try await authorize(try #require(redirect.headers[.location])))
    }
}
