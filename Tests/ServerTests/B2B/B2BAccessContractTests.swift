import Auth
import Foundation
import HTTPTypes
import Testing

@testable import Server

/// The document's "Authentication" section (after `B2BContractTests.apiKeyAuthentication`),
/// for credentials other than an admin's keys: "All API requests require authentication via
/// the X-API-Key header" and "requests exceeding key permissions receive 403" hold for accounts
/// that merely signed up (they hold no scope; operators are promoted with `loom-server
/// set-role`), for what a sign-up's founded organization can mint (projects, project keys,
/// organization tokens: all without scope), and `/v1/keys` is admin only for access tokens as
/// for keys. Against a live `b2b` server with every module `serve` mounts (`b2bComplete`).
@Suite("B2B contract: who reaches the data, the keys and the admin routes")
struct B2BAccessContractTests {
    /// Every `/v1` route a credential without scopes must not reach: the data, the keys and every
    /// admin route (audit, usage, webhooks, tiers).
    static let guarded: [(HTTPRequest.Method, String, String?)] = [
        (.get, "/v1/users", nil),
        (.post, "/v1/users", #"{"email":"x@example.com"}"#),
        (.get, "/v1/organizations", nil),
        (.post, "/v1/organizations", #"{"name":"X"}"#),
        (.get, "/v1/keys", nil),
        (.post, "/v1/keys", #"{"name":"x","environment":"live","scopes":[]}"#),
        (.get, "/v1/audit", nil),
        (.get, "/v1/usage", nil),
        (.get, "/v1/webhooks", nil),
        (.post, "/v1/webhooks", #"{"url":"http://127.0.0.1:9/hooks","event_types":["users.*"]}"#),
        (.get, "/v1/rate-limits/tiers", nil),
        (.get, "/v1/rate-limits/api-keys/key_0000000000000000000000", nil),
        (.put, "/v1/rate-limits/api-keys/key_0000000000000000000000", #"{"tier":"enterprise"}"#),
    ]

    /// Expects 403 `PERMISSION_DENIED` on every guarded route with `headers`.
    static func expectRefusedEverywhere(_ app: TestApp, _ headers: HTTPFields, _ who: String) async throws {
        for (method, path, body) in guarded {
            let reply = try await app.request(method, path, json: body, headers: headers)
            #expect(reply.status == .forbidden && reply.errorCode == "PERMISSION_DENIED", "\(who): \(method) \(path): \(reply.text)")
        }
    }

    @Test("a fresh sign-up holds no scope: its token is 403 PERMISSION_DENIED on every data, key and admin route until set-role makes it admin")
    func signUpReadsNothing() async throws {
        try await TestApp.b2bComplete { app in
            let stranger = try await app.b2bSignUp(email: "stranger@example.com")
            let bearer: HTTPFields = [.authorization: "Bearer \(stranger)"]
            try await Self.expectRefusedEverywhere(app, bearer, "a sign-up")
            // Nor with a key it could make: key management is refused, and no key can hold more than its owner.
            let withKey = try await app.request(
                .post, "/v1/keys", json: #"{"name":"r","environment":"live","scopes":["users:read"]}"#, headers: bearer)
            #expect(withKey.status == .forbidden, "\(withKey.text)")
            // Its own sessions stay its own to manage.
            #expect(try await app.request(.get, "/v1/auth/sessions", headers: bearer).status == .ok)
            // The operator promoted with set-role (b2bOperator) reaches the data, the keys and the admin routes.
            let promoted: HTTPFields = [.authorization: "Bearer \(try await app.b2bOperator())"]
            for path in ["/v1/users", "/v1/keys", "/v1/webhooks", "/v1/rate-limits/tiers", "/v1/audit"] {
                let reply = try await app.request(.get, path, headers: promoted)
                #expect(reply.status == .ok, "\(path): \(reply.text)")
            }
        }
    }

    @Test("a sign-up's founded organization: projects, project keys and organization tokens can be made, and each is 403 on every /v1 route")
    func foundedOrganizationReadsNothing() async throws {
        try await TestApp.b2bComplete { app in
            let founder = try await app.b2bSignUp(
                email: "founder@example.com", extra: #","organization_name":"Acme","organization_slug":"acme""#)
            let bearer: HTTPFields = [.authorization: "Bearer \(founder)"]
            try await Self.expectRefusedEverywhere(app, bearer, "the founder's bound token")
            // The owner manages its own organization (the auth module's, UUID ids), as every app's owners do.
            let organizations = try await app.request(.get, "/v1/auth/organizations", headers: bearer)
            let organization = try #require(organizations.items.first?["id"] as? String, "\(organizations.text)")
            #expect(organizations.items.first?["role"] as? String == "owner")
            let project = try await app.request(
                .post, "/v1/auth/organizations/\(organization)/projects", json: #"{"name":"Portal","slug":"portal"}"#, headers: bearer)
            #expect(project.status == .created, "\(project.text)")
            let projectID = try #require(project.object["id"] as? String)
            // A project key: sk_live_, bound to the project, without scope (organization roles grant none)...
            let projectKey = try await app.request(
                .post, "/v1/auth/organizations/\(organization)/projects/\(projectID)/keys", json: #"{"environment":"live"}"#, headers: bearer)
            #expect(projectKey.status == .created, "\(projectKey.text)")
            #expect(projectKey.data["scopes"] as? [String] == [], "\(projectKey.text)")
            let key = try #require(projectKey.data["key"] as? String)
            #expect(key.hasPrefix("sk_live_"))
            try await Self.expectRefusedEverywhere(app, TestApp.key(key), "a project key")
            // ...and none can be asked for: a scope beyond the owner's organization role is 403.
            let scoped = try await app.request(
                .post, "/v1/auth/organizations/\(organization)/projects/\(projectID)/keys",
                json: #"{"environment":"test","scopes":["users:read"]}"#, headers: bearer)
            #expect(scoped.status == .forbidden && scoped.errorCode == "PERMISSION_DENIED", "\(scoped.text)")
            // An organization token: a new session bound to it, holding the owner role's scopes (none).
            let tokens = try await app.request(.post, "/v1/auth/organizations/\(organization)/tokens", json: "{}", headers: bearer)
            #expect(tokens.status == .created, "\(tokens.text)")
            let bound = try #require(tokens.object["access_token"] as? String)
            try await Self.expectRefusedEverywhere(app, [.authorization: "Bearer \(bound)"], "an organization token")
        }
    }

    @Test("/v1/keys is admin only: a member's access token is 403 at every key route, an admin's token and key are not")
    func keysAdminOnly() async throws {
        try await TestApp.b2b { app in
            let operatorToken = try await app.b2bOperator()
            let admin: HTTPFields = [.authorization: "Bearer \(operatorToken)"]
            let made = try await app.b2bKey(#"{"name":"reader","environment":"live","scopes":["users:read"]}"#, token: operatorToken)
            let adminKey = try await app.b2bFullKey(token: operatorToken)
            #expect(try await app.request(.get, "/v1/keys", headers: TestApp.key(adminKey)).status == .ok)
            // A member (demoted with set-role) keeps its login but manages no keys, not even its own.
            _ = try await app.b2bOperator(email: "member@example.com")
            let database = try #require(app.database)
            let settings = try #require(try AppCatalog.app(named: "b2b").auth)
            _ = try await AuthService.assignRole(email: "member@example.com", role: "member", settings: settings, database: database, app: "b2b")
            let login = try await app.request(.post, "/v1/auth/login", json: #"{"email":"member@example.com","password":"correct horse battery"}"#)
            let member: HTTPFields = [.authorization: "Bearer \(try #require(login.object["access_token"] as? String, "\(login.text)"))"]
            let routes: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/v1/keys", nil),
                (.post, "/v1/keys", #"{"name":"m","environment":"live","scopes":[]}"#),
                (.get, "/v1/keys/\(made.id)", nil),
                (.patch, "/v1/keys/\(made.id)", #"{"name":"renamed"}"#),
                (.post, "/v1/keys/\(made.id)/rotate", "{}"),
                (.delete, "/v1/keys/\(made.id)", nil),
            ]
            for (method, path, body) in routes {
                let reply = try await app.request(method, path, json: body, headers: member)
                #expect(reply.status == .forbidden && reply.errorCode == "PERMISSION_DENIED", "\(method) \(path): \(reply.text)")
            }
            // The admin's key was untouched by the member's attempts.
            let kept = try await app.request(.get, "/v1/keys/\(made.id)", headers: admin)
            #expect(kept.status == .ok && kept.data["name"] as? String == "reader", "\(kept.text)")
        }
    }
}
