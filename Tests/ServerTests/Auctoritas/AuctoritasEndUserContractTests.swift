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

    @Test("SDK authentication: register end user with X-API-Key and {email, password, name}; the legacy register without a key")
    func registerEndUser() async throws {
        try await TestApp.auctoritas { app in
            let first = try await Self.projectKey(app)
            let second = try await Self.projectKey(app, slug: "globex")
            let example = #"{"email":"user@app.com","password":"password123","name":"App User"}"#
            let registered = try await app.request(.post, "/api/v1/end-users/auth/register", json: example, headers: TestApp.apiKey(first.key))
            #expect(registered.status == .created, "\(registered.text)")
            let user = try #require(registered.object["user"] as? [String: any Sendable], "\(registered.text)")
            #expect(user["name"] as? String == "App User" && user["email"] as? String == "user@app.com", "\(registered.text)")
            #expect(user["projectId"] as? String == first.project, "the key's project: \(registered.text)")
            #expect(registered.object["accessToken"] is String && registered.object["refreshToken"] is String, "\(registered.text)")
            // The email is unique per project: taken in this one (409), free in another.
            let again = try await app.request(.post, "/api/v1/end-users/auth/register", json: example, headers: TestApp.apiKey(first.key))
            #expect(again.status == .conflict, "\(again.text)")
            let elsewhere = try await app.request(.post, "/api/v1/end-users/auth/register", json: example, headers: TestApp.apiKey(second.key))
            #expect(elsewhere.status == .created, "\(elsewhere.text)")
            // Each path validates its own spelling: the organization's members are not register's.
            let ownerSpelling = try await app.request(
                .post, "/api/v1/end-users/auth/register", json: #"{"ownerEmail":"x@app.com","ownerPassword":"password123","ownerName":"X"}"#,
                headers: TestApp.apiKey(first.key))
            #expect(ownerSpelling.status.code == 422 || ownerSpelling.status.code == 400, "\(ownerSpelling.text)")
            #expect(Set(ownerSpelling.errorFields).isSubset(of: ["email", "password", "name", "ownerEmail", "ownerPassword", "ownerName"]) && !ownerSpelling.errorFields.isEmpty, "\(ownerSpelling.text)")
            let short = try await app.request(
                .post, "/api/v1/end-users/auth/register", json: #"{"email":"y@app.com","password":"short","name":"Y"}"#,
                headers: TestApp.apiKey(first.key))
            #expect(short.errorFields == ["password"], "\(short.text)")
            // An invalid key is 401, never an app-level sign-up.
            let forged = try await app.request(.post, "/api/v1/end-users/auth/register", json: example, headers: TestApp.apiKey("pk_prod_xxxxx"))
            #expect(forged.status == .unauthorized, "\(forged.text)")
            // Legacy POST /api/auth/register, no auth: an app-level account with the same body.
            let legacy = try await app.request(.post, "/api/auth/register", json: #"{"email":"legacy@app.com","password":"password123","name":"Legacy User"}"#)
            #expect(legacy.status == .created, "\(legacy.text)")
            let legacyUser = try #require(legacy.object["user"] as? [String: any Sendable], "\(legacy.text)")
            #expect(legacyUser["name"] as? String == "Legacy User" && !(legacyUser["projectId"] is String), "\(legacy.text)")
            let login = try await app.request(.post, "/api/auth/login", json: #"{"email":"legacy@app.com","password":"password123"}"#)
            #expect(login.status == .ok, "\(login.text)")
            // Register creates no organization: the organization's register keeps its own spelling.
            let organizations = try await app.request(
                .get, "/api/v1/customers/auth/organizations", headers: TestApp.bearer(try #require(legacy.object["accessToken"] as? String)))
            #expect(organizations.status == .ok && organizations.items.isEmpty, "\(organizations.text)")
        }
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
            // The bare token, without the key, is accepted too: the token is bound to its project
            // already, so the key adds no authority (README, "SDK JWT + API Key").
            let bare = try await app.request(.get, "/api/v1/end-users/me", headers: TestApp.bearer(user.token))
            #expect(bare.status == .ok && bare.object["id"] as? String == user.id, "\(bare.text)")
            // Sessions (SDK JWT only). The document's example end (2026-12-31T23:59:59Z, 26 days
            // after this was written) lies beyond the 7-day refresh lifetime: a client may ask for
            // up to `maxSessionSeconds` (30 days) ahead, so the test asks as far ahead as the example did.
            let jwt = TestApp.bearer(user.token)
            let sessions = try await app.request(.get, "/api/v1/end-users/sessions", headers: jwt)
            #expect(sessions.items.count == 2, "sign-up's and login's: \(sessions.text)")
            let exampleDistance = TestApp.isoDate(daysFromNow: 26)
            let created = try await app.request(.post, "/api/v1/end-users/sessions", json: #"{"expiresAt":"\#(exampleDistance)"}"#, headers: jwt)
            #expect(created.status == .created, "\(created.text)")
            #expect(Self.instant(created.object["sessionExpiresAt"]) == Self.instant(exampleDistance), "the session ends when asked: \(created.text)")
            let session = try #require(created.object["sessionId"] as? String, "\(created.text)")
            let almostThirty = TestApp.isoDate(daysFromNow: 29.9)
            let extended = try await app.request(
                .patch, "/api/v1/end-users/sessions/\(session)", json: #"{"expiresAt":"\#(almostThirty)"}"#, headers: jwt)
            #expect(extended.status == .ok, "\(extended.text)")
            #expect(Self.instant(extended.object["expiresAt"]) == Self.instant(almostThirty), "the session now ends when asked: \(extended.text)")
            // Extending beyond the 30-day maximum, or into the past, is 422 naming `expiresAt`; the session keeps its end.
            for days in [30.1, -1] {
                let refused = try await app.request(
                    .patch, "/api/v1/end-users/sessions/\(session)", json: #"{"expiresAt":"\#(TestApp.isoDate(daysFromNow: days))"}"#, headers: jwt)
                #expect(refused.status.code == 422, "extend by \(days) days: \(refused.text)")
                #expect(refused.errorFields == ["expiresAt"], "\(refused.text)")
            }
            let listed = try await app.request(.get, "/api/v1/end-users/sessions", headers: jwt)
            let kept = listed.items.first { $0["id"] as? String == session }
            #expect(Self.instant(kept?["expiresAt"]) == Self.instant(almostThirty), "a refused extension changes nothing: \(listed.text)")
            let revoked = try await app.request(.delete, "/api/v1/end-users/sessions/\(session)", headers: jwt)
            #expect(revoked.status == .noContent, "\(revoked.text)")
            for days in [30.1, -1] {
                let refused = try await app.request(
                    .post, "/api/v1/end-users/sessions", json: #"{"expiresAt":"\#(TestApp.isoDate(daysFromNow: days))"}"#, headers: jwt)
                #expect(refused.status.code == 422, "\(days) days: \(refused.text)")
                #expect(refused.errorFields == ["expiresAt"], "\(refused.text)")
            }
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

    @Test("Configuration: a session asked for 30 days outlives the 7-day refresh token, which must be used within 7 days (moved clock)")
    func longSessionRefreshTokens() async throws {
        let clock = TestClock()
        try await TestApp.auctoritas(clock: clock) { app in
            _ = try await app.registerOrganization()
            let login = try await app.request(.post, "/api/auth/login", json: #"{"email":"owner@acme.com","password":"password123"}"#)
            let access = TestApp.bearer(try #require(login.object["accessToken"] as? String, "\(login.text)"))
            let end = ISO8601DateFormatter().string(from: clock.now.addingTimeInterval(30 * 86_400 - 60))
            let created = try await app.request(.post, "/api/sessions", json: #"{"expiresAt":"\#(end)"}"#, headers: access)
            #expect(created.status == .created, "\(created.text)")
            var refreshToken = try #require(created.object["refreshToken"] as? String, "\(created.text)")
            // Refreshed every 6 days, the session outlives the 7-day lifetime of a login's session.
            for _ in 0..<3 {
                clock.advance(seconds: 6 * 86_400)
                let refreshed = try await app.request(.post, "/api/auth/refresh", json: #"{"refreshToken":"\#(refreshToken)"}"#)
                #expect(refreshed.status == .ok, "day \(clock.now): \(refreshed.text)")
                refreshToken = try #require(refreshed.object["refreshToken"] as? String, "\(refreshed.text)")
            }
            // Day 25: a refresh token left unused for more than 7 days is dead, though the session (day 30) is not.
            clock.advance(seconds: 7 * 86_400 + 60)
            let stale = try await app.request(.post, "/api/auth/refresh", json: #"{"refreshToken":"\#(refreshToken)"}"#)
            #expect(stale.status == .unauthorized, "\(stale.text)")
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
