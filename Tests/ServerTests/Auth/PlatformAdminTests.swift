import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// Platform admins: login and refresh with their own token type, the admin routes, and the
/// separation from app credentials in both directions.
@Suite("Platform admins")
struct PlatformAdminTests {
    @Test("login, me, refresh rotation with reuse detection; wrong passwords are 401")
    func loginAndRefresh() async throws {
        try await TestApp.run("tracker") { app in
            let admin = try await app.createPlatformAdmin()
            let wrong = try await app.request(
                .post, TestApp.platform + "/auth/login", json: #"{"email": "\#(admin.email)", "password": "not it at all"}"#)
            #expect(wrong.status == .unauthorized)
            let session = try await app.platformLogin(email: admin.email, password: admin.password)
            #expect(session.adminID == admin.id)
            let me = try await app.request(.get, TestApp.platform + "/admin/me", headers: session.headers)
            #expect(me.status == .ok)
            #expect(me.object["email"] as? String == admin.email)
            let refreshed = try await app.request(
                .post, TestApp.platform + "/auth/refresh", json: #"{"refresh_token": "\#(session.refreshToken)"}"#)
            #expect(refreshed.status == .ok, "\(refreshed.text)")
            let next = try #require(refreshed.object["access_token"] as? String)
            #expect(try await app.request(.get, TestApp.platform + "/admin/me", headers: [.authorization: "Bearer \(next)"]).status == .ok)
            let reused = try await app.request(
                .post, TestApp.platform + "/auth/refresh", json: #"{"refresh_token": "\#(session.refreshToken)"}"#)
            #expect(reused.status == .unauthorized, "a used refresh token is refused")
            let afterReuse = try await app.request(.get, TestApp.platform + "/admin/me", headers: [.authorization: "Bearer \(next)"])
            #expect(afterReuse.status == .unauthorized, "reuse revoked the platform session")
            #expect(try await app.auditEvents("platform_refresh_token_reuse").count == 1)
        }
    }

    @Test("logout ends the platform session: its access token and refresh token are refused at once, the other session lives")
    func logout() async throws {
        try await TestApp.run("tracker") { app in
            let admin = try await app.createPlatformAdmin()
            let session = try await app.platformLogin(email: admin.email, password: admin.password)
            let other = try await app.platformLogin(email: admin.email, password: admin.password)
            let anonymous = try await app.request(.post, TestApp.platform + "/auth/logout")
            #expect(anonymous.status == .unauthorized)
            let out = try await app.request(.post, TestApp.platform + "/auth/logout", headers: session.headers)
            #expect(out.status == .noContent && out.bytes.isEmpty, "\(out.text)")
            let me = try await app.request(.get, TestApp.platform + "/admin/me", headers: session.headers)
            #expect(me.status == .unauthorized, "the access token's session is revoked")
            let refreshed = try await app.request(
                .post, TestApp.platform + "/auth/refresh", json: #"{"refresh_token": "\#(session.refreshToken)"}"#)
            #expect(refreshed.status == .unauthorized, "\(refreshed.text)")
            let again = try await app.request(.post, TestApp.platform + "/auth/logout", headers: session.headers)
            #expect(again.status == .unauthorized)
            let stillIn = try await app.request(.get, TestApp.platform + "/admin/me", headers: other.headers)
            #expect(stillIn.status == .ok, "another session of the same admin is not touched")
            #expect(try await app.auditEvents("platform_logout").count == 1)
        }
    }

    @Test("a platform token is refused on app routes, an app token on platform routes")
    func tokensDoNotCross() async throws {
        try await TestApp.run("tracker") { app in
            let platform = try await app.platformAdmin()
            let user = try await app.signUp()
            #expect(try await app.identity(platform.headers).status == .unauthorized)
            #expect(try await app.request(.get, TestApp.auth + "/me", headers: platform.headers).status == .unauthorized)
            #expect(try await app.request(.get, TestApp.platform + "/admin/me", headers: user.headers).status == .unauthorized)
            #expect(try await app.request(.get, TestApp.platform + "/admin/organizations", headers: user.headers).status == .unauthorized)
            let appRefresh = try await app.request(
                .post, TestApp.platform + "/auth/refresh", json: #"{"refresh_token": "\#(user.refreshToken)"}"#)
            #expect(appRefresh.status == .unauthorized, "an app refresh token is not a platform one")
            let platformRefresh = try await app.request(
                .post, TestApp.auth + "/refresh", json: #"{"refresh_token": "\#(platform.refreshToken)"}"#)
            #expect(platformRefresh.status == .unauthorized, "a platform refresh token is not an app one")
            #expect(try await app.request(.get, TestApp.platform + "/admin/me").status == .unauthorized)
        }
    }

    @Test("admins create admins (409 on a taken email); deactivation kills tokens at once; never oneself")
    func createAndDeactivate() async throws {
        try await TestApp.run("tracker") { app in
            let root = try await app.platformAdmin()
            let body = #"{"email": "second@platform.example", "password": "second secret 1", "name": "Second"}"#
            let created = try await app.request(.post, TestApp.platform + "/admin", json: body, headers: root.headers)
            #expect(created.status == .created, "\(created.text)")
            let secondID = try #require(created.object["id"] as? String)
            #expect(created.object["created_by"] as? String == root.adminID)
            let duplicate = try await app.request(.post, TestApp.platform + "/admin", json: body, headers: root.headers)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.errorFields == ["email"])
            let short = try await app.request(
                .post, TestApp.platform + "/admin", json: #"{"email": "x@platform.example", "password": "short", "name": "X"}"#,
                headers: root.headers)
            #expect(short.status == .unprocessableContent)
            #expect(short.errorFields == ["password"])
            let second = try await app.platformLogin(email: "second@platform.example", password: "second secret 1")
            let selfDeactivation = try await app.request(.delete, TestApp.platform + "/admin/\(second.adminID)", headers: second.headers)
            #expect(selfDeactivation.status == .conflict)
            let deactivated = try await app.request(.delete, TestApp.platform + "/admin/\(secondID)", headers: root.headers)
            #expect(deactivated.status == .noContent)
            #expect(try await app.request(.get, TestApp.platform + "/admin/me", headers: second.headers).status == .unauthorized)
            let relogin = try await app.request(
                .post, TestApp.platform + "/auth/login", json: #"{"email": "second@platform.example", "password": "second secret 1"}"#)
            #expect(relogin.status == .unauthorized)
            let again = try await app.request(.delete, TestApp.platform + "/admin/\(secondID)", headers: root.headers)
            #expect(again.status == .notFound)
            let events = try await app.auditEvents("platform_admin_deactivated")
            #expect(events.count == 1)
            #expect(events.first?.actor == root.adminID)
        }
    }

    @Test("PATCH /admin/me changes the name; a new password needs the current one")
    func updateMe() async throws {
        try await TestApp.run("tracker") { app in
            let admin = try await app.createPlatformAdmin()
            let session = try await app.platformLogin(email: admin.email, password: admin.password)
            let renamed = try await app.request(.patch, TestApp.platform + "/admin/me", json: #"{"name": "Renamed"}"#, headers: session.headers)
            #expect(renamed.object["name"] as? String == "Renamed")
            let missing = try await app.request(
                .patch, TestApp.platform + "/admin/me", json: #"{"password": "a new secret 1"}"#, headers: session.headers)
            #expect(missing.errorFields == ["current_password"])
            let changed = try await app.request(
                .patch, TestApp.platform + "/admin/me",
                json: #"{"password": "a new secret 1", "current_password": "\#(admin.password)"}"#, headers: session.headers)
            #expect(changed.status == .ok)
            _ = try await app.platformLogin(email: admin.email, password: "a new secret 1")
        }
    }

    @Test("organizations and end users: paginated, searchable, with details and members")
    func directory() async throws {
        try await TestApp.run("tracker") { app in
            let root = try await app.platformAdmin()
            let owner = try await app.signUp(email: "owner-dir@example.com")
            let other = try await app.signUp(email: "someone@elsewhere.example")
            for (name, slug) in [("Acme Rockets", "acme"), ("Globex", "globex"), ("Acme Labs", "acme-labs")] {
                let reply = try await app.request(
                    .post, TestApp.auth + "/organizations", json: #"{"name": "\#(name)", "slug": "\#(slug)"}"#, headers: owner.headers)
                #expect(reply.status == .created)
            }
            let all = try await app.request(.get, TestApp.platform + "/admin/organizations?limit=2", headers: root.headers)
            #expect(all.object["total"] as? Int == 3)
            #expect(all.items.count == 2)
            let acme = try await app.request(.get, TestApp.platform + "/admin/organizations?search=ACME", headers: root.headers)
            #expect(acme.items.compactMap { $0["slug"] as? String } == ["acme-labs", "acme"])
            let literal = try await app.request(.get, TestApp.platform + "/admin/organizations?search=%25", headers: root.headers)
            #expect(literal.items.isEmpty, "% is matched literally")
            let id = try #require(acme.items.first?["id"] as? String)
            let detail = try await app.request(.get, TestApp.platform + "/admin/organizations/\(id)", headers: root.headers)
            #expect(detail.status == .ok)
            #expect((detail.object["members"] as? [[String: any Sendable]])?.first?["user_id"] as? String == owner.userID)
            #expect(try await app.request(.get, TestApp.platform + "/admin/organizations/\(UUID())", headers: root.headers).status == .notFound)
            let byEmail = try await app.request(.get, TestApp.platform + "/admin/end-users?email=ELSEWHERE", headers: root.headers)
            #expect(byEmail.items.compactMap { $0["id"] as? String } == [other.userID])
            let byOrganization = try await app.request(
                .get, TestApp.platform + "/admin/end-users?organization_id=\(id)", headers: root.headers)
            #expect(byOrganization.items.compactMap { $0["id"] as? String } == [owner.userID])
            let badLimit = try await app.request(.get, TestApp.platform + "/admin/end-users?limit=0", headers: root.headers)
            #expect(badLimit.status == .badRequest, "query parameters are refused like every list's")
            #expect(badLimit.errorFields == ["limit"])
            let unknown = try await app.request(.get, TestApp.platform + "/admin/end-users?limt=5", headers: root.headers)
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorFields == ["limt"])
            #expect(badLimit.errorFields == ["limit"])
            let badOrganization = try await app.request(
                .get, TestApp.platform + "/admin/end-users?organization_id=nope", headers: root.headers)
            #expect(badOrganization.errorFields == ["organization_id"])
        }
    }

    @Test("two admins deactivating each other at once: one active admin always stays")
    func mutualDeactivation() async throws {
        try await TestApp.run("tracker") { app in
            let first = try await app.platformAdmin()
            let second = try await app.platformAdmin()
            async let one = app.request(.delete, TestApp.platform + "/admin/\(second.adminID)", headers: first.headers)
            async let two = app.request(.delete, TestApp.platform + "/admin/\(first.adminID)", headers: second.headers)
            let statuses = try await [one.status, two.status]
            #expect(statuses.filter { $0 == .noContent }.count == 1, "\(statuses)")
            let database = try #require(app.database)
            let rows = try await database.fetch(SQLStatement("SELECT COUNT(*) FROM auth_platform_admins WHERE status = 'active'"))
            #expect(rows.first?.values == [.integer(1)])
        }
    }

    @Test("repeated failed platform logins are throttled (429 with Retry-After)")
    func throttled() async throws {
        try await TestApp.run("tracker") { app in
            let admin = try await app.createPlatformAdmin()
            var last: Reply?
            for _ in 0..<6 {
                last = try await app.request(
                    .post, TestApp.platform + "/auth/login", json: #"{"email": "\#(admin.email)", "password": "wrong password"}"#)
            }
            #expect(last?.status == .tooManyRequests)
            #expect(last?.headers[.retryAfter] != nil)
            #expect(try await app.auditEvents("platform_login_failed").count == 5)
        }
    }
}
