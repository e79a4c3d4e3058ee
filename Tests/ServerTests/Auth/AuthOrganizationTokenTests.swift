import Auth
import Foundation
import Hummingbird
import Testing

/// Organization-bound access tokens: `org` / `prj` claims, the organization role's scopes read
/// at every request, no acting on another organization, death on removal.
@Suite("Auth: organization-bound tokens")
struct AuthOrganizationTokenTests {
    static let base = OrganizationFixture.base
    static let memberScopes: Set<String> = ["projects:read", "projects:write", "tasks:*", "comments:*"]

    @Test("a bound token carries org, holds the member's organization scopes, survives refresh, and acts only on its organization")
    func boundToken() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let owner = try await app.signUp()
            let member = try await app.signUp()
            let stranger = try await app.signUp()
            let orgA = try await fixture.organization(owner: owner, slug: "org-a")
            let orgB = try await fixture.organization(owner: owner, slug: "org-b")
            try await fixture.join(member, orgA, as: "member", invitedBy: owner)

            let bound = try await fixture.boundTokens(member, orgA)
            #expect(try OrganizationFixture.claims(ofBearer: bound.headers)["org"] as? String == orgA)
            #expect(try OrganizationFixture.claims(ofBearer: member.headers)["org"] == nil, "an unbound token has no org claim")
            let identity = try await fixture.identity(bound.headers)
            #expect(identity.object["organization_id"] as? String == orgA)
            #expect(identity.object["project_id"] as? String == nil)
            #expect(try await fixture.scopes(bound.headers) == Self.memberScopes)
            let unbound = try await fixture.identity(member.headers)
            #expect(unbound.object["organization_id"] as? String == nil, "the account's own token stays unbound")

            let members = try await app.request(.get, Self.base + "/\(orgA)/members", headers: bound.headers)
            #expect(members.status == .ok)

            let ownerA = try await fixture.boundTokens(owner, orgA)
            let crossGet = try await app.request(.get, Self.base + "/\(orgB)", headers: ownerA.headers)
            #expect(crossGet.status == .forbidden, "a token of org A cannot act as org B, even for an owner of both")
            let crossTokens = try await fixture.tokensReply(orgB, headers: ownerA.headers)
            #expect(crossTokens.status == .forbidden)
            let crossRename = try await app.request(.patch, Self.base + "/\(orgB)", json: #"{"name": "Taken"}"#, headers: ownerA.headers)
            #expect(crossRename.status == .forbidden)
            let strangerTokens = try await fixture.tokensReply(orgA, headers: stranger.headers)
            #expect(strangerTokens.status == .notFound, "a non-member learns nothing")

            let refreshed = try await app.request(.post, TestApp.auth + "/refresh", json: #"{"refresh_token": "\#(bound.refresh)"}"#)
            #expect(refreshed.status == .ok)
            let next: HTTPFields = [.authorization: "Bearer \(try #require(refreshed.object["access_token"] as? String))"]
            #expect(try OrganizationFixture.claims(ofBearer: next)["org"] as? String == orgA, "refresh keeps the binding")
            #expect(try await fixture.identity(next).object["organization_id"] as? String == orgA)

            let another = try await app.request(.post, TestApp.auth + "/sessions", headers: bound.headers)
            #expect(another.status == .created)
            let anotherHeaders: HTTPFields = [.authorization: "Bearer \(try #require(another.object["access_token"] as? String))"]
            #expect(try await fixture.identity(anotherHeaders).object["organization_id"] as? String == orgA, "a bound token cannot mint an unbound session")
        }
    }

    @Test("login with organization_id binds the session; a non-member gets 404; project_id without organization_id is 422")
    func loginBinding() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let owner = try await app.signUp()
            let other = try await app.signUp()
            let organization = try await fixture.organization(owner: owner, slug: "login-org")
            let login = try await app.request(
                .post, TestApp.auth + "/login",
                json: #"{"email": "\#(owner.email)", "password": "\#(owner.password)", "organization_id": "\#(organization)"}"#)
            #expect(login.status == .ok)
            let headers: HTTPFields = [.authorization: "Bearer \(try #require(login.object["access_token"] as? String))"]
            #expect(try await fixture.identity(headers).object["organization_id"] as? String == organization)
            #expect(try await fixture.scopes(headers) == ["*"])
            let outsider = try await app.request(
                .post, TestApp.auth + "/login",
                json: #"{"email": "\#(other.email)", "password": "\#(other.password)", "organization_id": "\#(organization)"}"#)
            #expect(outsider.status == .notFound)
            let projectOnly = try await app.request(
                .post, TestApp.auth + "/login",
                json: #"{"email": "\#(owner.email)", "password": "\#(owner.password)", "project_id": "\#(organization)"}"#)
            #expect(projectOnly.errorFields == ["organization_id"])
        }
    }

    @Test("a role change takes effect at once; a removed member's bound tokens and refresh tokens die at once")
    func membershipChanges() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let owner = try await app.signUp()
            let member = try await app.signUp()
            let organization = try await fixture.organization(owner: owner, slug: "changes")
            try await fixture.join(member, organization, as: "member", invitedBy: owner)
            let bound = try await fixture.boundTokens(member, organization)
            #expect(try await fixture.scopes(bound.headers) == Self.memberScopes)

            let promote = try await app.request(
                .put, Self.base + "/\(organization)/members/\(member.userID)/role", json: #"{"role": "admin"}"#, headers: owner.headers)
            #expect(promote.status == .noContent)
            #expect(try await fixture.scopes(bound.headers) == ["organization:*", "projects:*", "tasks:*", "comments:*"], "the same token, the new role")

            let remove = try await app.request(.delete, Self.base + "/\(organization)/members/\(member.userID)", headers: owner.headers)
            #expect(remove.status == .noContent)
            #expect(try await fixture.identity(bound.headers).status == .unauthorized, "a removed member's org token dies at once")
            let refresh = try await app.request(.post, TestApp.auth + "/refresh", json: #"{"refresh_token": "\#(bound.refresh)"}"#)
            #expect(refresh.status == .unauthorized)
            #expect(try await fixture.identity(member.headers).status == .ok, "the account's unbound token lives on")
        }
    }

    @Test("a MEMBER calling owner/admin-only organization routes gets 403; an admin may manage projects but not roles")
    func memberForbidden() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let owner = try await app.signUp()
            let member = try await app.signUp()
            let admin = try await app.signUp()
            let organization = try await fixture.organization(owner: owner, slug: "gates")
            try await fixture.join(member, organization, as: "member", invitedBy: owner)
            try await fixture.join(admin, organization, as: "admin", invitedBy: owner)
            let project = try await fixture.project(organization, slug: "app", headers: owner.headers)
            let bound = try await fixture.boundTokens(member, organization)
            let org = Self.base + "/\(organization)"
            for headers in [member.headers, bound.headers] {
                let refusals: [Reply] = [
                    try await app.request(.patch, org, json: #"{"name": "Mine"}"#, headers: headers),
                    try await app.request(.post, org + "/invitations", json: #"{"email": "x@example.com", "role": "member"}"#, headers: headers),
                    try await app.request(.get, org + "/invitations", headers: headers),
                    try await app.request(.post, org + "/projects", json: #"{"name": "P", "slug": "p2"}"#, headers: headers),
                    try await app.request(.delete, org + "/projects/\(project)", headers: headers),
                    try await app.request(.post, org + "/projects/\(project)/keys", json: #"{"environment": "live"}"#, headers: headers),
                    try await app.request(.delete, org + "/members/\(admin.userID)", headers: headers),
                    try await app.request(.put, org + "/members/\(admin.userID)/role", json: #"{"role": "member"}"#, headers: headers),
                ]
                for reply in refusals {
                    #expect(reply.status == .forbidden, "member got \(reply.status): \(reply.text)")
                }
            }
            #expect(try await app.request(.get, org + "/projects", headers: bound.headers).status == .ok, "members read projects")
            let adminProject = try await app.request(.post, org + "/projects", json: #"{"name": "A", "slug": "by-admin"}"#, headers: admin.headers)
            #expect(adminProject.status == .created)
            let adminRoles = try await app.request(
                .put, org + "/members/\(member.userID)/role", json: #"{"role": "admin"}"#, headers: admin.headers)
            #expect(adminRoles.status == .forbidden, "changing roles is for owners")
        }
    }
}

/// Sign-up that registers an organization with its owner in one call.
@Suite("Auth: sign-up with an organization")
struct AuthSignupOrganizationTests {
    @Test("sign-up creates the organization, makes the account its owner and binds the session; conflicts name their field")
    func register() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let reply = try await app.request(
                .post, TestApp.auth + "/signup",
                json: #"{"email": "founder@example.com", "password": "correct horse battery", "name": "F", "organization_name": "Acme", "organization_slug": "acme"}"#)
            #expect(reply.status == .created, "\(reply.text)")
            let headers: HTTPFields = [.authorization: "Bearer \(try #require(reply.object["access_token"] as? String))"]
            let organization = try #require(try OrganizationFixture.claims(ofBearer: headers)["org"] as? String)
            #expect(try await fixture.identity(headers).object["organization_id"] as? String == organization)
            #expect(try await fixture.scopes(headers) == ["*"], "the founder is the owner")
            let listed = try await app.request(.get, OrganizationFixture.base, headers: headers)
            #expect(listed.items.compactMap { $0["slug"] as? String } == ["acme"])
            #expect(listed.items.first?["role"] as? String == "owner")

            let half = try await app.request(
                .post, TestApp.auth + "/signup", json: #"{"email": "b@example.com", "password": "correct horse battery", "name": "B", "organization_name": "B"}"#)
            #expect(half.errorFields == ["organization_slug"])
            let taken = try await app.request(
                .post, TestApp.auth + "/signup",
                json: #"{"email": "c@example.com", "password": "correct horse battery", "name": "C", "organization_name": "Again", "organization_slug": "acme"}"#)
            #expect(taken.status == .conflict)
            #expect(taken.errorFields == ["organization_slug"])
            let emailTaken = try await app.request(
                .post, TestApp.auth + "/signup",
                json: #"{"email": "founder@example.com", "password": "correct horse battery", "name": "F", "organization_name": "New", "organization_slug": "new-org"}"#)
            #expect(emailTaken.errorFields == ["email"])
            let later = try await app.signUp(email: "d@example.com")
            let free = try await app.request(.post, OrganizationFixture.base, json: #"{"name": "New", "slug": "new-org"}"#, headers: later.headers)
            #expect(free.status == .created, "a refused sign-up leaves no organization behind")
        }
    }
}
