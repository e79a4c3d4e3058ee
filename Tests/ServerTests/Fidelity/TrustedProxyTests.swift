import Foundation
import HTTPTypes
import Testing

@testable import Server

/// The client address behind trusted proxies reaches every consumer through
/// `RequestClientAddress` (resolved once per request by `LoomMiddleware`): here, an API key's
/// IP allowlist. The layout app trusts 127.0.0.1, the live test client's address.
@Suite("Trusted proxies: the forwarded client address")
struct TrustedProxyTests {
    @Test("an API key allowlist sees the client a trusted proxy names, not the proxy")
    func allowlistBehindProxy() async throws {
        try await TestApp.run("layout", setup: .live) { app in
            let credentials = #"{"email": "ada@example.com", "password": "correct horse battery"}"#
            let signup = try await app.request(
                .post, "/api/accounts/register", json: #"{"loginEmail": "ada@example.com", "password": "correct horse battery", "name": "Ada"}"#)
            #expect(signup.status == .accepted)
            let login = try await app.request(.post, "/api/accounts/sign-in", json: credentials)
            let token = try #require(login.object["accessToken"] as? String)
            let created = try await app.request(
                .post, "/api/accounts/api-keys",
                json: #"{"name": "office", "environment": "live", "scopes": ["customers:read"], "allowedCidrs": ["203.0.113.7/32"]}"#,
                headers: [.authorization: "Bearer \(token)"])
            #expect(created.status == .created, "\(created.text)")
            let key = try #require(created.object["key"] as? String)
            let keyHeader = HTTPField.Name("X-Api-Token")!
            let forwarded = HTTPField.Name("X-Forwarded-For")!
            let office = try await app.request(.get, "/api/accounts/identity", headers: [keyHeader: key, forwarded: "203.0.113.7"])
            #expect(office.status == .ok, "\(office.text)")
            let elsewhere = try await app.request(.get, "/api/accounts/identity", headers: [keyHeader: key, forwarded: "198.51.100.1"])
            #expect(elsewhere.status == .forbidden)
            let direct = try await app.request(.get, "/api/accounts/identity", headers: [keyHeader: key])
            #expect(direct.status == .forbidden, "the proxy's own address is not the office's")
            let standard = try await app.request(
                .get, "/api/accounts/identity", headers: [keyHeader: key, HTTPField.Name("Forwarded")!: "for=203.0.113.7"])
            #expect(standard.status == .ok, "RFC 7239 Forwarded names the client too")
        }
    }
}
