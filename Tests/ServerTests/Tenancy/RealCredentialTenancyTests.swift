import Auth
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// The tenancy and permission checks of generated tables with REAL credentials end to end:
/// organization-bound access tokens, organization-bound API keys and platform impersonation
/// tokens, as the `Auth` module issues them (the exhaustive matrix of every operation runs with
/// chosen identities in `CrossTenantTests`). Runs on the suite's engine.
@Suite("Tenancy with real credentials")
struct RealCredentialTenancyTests {
    /// Runs `body` on the tracker with no test identity: every request is as anonymous as its headers say.
    static func run(_ body: @Sendable (OrganizationFixture) async throws -> Void) async throws {
        let outbox = MailOutbox()
        try await TestApp.run("tracker", authOptions: AuthOptions(passwordHashCost: 4, mailSender: outbox), caller: .anonymous) { app in
            try await body(OrganizationFixture(app: app, outbox: outbox))
        }
    }

    /// One organization of a signed-up owner, and the owner's token bound to it.
    struct Tenant: Sendable {
        let owner: SignedUp
        let organization: String
        let headers: HTTPFields
    }

    /// Two organizations (`alpha`, `beta`) with different owners.
    static func twoOrganizations(_ fixture: OrganizationFixture) async throws -> (Tenant, Tenant) {
        var tenants: [Tenant] = []
        for slug in ["alpha", "beta"] {
            let owner = try await fixture.app.signUp()
            let organization = try await fixture.organization(owner: owner, slug: slug)
            tenants.append(Tenant(owner: owner, organization: organization, headers: try await fixture.boundTokens(owner, organization).headers))
        }
        return (tenants[0], tenants[1])
    }

    @Test("bound tokens see only their organization's rows; unbound is 403, anonymous 401, a member cannot delete projects")
    func boundTokens() async throws {
        try await Self.run { fixture in
            let app = fixture.app
            let ownerA = try await app.signUp()
            let ownerB = try await app.signUp()
            let member = try await app.signUp()
            let orgA = try await fixture.organization(owner: ownerA, slug: "alpha")
            let orgB = try await fixture.organization(owner: ownerB, slug: "beta")
            try await fixture.join(member, orgA, as: "member", invitedBy: ownerA)
            let tokensA = try await fixture.boundTokens(ownerA, orgA).headers
            let tokensB = try await fixture.boundTokens(ownerB, orgB).headers
            let memberA = try await fixture.boundTokens(member, orgA).headers

            let created = try await app.request(.post, "/v1/projects", json: #"{"name": "Web", "owner_email": "ann@example.com"}"#, headers: tokensA)
            #expect(created.status == .created, "\(created.text)")
            let project = try #require(created.object["id"] as? String)

            let own = try await app.request(.get, "/v1/projects/\(project)", headers: tokensA)
            #expect(own.status == .ok)
            let foreign = try await app.request(.get, "/v1/projects/\(project)", headers: tokensB)
            #expect(foreign.status == .notFound, "another organization's row is 404, never the row")
            let foreignList = try await app.request(.get, "/v1/projects", headers: tokensB)
            #expect(foreignList.status == .ok)
            #expect(foreignList.items.isEmpty)
            let foreignDelete = try await app.request(.delete, "/v1/projects/\(project)", headers: tokensB)
            #expect(foreignDelete.status == .notFound)
            let foreignTask = try await app.request(.post, "/v1/tasks", json: #"{"title": "T", "project_id": "\#(project)"}"#, headers: tokensB)
            #expect(foreignTask.status == .unprocessableContent, "a relation to another organization's row is refused like a missing one")
            #expect(foreignTask.errorFields.contains("project_id"), "\(foreignTask.text)")
            let ownTask = try await app.request(.post, "/v1/tasks", json: #"{"title": "T", "project_id": "\#(project)"}"#, headers: memberA)
            #expect(ownTask.status == .created, "\(ownTask.text)")

            let unbound = try await app.request(.get, "/v1/projects", headers: ownerA.headers)
            #expect(unbound.status == .forbidden, "a token bound to no organization cannot reach a tenant table")
            let anonymous = try await app.request(.get, "/v1/projects")
            #expect(anonymous.status == .unauthorized)

            let memberRead = try await app.request(.get, "/v1/projects/\(project)", headers: memberA)
            #expect(memberRead.status == .ok)
            let memberDelete = try await app.request(.delete, "/v1/projects/\(project)", headers: memberA)
            #expect(memberDelete.status == .forbidden, "tracker's member role has no projects:delete")
            #expect(memberDelete.text.contains("projects:delete"), "\(memberDelete.text)")
            let ownerDelete = try await app.request(.delete, "/v1/projects/\(project)", headers: tokensA)
            #expect(ownerDelete.status == .noContent)
        }
    }

    @Test("an organization-bound API key acts in its organization within its scopes")
    func boundKey() async throws {
        try await Self.run { fixture in
            let app = fixture.app
            let (a, b) = try await Self.twoOrganizations(fixture)
            let (orgA, tokensA, tokensB) = (a.organization, a.headers, b.headers)
            let mine = try await app.create("/v1/projects", #"{"name": "Mine", "owner_email": "a@example.com"}"#, headers: tokensA)
            let theirs = try await app.create("/v1/projects", #"{"name": "Theirs", "owner_email": "b@example.com"}"#, headers: tokensB)
            let mineID = try #require(mine["id"] as? String)
            let theirsID = try #require(theirs["id"] as? String)

            let keyReply = try await fixture.createKey(
                #"{"name": "reader", "environment": "live", "scopes": ["projects:read"], "organization_id": "\#(orgA)"}"#, headers: tokensA)
            #expect(keyReply.status == .created, "\(keyReply.text)")
            let key = try keyHeaders(keyReply)
            #expect(try await app.request(.get, "/v1/projects/\(mineID)", headers: key).status == .ok)
            #expect(try await app.request(.get, "/v1/projects/\(theirsID)", headers: key).status == .notFound)
            let listed = try await app.request(.get, "/v1/projects", headers: key)
            #expect(listed.items.compactMap { $0["id"] as? String } == [mineID])
            let write = try await app.request(.post, "/v1/projects", json: #"{"name": "X", "owner_email": "x@example.com"}"#, headers: key)
            #expect(write.status == .forbidden, "the key holds projects:read only")
        }
    }

    @Test("a platform admin's impersonation token acts inside the impersonated organization only")
    func impersonation() async throws {
        try await Self.run { fixture in
            let app = fixture.app
            let (a, b) = try await Self.twoOrganizations(fixture)
            let (tokensA, ownerB, orgB) = (a.headers, b.owner, b.organization)
            let projectA = try #require(try await app.create("/v1/projects", #"{"name": "A", "owner_email": "a@example.com"}"#, headers: tokensA)["id"] as? String)

            let root = try await app.platformAdmin()
            let issued = try await app.request(.post, TestApp.platform + "/admin/organizations/\(orgB)/impersonate", headers: root.headers)
            #expect(issued.status == .created, "\(issued.text)")
            let impersonating: HTTPFields = [.authorization: "Bearer \(try #require(issued.object["access_token"] as? String))"]
            #expect(try await app.request(.get, "/v1/projects/\(projectA)", headers: impersonating).status == .notFound)
            let created = try await app.request(.post, "/v1/projects", json: #"{"name": "B", "owner_email": "b@example.com"}"#, headers: impersonating)
            #expect(created.status == .created, "the owner role's scopes inside organization B: \(created.text)")
            let listedB = try await app.request(.get, "/v1/projects", headers: try await fixture.boundTokens(ownerB, orgB).headers)
            #expect(listedB.items.count == 1, "the row was written into organization B")
            #expect(try await app.auditEvents("impersonated_request").count == 1, "the write was audited")
        }
    }
}
