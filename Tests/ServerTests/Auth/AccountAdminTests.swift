import Auth
import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

// MARK: Account administration (issue 21)
/// `auth.accountAdmin` on the tracker (`manageScope: accounts:manage`, which its `admin` role's
/// `*` grants): the app's own administrators list, read, re-role, ban and unban accounts at
/// `/v1/auth/users`, on the suite's engine (SQLite, or PostgreSQL with `.ci/with-postgres`).
@Suite("Auth: account administration")
struct AccountAdminTests {
    static let users = TestApp.auth + "/users"

    @Test("no credential is 401; an account whose role lacks the scope is 403; an API key and an organization-bound token are 403")
    func whoMayCall() async throws {
        try await TestApp.run("tracker") { app in
            #expect(try await app.request(.get, Self.users).status == .unauthorized)
            let member = try await app.signUp()
            let refused = try await app.request(.get, Self.users, headers: member.headers)
            #expect(refused.status == .forbidden)
            #expect(refused.object["code"] as? String == "FORBIDDEN", "\(refused.text)")
            let admin = try await app.accountAdmin()
            let key = try await app.request(
                .post, TestApp.auth + "/api-keys", json: #"{"name": "all", "environment": "live", "scopes": ["*"]}"#, headers: admin.headers)
            let text = try #require(key.object["key"] as? String, "\(key.text)")
            #expect(try await app.request(.get, Self.users, headers: [APIKeyHeader.name: text]).status == .forbidden, "an API key")
            // An owner of an organization holds `*` there, which must not reach the app's accounts.
            let founder = try await app.request(
                .post, TestApp.auth + "/signup",
                json: #"{"email": "founder-\#(UUID().uuidString.prefix(6).lowercased())@example.com", "password": "correct horse battery", "name": "F", "organization_name": "Acme", "organization_slug": "acme-\#(UUID().uuidString.prefix(6).lowercased())"}"#)
            let bound = try #require(founder.object["access_token"] as? String, "\(founder.text)")
            let email = try #require((founder.object["user"] as? [String: any Sendable])?["email"] as? String)
            try await app.assignRole(email: email, role: "admin")
            #expect(try await app.request(.get, Self.users, headers: [.authorization: "Bearer \(bound)"]).status == .forbidden, "an organization-bound token")
            #expect(try await app.request(.get, Self.users, headers: admin.headers).status == .ok)
        }
    }

    @Test("the list pages newest first with total, refuses a limit beyond maxPageSize and unknown parameters, and filters by email, role and status")
    func listPagesAndFilters() async throws {
        try await TestApp.run("tracker") { app in
            let admin = try await app.accountAdmin()
            let tag = UUID().uuidString.prefix(6).lowercased()
            var accounts: [SignedUp] = []
            for index in 0..<3 { accounts.append(try await app.signUp(email: "Pa_\(tag)-\(index)@Example.com")) }
            let all = try await app.request(.get, Self.users, headers: admin.headers)
            #expect(all.status == .ok, "\(all.text)")
            #expect(all.object["total"] as? Int == 4)
            #expect(all.object["limit"] as? Int == 20)
            #expect(all.object["offset"] as? Int == 0)
            #expect(all.items.first?["id"] as? String == accounts[2].userID, "newest first")
            #expect(all.items.first?["status"] as? String == "active")
            let page = try await app.request(.get, Self.users + "?limit=2&offset=1", headers: admin.headers)
            #expect(page.items.compactMap { $0["id"] as? String } == [accounts[1].userID, accounts[0].userID])
            #expect(page.object["total"] as? Int == 4)
            for query in ["limit=101", "limit=0", "offset=-1", "status=gone", "role=owner", "colour=red"] {
                let bad = try await app.request(.get, Self.users + "?" + query, headers: admin.headers)
                #expect(bad.status == .badRequest, "\(query): \(bad.text)")
                #expect(bad.errorFields == [String(query.prefix { $0 != "=" })], "\(query): \(bad.text)")
            }
            // `_` is a literal underscore, not a LIKE wildcard; the match ignores case.
            let byEmail = try await app.request(.get, Self.users + "?email=PA_\(tag)", headers: admin.headers)
            #expect(byEmail.object["total"] as? Int == 3, "\(byEmail.text)")
            #expect(try await app.request(.get, Self.users + "?email=pa%25\(tag)", headers: admin.headers).object["total"] as? Int == 0)
            let admins = try await app.request(.get, Self.users + "?role=admin", headers: admin.headers)
            #expect(admins.items.compactMap { $0["id"] as? String } == [admin.userID])
            #expect(try await app.request(.post, Self.users + "/\(accounts[0].userID)/ban", headers: admin.headers).status == .ok)
            let banned = try await app.request(.get, Self.users + "?status=banned", headers: admin.headers)
            #expect(banned.items.compactMap { $0["id"] as? String } == [accounts[0].userID])
            #expect(try await app.request(.get, Self.users + "?status=active&role=member", headers: admin.headers).object["total"] as? Int == 2)
        }
    }

    @Test("get answers one account; an unknown or malformed id is 404 in the app's error shape")
    func getOne() async throws {
        try await TestApp.run("tracker") { app in
            let admin = try await app.accountAdmin()
            let user = try await app.signUp()
            let one = try await app.request(.get, Self.users + "/\(user.userID)", headers: admin.headers)
            #expect(one.status == .ok, "\(one.text)")
            #expect(one.object["email"] as? String == user.email)
            #expect(one.object["role"] as? String == "member")
            for id in [UUID().uuidString.lowercased(), "not-an-id"] {
                let missing = try await app.request(.get, Self.users + "/\(id)", headers: admin.headers)
                #expect(missing.status == .notFound)
                #expect(missing.headers[.contentType] == "application/problem+json")
                #expect(missing.object["code"] as? String == "NOT_FOUND", "\(missing.text)")
            }
        }
    }

    @Test("a role change takes a declared role (422 naming role otherwise), is refused for oneself (409), acts at once and is audited")
    func changeRole() async throws {
        try await TestApp.run("tracker") { app in
            let admin = try await app.accountAdmin()
            let user = try await app.signUp()
            let path = Self.users + "/\(user.userID)"
            let undeclared = try await app.request(.patch, path, json: #"{"role": "owner"}"#, headers: admin.headers)
            #expect(undeclared.status == .unprocessableContent)
            #expect(undeclared.errorFields == ["role"], "\(undeclared.text)")
            #expect(try await app.request(.patch, path, json: #"{}"#, headers: admin.headers).errorFields == ["role"])
            let own = try await app.request(.patch, Self.users + "/\(admin.userID)", json: #"{"role": "viewer"}"#, headers: admin.headers)
            #expect(own.status == .conflict, "\(own.text)")
            #expect(try await app.request(.patch, Self.users + "/\(UUID())", json: #"{"role": "viewer"}"#, headers: admin.headers).status == .notFound)
            #expect(try await app.auditEvents("role_assigned").filter { $0.detail.contains("account_admin") }.isEmpty, "refusals write nothing")

            let changed = try await app.request(.patch, path, json: #"{"role": "viewer"}"#, headers: admin.headers)
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(changed.object["role"] as? String == "viewer")
            let scopes = try await app.identity(user.headers).object["scopes"] as? [String] ?? []
            #expect(!scopes.contains("tasks:write"), "the live token holds the new role's scopes: \(scopes)")
            let events = try await app.auditEvents("role_assigned").filter { $0.detail.contains("account_admin") }
            #expect(events.count == 1)
            #expect(events.first?.actor == admin.userID)
            #expect(events.first?.target == user.userID)
            #expect(events.first?.detail.contains("\"previous_role\":\"member\"") == true, "\(events)")
            let promoted = try await app.request(.patch, path, json: #"{"role": "admin"}"#, headers: admin.headers)
            #expect(promoted.object["role"] as? String == "admin")
            #expect(try await app.request(.get, Self.users, headers: user.headers).status == .ok, "the new admin manages accounts at once")
        }
    }

    @Test("a ban refuses the account's access token, refresh token and API key at once and its login; 409 for oneself; unban restores login")
    func banAndUnban() async throws {
        try await TestApp.run("tracker") { app in
            let admin = try await app.accountAdmin()
            let user = try await app.signUp()
            let created = try await app.request(
                .post, TestApp.auth + "/api-keys", json: #"{"name": "ci", "environment": "live", "scopes": ["projects:read"]}"#,
                headers: user.headers)
            let key = try #require(created.object["key"] as? String, "\(created.text)")
            #expect(try await app.request(.post, Self.users + "/\(admin.userID)/ban", headers: admin.headers).status == .conflict)
            #expect(try await app.request(.post, Self.users + "/\(UUID())/ban", headers: admin.headers).status == .notFound)
            #expect(try await app.auditEvents("user_banned").isEmpty, "refusals write nothing")

            let banned = try await app.request(.post, Self.users + "/\(user.userID)/ban", headers: admin.headers)
            #expect(banned.status == .ok, "\(banned.text)")
            #expect(banned.object["status"] as? String == "banned")
            #expect(try await app.identity(user.headers).status == .unauthorized, "access token")
            #expect(try await app.identity([APIKeyHeader.name: key]).status == .unauthorized, "API key")
            let refresh = try await app.request(.post, TestApp.auth + "/refresh", json: #"{"refresh_token": "\#(user.refreshToken)"}"#)
            #expect(refresh.status == .unauthorized, "refresh token")
            let login = try await app.request(
                .post, TestApp.auth + "/login", json: #"{"email": "\#(user.email)", "password": "\#(user.password)"}"#)
            #expect(login.status == .unauthorized, "login")
            let events = try await app.auditEvents("user_banned")
            #expect(events.count == 1)
            #expect(events.first?.actor == admin.userID)
            #expect(events.first?.target == user.userID)
            #expect(try await app.sessionsRevoked(of: user.userID), "the ban revoked the sessions in its transaction")

            let unbanned = try await app.request(.post, Self.users + "/\(user.userID)/unban", headers: admin.headers)
            #expect(unbanned.object["status"] as? String == "active")
            let again = try await app.logIn(email: user.email, password: user.password)
            #expect(try await app.identity(again.headers).status == .ok)
            #expect(try await app.identity(user.headers).status == .unauthorized, "the sessions the ban revoked stay revoked")
            #expect(try await app.identity([APIKeyHeader.name: key]).status == .ok, "API keys work again after an unban")
            #expect(try await app.auditEvents("user_unbanned").count == 1)
        }
    }
}

extension TestApp {
    /// A tracker account given the `admin` role (whose `*` grants `accounts:manage`) the way
    /// `loom-server set-role` does; its token carries the role from the next request on.
    func accountAdmin() async throws -> SignedUp {
        let admin = try await signUp()
        try await assignRole(email: admin.email, role: "admin")
        return admin
    }

    /// Gives the tracker account `email` the app role `role`.
    func assignRole(email: String, role: String) async throws {
        let settings = try #require(try AppCatalog.app(named: "tracker").auth)
        _ = try await AuthService.assignRole(email: email, role: role, settings: settings, database: try #require(database), app: "tracker")
    }

    /// Whether every session of `userID` is revoked.
    func sessionsRevoked(of userID: String) async throws -> Bool {
        let database = try #require(database)
        let placeholder = database.dialect == .sqlite ? "?" : "$1"
        let rows = try await database.fetch(SQLStatement(
            "SELECT COUNT(*) FROM auth_sessions WHERE user_id = \(placeholder) AND revoked_at IS NULL", [.uuid(try #require(UUID(uuidString: userID)))]))
        var reader = RowReader(try #require(rows.first))
        return try reader.integer() == 0
    }
}
