import Auth
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// End users of a project: sign-up and login presenting the project's key create and find
/// accounts of that project only; their tokens carry `org` / `prj`; the platform admin lists
/// them by project.
@Suite("Auth: end users of a project")
struct AuthEndUserTests {
    static let base = OrganizationFixture.base
    static let password = "end user secret 1"

    /// An organization with two projects and a live project key for each.
    struct TwoProjects {
        let owner: SignedUp
        let organization: String
        let projects: [String]
        let keys: [HTTPFields]
    }

    static func twoProjects(_ fixture: OrganizationFixture) async throws -> TwoProjects {
        let owner = try await fixture.app.signUp()
        let organization = try await fixture.organization(owner: owner, slug: "sdk-\(UUID().uuidString.prefix(6).lowercased())")
        var projects: [String] = []
        var keys: [HTTPFields] = []
        for slug in ["shop", "blog"] {
            let project = try await fixture.project(organization, slug: slug, headers: owner.headers)
            let key = try await fixture.app.request(
                .post, base + "/\(organization)/projects/\(project)/keys", json: #"{"environment": "live"}"#, headers: owner.headers)
            #expect(key.status == .created, "\(key.text)")
            projects.append(project)
            keys.append(try keyHeaders(key))
        }
        return TwoProjects(owner: owner, organization: organization, projects: projects, keys: keys)
    }

    static func signUp(_ app: TestApp, _ email: String, password: String = password, headers: HTTPFields) async throws -> Reply {
        try await app.request(
            .post, TestApp.auth + "/signup", json: #"{"email": "\#(email)", "password": "\#(password)", "name": "End User"}"#, headers: headers)
    }

    static func logIn(_ app: TestApp, _ email: String, password: String = password, headers: HTTPFields) async throws -> Reply {
        try await app.request(.post, TestApp.auth + "/login", json: #"{"email": "\#(email)", "password": "\#(password)"}"#, headers: headers)
    }

    static func bearer(_ reply: Reply) throws -> HTTPFields {
        [.authorization: "Bearer \(try #require(reply.object["access_token"] as? String, "no token in \(reply.status): \(reply.text)"))"]
    }

    @Test("one email in two projects and at app level is three accounts; each login finds only its own")
    func threeAccounts() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let setup = try await Self.twoProjects(fixture)
            let email = "same-\(UUID().uuidString.prefix(8).lowercased())@example.com"
            let inShop = try await Self.signUp(app, email, headers: setup.keys[0])
            #expect(inShop.status == .created, "\(inShop.text)")
            let inBlog = try await Self.signUp(app, email, password: "blog password 22", headers: setup.keys[1])
            #expect(inBlog.status == .created, "\(inBlog.text)")
            let appLevel = try await app.signUp(email: email, password: "app level password")
            let shopUser = try #require(inShop.object["user"] as? [String: any Sendable])
            let blogUser = try #require(inBlog.object["user"] as? [String: any Sendable])
            #expect(shopUser["project_id"] as? String == setup.projects[0])
            #expect(blogUser["project_id"] as? String == setup.projects[1])
            let ids = Set([shopUser["id"] as? String, blogUser["id"] as? String, appLevel.userID].compactMap { $0 })
            #expect(ids.count == 3, "three different accounts")

            let again = try await Self.signUp(app, email.uppercased(), headers: setup.keys[0])
            #expect(again.status == .conflict, "the email is taken inside the project")
            #expect(again.errorFields == ["email"])

            let shopLogin = try await Self.logIn(app, email, headers: setup.keys[0])
            #expect(shopLogin.status == .ok)
            #expect((shopLogin.object["user"] as? [String: any Sendable])?["id"] as? String == shopUser["id"] as? String)
            let wrongProject = try await Self.logIn(app, email, headers: setup.keys[1])
            #expect(wrongProject.status == .unauthorized, "the blog account has another password: the shop's never matches there")
            let blogLogin = try await Self.logIn(app, email, password: "blog password 22", headers: setup.keys[1])
            #expect((blogLogin.object["user"] as? [String: any Sendable])?["id"] as? String == blogUser["id"] as? String)
            let withoutKey = try await Self.logIn(app, email, headers: [:])
            #expect(withoutKey.status == .unauthorized, "login without a key never finds an end user")
            let appWithKey = try await Self.logIn(app, email, password: "app level password", headers: setup.keys[0])
            #expect(appWithKey.status == .unauthorized, "login with a key never finds an app-level account")
            _ = try await app.logIn(email: email, password: "app level password")

            let onlyInShop = "only-\(UUID().uuidString.prefix(8).lowercased())@example.com"
            #expect(try await Self.signUp(app, onlyInShop, headers: setup.keys[0]).status == .created)
            #expect(try await Self.logIn(app, onlyInShop, headers: setup.keys[1]).status == .unauthorized, "another project's key: 401")
            #expect(try await Self.logIn(app, onlyInShop, headers: [:]).status == .unauthorized)
        }
    }

    @Test("an end user's token carries org and prj; /identity shows them; refresh keeps them; organization and key routes refuse it")
    func tokens() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let setup = try await Self.twoProjects(fixture)
            let signedUp = try await Self.signUp(app, "token-user@example.com", headers: setup.keys[0])
            let headers = try Self.bearer(signedUp)
            let claims = try OrganizationFixture.claims(ofBearer: headers)
            #expect(claims["org"] as? String == setup.organization)
            #expect(claims["prj"] as? String == setup.projects[0])
            let identity = try await fixture.identity(headers)
            #expect(identity.status == .ok)
            #expect(identity.object["kind"] as? String == "end_user")
            #expect(identity.object["organization_id"] as? String == setup.organization)
            #expect(identity.object["project_id"] as? String == setup.projects[0])
            let appUser = try await app.signUp()
            #expect(try await fixture.scopes(headers).isEmpty, "tracker declares no endUserRole: end users hold no scope")

            let me = try await app.request(.get, TestApp.auth + "/me", headers: headers)
            #expect(me.status == .ok)
            #expect(me.object["project_id"] as? String == setup.projects[0])
            let refreshToken = try #require(signedUp.object["refresh_token"] as? String)
            let refreshed = try await app.request(.post, TestApp.auth + "/refresh", json: #"{"refresh_token": "\#(refreshToken)"}"#)
            #expect(refreshed.status == .ok)
            #expect(try OrganizationFixture.claims(ofBearer: try Self.bearer(refreshed))["prj"] as? String == setup.projects[0])

            #expect(try await app.request(.get, Self.base, headers: headers).status == .forbidden)
            let createOrganization = try await app.request(.post, Self.base, json: #"{"name": "Mine", "slug": "mine-eu"}"#, headers: headers)
            #expect(createOrganization.status == .forbidden)
            let key = try await fixture.createKey(#"{"name": "k", "environment": "live", "scopes": []}"#, headers: headers)
            #expect(key.status == .forbidden)

            let withOrganization = try await app.request(
                .post, TestApp.auth + "/signup",
                json: #"{"email": "org-eu@example.com", "password": "\#(Self.password)", "name": "E", "organization_name": "X", "organization_slug": "x-eu"}"#,
                headers: setup.keys[0])
            #expect(withOrganization.status == .unprocessableContent)
            let bad = try await Self.signUp(app, "bad-key@example.com", headers: [HTTPField.Name("X-API-Key")!: "sk_live_nonsense"])
            #expect(bad.status == .unauthorized, "a bad key is refused, never an app-level sign-up")
            let personal = try await fixture.createKey(#"{"name": "k", "environment": "test", "scopes": ["tasks:read"]}"#, headers: appUser.headers)
            let unbound = try await Self.signUp(app, "unbound-key@example.com", headers: try keyHeaders(personal))
            #expect(unbound.status == .unauthorized, "a key bound to no project is refused")

            let archive = try await app.request(.delete, Self.base + "/\(setup.organization)/projects/\(setup.projects[0])", headers: setup.owner.headers)
            #expect(archive.status == .ok || archive.status == .noContent, "\(archive.status)")
            #expect(try await fixture.identity(headers).status == .unauthorized, "archiving the project ends its end users' sessions")
            #expect(try await fixture.identity(try Self.bearer(refreshed)).status == .unauthorized)
        }
    }

    @Test("an end user never reaches the organization's rows: organization-tenant tables, their expansions and the summary are 403 (issue 18, High)")
    func noOrganizationRows() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let setup = try await Self.twoProjects(fixture)
            let ownerToken = try await fixture.app.request(
                .post, Self.base + "/\(setup.organization)/tokens", json: "{}", headers: setup.owner.headers)
            let owner = try Self.bearer(ownerToken)
            let project = try await app.request(.post, "/v1/projects", json: #"{"name": "Secret plans", "owner_email": "o@example.com"}"#, headers: owner)
            #expect(project.status == .created, "\(project.text)")
            let projectID = try #require(project.object["id"] as? String)
            let signedUp = try await Self.signUp(app, "curious-\(UUID().uuidString.prefix(6).lowercased())@example.com", headers: setup.keys[0])
            let endUser = try Self.bearer(signedUp)
            for path in ["/v1/projects", "/v1/tasks", "/v1/comments", "/v1/projects/\(projectID)", "/v1/projects/\(projectID)/summary"] {
                let answer = try await app.request(.get, path, headers: endUser)
                #expect(answer.status == .forbidden, "\(path): \(answer.status) \(answer.text)")
                #expect(!answer.text.contains("Secret plans"))
            }
            let write = try await app.request(.post, "/v1/projects", json: #"{"name": "Mine", "owner_email": "e@example.com"}"#, headers: endUser)
            #expect(write.status == .forbidden, "\(write.text)")
        }
    }

    @Test("the platform admin lists end users by project, with their project_id; a bad project_id is 400")
    func platformFilter() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let setup = try await Self.twoProjects(fixture)
            let email = "listed-\(UUID().uuidString.prefix(8).lowercased())@example.com"
            #expect(try await Self.signUp(app, email, headers: setup.keys[0]).status == .created)
            #expect(try await Self.signUp(app, email, headers: setup.keys[1]).status == .created)
            let root = try await app.platformAdmin()
            let listed = try await app.request(
                .get, TestApp.platform + "/admin/end-users?project_id=\(setup.projects[0])", headers: root.headers)
            #expect(listed.status == .ok, "\(listed.text)")
            #expect(listed.items.count == 1)
            #expect(listed.items.first?["email"] as? String == email)
            #expect(listed.items.first?["project_id"] as? String == setup.projects[0])
            #expect(listed.object["total"] as? Int == 1)
            let all = try await app.request(.get, TestApp.platform + "/admin/end-users?email=\(email)", headers: root.headers)
            #expect(all.items.count == 2)
            let owner = try await app.request(.get, TestApp.platform + "/admin/end-users?email=\(setup.owner.email)", headers: root.headers)
            #expect(owner.items.first.map { $0["project_id"] is NSNull } == true, "an app-level account has project_id null")
            let bad = try await app.request(.get, TestApp.platform + "/admin/end-users?project_id=nope", headers: root.headers)
            #expect(bad.status == .badRequest, "a query parameter, refused like every list's")
            #expect(bad.errorFields == ["project_id"])
        }
    }
}
