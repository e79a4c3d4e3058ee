import Foundation
import HTTPTypes
import Testing

@testable import Server

/// The Auctoritas reference's second half, in its order: SDK authentication, SDK end users,
/// the legacy endpoints and the security features of its configuration, against a live server.
@Suite("Auctoritas contract: SDK authentication, end users, legacy endpoints, configuration")
struct AuctoritasEndUserContractTests {
    /// An organization with one project and its production key.
    private static func projectKey(_ app: TestApp, slug: String = "acme") async throws -> (organization: String, project: String, key: String, owner: String) {
        let organization = try await app.registerOrganization(slug: slug, email: "owner@\(slug).com")
        let project = try await app.createProject(organization.id, token: organization.token)
        let key = try await app.rotateKey(organization.id, project, token: organization.token)
        return (organization.id, project, key, organization.token)
    }

    @Test("SDK authentication: login with X-API-Key finds the key's project's end users only; no or a bad key is 401")
    func sdkAuthentication() async throws {
        try await TestApp.auctoritas { app in
            let first = try await Self.projectKey(app)
            let second = try await Self.projectKey(app, slug: "globex")
            let user = try await app.endUser(key: first.key)
            let login = try await app.request(
                .post, "/api/v1/end-users/auth/login", json: #"{"email":"user@app.com","password":"password123"}"#,
                headers: TestApp.apiKey(first.key))
            #expect(login.status == .ok, "\(login.text)")
            let profile = try #require(login.object["user"] as? [String: any Sendable])
            #expect(profile["id"] as? String == user.id && profile["projectId"] as? String == first.project, "\(login.text)")
            for headers in [TestApp.apiKey(second.key), TestApp.apiKey("pk_prod_xxxxx"), HTTPFields()] {
                let refused = try await app.request(
                    .post, "/api/v1/end-users/auth/login", json: #"{"email":"user@app.com","password":"password123"}"#, headers: headers)
                #expect(refused.status == .unauthorized, "\(headers): \(refused.text)")
            }
            // OAuth: the provider routes exist at the document's paths; with no client id set they are off (404).
            let github = try await app.request(.get, "/api/v1/end-users/auth/oauth/github", headers: TestApp.apiKey(first.key))
            #expect(github.status == .notFound, "\(github.text)")
            // The key's environment: a DEV key of the same project reaches the same end users, and
            // survives a PROD rotation; a key is refused under the other environment's prefix.
            let dev = try await app.rotateKey(first.organization, first.project, token: first.owner, environment: "DEV")
            _ = try await app.rotateKey(first.organization, first.project, token: first.owner)
            let devLogin = try await app.request(
                .post, "/api/v1/end-users/auth/login", json: #"{"email":"user@app.com","password":"password123"}"#, headers: TestApp.apiKey(dev))
            #expect(devLogin.status == .ok, "\(devLogin.text)")
            let swapped = "pk_prod_" + dev.dropFirst("pk_dev_".count)
            let crossed = try await app.request(
                .post, "/api/v1/end-users/auth/login", json: #"{"email":"user@app.com","password":"password123"}"#, headers: TestApp.apiKey(swapped))
            #expect(crossed.status == .unauthorized, "\(crossed.text)")
        }
    }

    @Test("SDK end users: profile with SDK JWT + API key; sessions list, create, extend, revoke")
    func sdkEndUsers() async throws {
        try await TestApp.auctoritas { app in
            let tenant = try await Self.projectKey(app)
            let user = try await app.endUser(key: tenant.key)
            let both: HTTPFields = [.authorization: "Bearer \(user.token)", HTTPField.Name("X-API-Key")!: tenant.key]
            let profile = try await app.request(.get, "/api/v1/end-users/me", headers: both)
            #expect(profile.status == .ok && profile.object["email"] as? String == "user@app.com", "\(profile.text)")
            let updated = try await app.request(.patch, "/api/v1/end-users/me", json: #"{"email":"new@app.com","name":"New Name"}"#, headers: both)
            #expect(updated.status == .ok && updated.object["name"] as? String == "New Name", "\(updated.text)")
            #expect(updated.object["email"] as? String == "new@app.com")
            // The token with another project's key is refused.
            let other = try await Self.projectKey(app, slug: "globex")
            let mixed: HTTPFields = [.authorization: "Bearer \(user.token)", HTTPField.Name("X-API-Key")!: other.key]
            #expect(try await app.request(.get, "/api/v1/end-users/me", headers: mixed).status == .unauthorized)
            // Sessions (SDK JWT only). The document's example date lies beyond the 7-day session
            // lifetime it configures, so the test asks for 3 days.
            let jwt = TestApp.bearer(user.token)
            let sessions = try await app.request(.get, "/api/v1/end-users/sessions", headers: jwt)
            #expect(sessions.items.count == 2, "sign-up's and login's: \(sessions.text)")
            let threeDays = TestApp.isoDate(daysFromNow: 3)
            let created = try await app.request(.post, "/api/v1/end-users/sessions", json: #"{"expiresAt":"\#(threeDays)"}"#, headers: jwt)
            #expect(created.status == .created, "\(created.text)")
            #expect(Self.instant(created.object["sessionExpiresAt"]) == Self.instant(threeDays), "the session ends when asked: \(created.text)")
            let session = try #require(created.object["sessionId"] as? String, "\(created.text)")
            let fiveDays = TestApp.isoDate(daysFromNow: 5)
            let extended = try await app.request(
                .patch, "/api/v1/end-users/sessions/\(session)", json: #"{"expiresAt":"\#(fiveDays)"}"#, headers: jwt)
            #expect(extended.status == .ok, "\(extended.text)")
            #expect(Self.instant(extended.object["expiresAt"]) == Self.instant(fiveDays), "the session now ends when asked: \(extended.text)")
            let revoked = try await app.request(.delete, "/api/v1/end-users/sessions/\(session)", headers: jwt)
            #expect(revoked.status == .noContent, "\(revoked.text)")
            let beyond = try await app.request(
                .post, "/api/v1/end-users/sessions", json: #"{"expiresAt":"\#(TestApp.isoDate(daysFromNow: 30))"}"#, headers: jwt)
            #expect(beyond.status.code == 422 || beyond.status.code == 400, "\(beyond.text)")
            #expect(beyond.errorFields == ["expiresAt"], "\(beyond.text)")
        }
    }

    @Test("Legacy endpoints: login, refresh, user/me, sessions at /api/...")
    func legacyEndpoints() async throws {
        try await TestApp.auctoritas { app in
            _ = try await app.registerOrganization()
            let login = try await app.request(.post, "/api/auth/login", json: #"{"email":"owner@acme.com","password":"password123"}"#)
            #expect(login.status == .ok, "\(login.text)")
            let token = try #require(login.object["accessToken"] as? String)
            let refreshToken = try #require(login.object["refreshToken"] as? String)
            let refreshed = try await app.request(.post, "/api/auth/refresh", json: #"{"refreshToken":"\#(refreshToken)"}"#)
            #expect(refreshed.status == .ok, "\(refreshed.text)")
            let jwt = TestApp.bearer(token)
            let me = try await app.request(.get, "/api/user/me", headers: jwt)
            #expect(me.object["email"] as? String == "owner@acme.com", "\(me.text)")
            let renamed = try await app.request(.patch, "/api/user/me", json: #"{"name":"Boss"}"#, headers: jwt)
            #expect(renamed.object["name"] as? String == "Boss", "\(renamed.text)")
            let created = try await app.request(.post, "/api/sessions", json: "{}", headers: jwt)
            #expect(created.status == .created, "\(created.text)")
            let session = try #require(created.object["sessionId"] as? String)
            #expect(try await app.request(.get, "/api/sessions", headers: jwt).items.count >= 2)
            let extended = try await app.request(
                .patch, "/api/sessions/\(session)", json: #"{"expiresAt":"\#(TestApp.isoDate(daysFromNow: 2))"}"#, headers: jwt)
            #expect(extended.status == .ok, "\(extended.text)")
            #expect(try await app.request(.delete, "/api/sessions/\(session)", headers: jwt).status == .noContent)
        }
    }

    @Test("Configuration: 24 h access and 7 d refresh lifetimes, httpOnly cookies, banned users, project isolation")
    func securityFeatures() async throws {
        try await TestApp.auctoritas { app in
            let tenant = try await Self.projectKey(app)
            let login = try await app.request(
                .post, "/api/v1/customers/auth/login", json: #"{"email":"owner@acme.com","password":"password123"}"#,
                headers: [.origin: "http://localhost:5173"])
            #expect(login.status == .ok, "\(login.text)")
            #expect(login.object["accessToken"] == nil, "a browser gets its tokens only as cookies: \(login.text)")
            let cookies = login.headers[values: .setCookie]
            #expect(cookies.contains { $0.hasPrefix("loom_access=") && $0.contains("HttpOnly") }, "\(cookies)")
            // app.frontend.allowed-origins: http://localhost:5173 and http://localhost:4321, with credentials.
            for origin in ["http://localhost:5173", "http://localhost:4321", "http://localhost:9999"] {
                let preflight = try await CORSTests.preflight(app.client, "/api/v1/customers/auth/login", origin: origin)
                let allowed = origin != "http://localhost:9999"
                #expect((preflight.status == .noContent) == allowed, "\(origin): \(preflight.status)")
                #expect(preflight.headers[.accessControlAllowOrigin] == (allowed ? origin : nil), "\(origin)")
                #expect(preflight.headers[.accessControlAllowCredentials] == (allowed ? "true" : nil), "\(origin)")
            }
            let plain = try await app.request(.post, "/api/v1/customers/auth/login", json: #"{"email":"owner@acme.com","password":"password123"}"#)
            #expect(plain.object["expiresIn"] as? Int == 86400, "\(plain.text)")
            let sessionEnd = try #require((plain.object["sessionExpiresAt"] as? String).flatMap(ISO8601DateFormatter.withFractions.date))
            #expect(abs(sessionEnd.timeIntervalSinceNow - 604800) < 120, "\(sessionEnd)")
            // Project-level isolation: an end user's data is theirs and their project's only.
            let user = try await app.endUser(key: tenant.key)
            let stored = try await app.request(
                .post, "/api/v1/end-users/data", json: #"{"key":"theme","value":"dark"}"#, headers: TestApp.bearer(user.token))
            #expect(stored.status == .created, "\(stored.text)")
            let other = try await Self.projectKey(app, slug: "globex")
            let stranger = try await app.endUser(key: other.key, email: "user@app.com")
            let foreign = try await app.request(.get, "/api/v1/end-users/data", headers: TestApp.bearer(stranger.token))
            #expect(foreign.status == .ok && foreign.items.isEmpty, "\(foreign.text)")
            // ... and no other end user's of the same project.
            let neighbour = try await app.endUser(key: tenant.key, email: "neighbour@app.com")
            let rowID = try #require(stored.object["id"] as? String, "\(stored.text)")
            let neighbourList = try await app.request(.get, "/api/v1/end-users/data", headers: TestApp.bearer(neighbour.token))
            #expect(neighbourList.status == .ok && neighbourList.items.isEmpty, "\(neighbourList.text)")
            let neighbourRead = try await app.request(.get, "/api/v1/end-users/data/\(rowID)", headers: TestApp.bearer(neighbour.token))
            #expect(neighbourRead.status == .notFound, "\(neighbourRead.text)")
            let own = try await app.request(.get, "/api/v1/end-users/data/\(rowID)", headers: TestApp.bearer(user.token))
            #expect(own.status == .ok, "\(own.text)")
            // Banned user enforcement.
            let platform = TestApp.bearer(try await app.platformToken())
            let banned = try await app.request(.post, "/api/platform/admin/end-users/\(user.id)/ban", headers: platform)
            #expect(banned.status == .ok, "\(banned.text)")
            let both: HTTPFields = [.authorization: "Bearer \(user.token)", HTTPField.Name("X-API-Key")!: tenant.key]
            let neighbourMe: HTTPFields = [.authorization: "Bearer \(neighbour.token)", HTTPField.Name("X-API-Key")!: tenant.key]
            #expect(try await app.request(.get, "/api/v1/end-users/me", headers: neighbourMe).status == .ok, "the key itself still works")
            let bannedMe = try await app.request(.get, "/api/v1/end-users/me", headers: both)
            #expect(bannedMe.status == .unauthorized, "the banned user's token dies: \(bannedMe.text)")
            let refused = try await app.request(
                .post, "/api/v1/end-users/auth/login", json: #"{"email":"user@app.com","password":"password123"}"#,
                headers: TestApp.apiKey(tenant.key))
            #expect(refused.status == .unauthorized, "\(refused.text)")
        }
    }
}

extension AuctoritasEndUserContractTests {
    @Test("Configuration: access tokens expire after 24 h, refresh tokens after 7 d (moved clock)")
    func tokenLifetimes() async throws {
        let clock = TestClock()
        try await TestApp.auctoritas(clock: clock) { app in
            _ = try await app.registerOrganization()
            let login = try await app.request(.post, "/api/auth/login", json: #"{"email":"owner@acme.com","password":"password123"}"#)
            let access = TestApp.bearer(try #require(login.object["accessToken"] as? String, "\(login.text)"))
            var refreshToken = try #require(login.object["refreshToken"] as? String)
            clock.advance(seconds: 86_400 - 60)
            #expect(try await app.request(.get, "/api/user/me", headers: access).status == .ok, "alive just before 24 h")
            clock.advance(seconds: 120)
            #expect(try await app.request(.get, "/api/user/me", headers: access).status == .unauthorized, "dead just after 24 h")
            clock.advance(seconds: 6 * 86_400 - 180)
            let late = try await app.request(.post, "/api/auth/refresh", json: #"{"refreshToken":"\#(refreshToken)"}"#)
            #expect(late.status == .ok, "refreshed just before 7 d: \(late.text)")
            refreshToken = try #require(late.object["refreshToken"] as? String, "\(late.text)")
            clock.advance(seconds: 120)
            let expired = try await app.request(.post, "/api/auth/refresh", json: #"{"refreshToken":"\#(refreshToken)"}"#)
            #expect(expired.status == .unauthorized, "the session ends 7 d after login, refreshed or not: \(expired.text)")
        }
    }


    /// The instant an answer member or a request's ISO-8601 text names, to the second.
    static func instant(_ value: (any Sendable)?) -> Date? {
        guard let text = value as? String else { return nil }
        let date = ISO8601DateFormatter.withFractions.date(from: text) ?? ISO8601DateFormatter().date(from: text)
        return date.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
    }
}

extension ISO8601DateFormatter {
    /// Reads instants with fractional seconds (`2026-12-12T04:14:09.942Z`), as the API writes them.
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
