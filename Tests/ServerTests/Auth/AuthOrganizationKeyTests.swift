import Auth
import Foundation
import Hummingbird
import Runtime
import Testing

/// API keys bound to an organization, a project and an environment; project keys; service tokens.
@Suite("Auth: organization, project and service keys")
struct AuthOrganizationKeyTests {
    static let base = OrganizationFixture.base

    @Test("bound keys report their binding in /identity; their scopes never exceed the creator's organization role")
    func boundKeys() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let owner = try await app.signUp()
            let member = try await app.signUp()
            let stranger = try await app.signUp()
            let organization = try await fixture.organization(owner: owner, slug: "keys")
            let project = try await fixture.project(organization, slug: "web", headers: owner.headers)
            try await fixture.join(member, organization, as: "admin", invitedBy: owner)

            let tooMuch = try await fixture.createKey(
                #"{"name": "k", "environment": "test", "scopes": ["*"], "organization_id": "\#(organization)"}"#, headers: member.headers)
            #expect(tooMuch.status == .forbidden, "an admin does not hold * in the organization")
            let orgKey = try await fixture.createKey(
                #"{"name": "k", "environment": "test", "scopes": ["projects:delete", "tasks:read"], "organization_id": "\#(organization)"}"#,
                headers: member.headers)
            #expect(orgKey.status == .created, "\(orgKey.text)")
            #expect(orgKey.object["organization_id"] as? String == organization)
            let orgKeyHeaders = try keyHeaders(orgKey)
            let identity = try await fixture.identity(orgKeyHeaders)
            #expect(identity.object["kind"] as? String == "api_key")
            #expect(identity.object["organization_id"] as? String == organization)
            // Each member once: JSONSerialization would keep the last of two, Loom's own parser refuses them.
            let raw = try await fixture.app.identity(orgKeyHeaders)
            #expect(throws: Never.self, "\(raw.text)") { try JSONInputParser.parse(raw.bytes) }
            #expect(identity.object["environment"] as? String == "test")
            #expect(identity.object["user_id"] as? String == member.userID)
            #expect(try await fixture.scopes(orgKeyHeaders) == ["projects:delete", "tasks:read"])

            let projectKey = try await fixture.createKey(
                #"{"name": "p", "environment": "live", "scopes": ["tasks:read"], "organization_id": "\#(organization)", "project_id": "\#(project)"}"#,
                headers: member.headers)
            #expect(projectKey.status == .created)
            let projectIdentity = try await fixture.identity(try keyHeaders(projectKey))
            #expect(projectIdentity.object["project_id"] as? String == project)
            #expect(projectIdentity.object["environment"] as? String == "live")

            let outsider = try await fixture.createKey(
                #"{"name": "k", "environment": "test", "scopes": ["tasks:read"], "organization_id": "\#(organization)"}"#, headers: stranger.headers)
            #expect(outsider.status == .notFound)
            let badProject = try await fixture.createKey(
                #"{"name": "k", "environment": "test", "scopes": ["tasks:read"], "organization_id": "\#(organization)", "project_id": "\#(organization)"}"#,
                headers: member.headers)
            #expect(badProject.errorFields == ["project_id"])

            let demote = try await app.request(
                .put, Self.base + "/\(organization)/members/\(member.userID)/role", json: #"{"role": "member"}"#, headers: owner.headers)
            #expect(demote.status == .noContent)
            #expect(try await fixture.scopes(orgKeyHeaders) == ["tasks:read"], "a demoted creator's key loses what the new role lacks")

            let bound = try await fixture.boundTokens(member, organization)
            let inherited = try await fixture.createKey(#"{"name": "k", "environment": "test", "scopes": ["tasks:read"]}"#, headers: bound.headers)
            #expect(inherited.object["organization_id"] as? String == organization, "a bound token makes bound keys")
            let other = try await fixture.organization(owner: owner, slug: "other")
            let escape = try await fixture.createKey(
                #"{"name": "k", "environment": "test", "scopes": ["tasks:read"], "organization_id": "\#(other)"}"#, headers: bound.headers)
            #expect(escape.status == .forbidden)

            let leave = try await app.request(.delete, Self.base + "/\(organization)/members/\(member.userID)", headers: member.headers)
            #expect(leave.status == .noContent)
            #expect(try await fixture.identity(orgKeyHeaders).status == .unauthorized, "a key dies when its creator leaves the organization")
        }
    }

    @Test("projects: create, list, get; a project key per environment, rotation kills the old key; archiving kills keys and tokens")
    func projectKeys() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let owner = try await app.signUp()
            let organization = try await fixture.organization(owner: owner, slug: "projects")
            let project = try await fixture.project(organization, slug: "shop", headers: owner.headers)
            let org = Self.base + "/\(organization)"
            let taken = try await app.request(.post, org + "/projects", json: #"{"name": "Again", "slug": "shop"}"#, headers: owner.headers)
            #expect(taken.status == .conflict)
            #expect(try await app.request(.get, org + "/projects", headers: owner.headers).items.compactMap { $0["slug"] as? String } == ["shop"])

            let first = try await app.request(.post, org + "/projects/\(project)/keys", json: #"{"environment": "live", "scopes": ["tasks:read"]}"#, headers: owner.headers)
            #expect(first.status == .created, "\(first.text)")
            let firstHeaders = try keyHeaders(first)
            let identity = try await fixture.identity(firstHeaders)
            #expect(identity.object["project_id"] as? String == project)
            #expect(identity.object["organization_id"] as? String == organization)
            let testKey = try await app.request(.post, org + "/projects/\(project)/keys", json: #"{"environment": "test"}"#, headers: owner.headers)
            #expect(testKey.status == .created)
            let second = try await app.request(.post, org + "/projects/\(project)/keys", json: #"{"environment": "live"}"#, headers: owner.headers)
            let secondHeaders = try keyHeaders(second)
            #expect(try await fixture.identity(firstHeaders).status == .unauthorized, "rotation kills the old key at once")
            #expect(try await fixture.identity(secondHeaders).status == .ok)
            #expect(try await fixture.identity(try keyHeaders(testKey)).status == .ok, "another environment's key lives on")
            let listed = try await app.request(.get, org + "/projects/\(project)/keys", headers: owner.headers)
            #expect(Set(listed.items.compactMap { $0["environment"] as? String }) == ["live", "test"])
            #expect(listed.items.allSatisfy { $0["key"] == nil })
            let badEnvironment = try await app.request(.post, org + "/projects/\(project)/keys", json: #"{"environment": "prod"}"#, headers: owner.headers)
            #expect(badEnvironment.errorFields == ["environment"])

            let projectToken = try await fixture.boundTokens(owner, organization, project: project)
            #expect(try OrganizationFixture.claims(ofBearer: projectToken.headers)["prj"] as? String == project)
            #expect(try await fixture.identity(projectToken.headers).object["project_id"] as? String == project)

            let archive = try await app.request(.delete, org + "/projects/\(project)", headers: owner.headers)
            #expect(archive.status == .noContent)
            #expect(try await fixture.identity(secondHeaders).status == .unauthorized, "archiving kills the project's keys")
            #expect(try await fixture.identity(projectToken.headers).status == .unauthorized, "and its tokens")
            #expect(try await app.request(.get, org + "/projects/\(project)", headers: owner.headers).status == .notFound,
                "an archived (deleted) project answers as deleted")
            #expect(try await app.request(.get, org + "/projects/\(project)/keys", headers: owner.headers).status == .notFound,
                "the keys of an archived (deleted) project are gone with it")
            #expect(try await app.request(.get, org + "/projects", headers: owner.headers).items.isEmpty)
            #expect(try await app.request(.delete, org + "/projects/\(project)", headers: owner.headers).status == .notFound)
            let lateToken = try await fixture.tokensReply(organization, headers: owner.headers, project: project)
            #expect(lateToken.errorFields == ["project_id"])
        }
    }

    @Test("service tokens: kind service, subject the service name, scopes within the role and the creator; listed and revocable")
    func serviceTokens() async throws {
        try await OrganizationFixture.run { fixture in
            let app = fixture.app
            let user = try await app.signUp()
            let token = try await fixture.createKey(
                #"{"name": "billing", "environment": "live", "service": "billing-worker", "role": "viewer"}"#, headers: user.headers)
            #expect(token.status == .created, "\(token.text)")
            #expect(token.object["service"] as? String == "billing-worker")
            let headers = try keyHeaders(token)
            let identity = try await fixture.identity(headers)
            #expect(identity.object["kind"] as? String == "service")
            #expect(identity.object["subject"] as? String == "billing-worker")
            #expect(identity.object["user_id"] as? String == user.userID)
            #expect(try await fixture.scopes(headers) == ["projects:read", "tasks:read", "comments:read"])

            let aboveCreator = try await fixture.createKey(
                #"{"name": "x", "environment": "live", "service": "ops", "role": "admin"}"#, headers: user.headers)
            #expect(aboveCreator.status == .forbidden, "a member cannot make an admin service")
            let aboveRole = try await fixture.createKey(
                #"{"name": "x", "environment": "live", "service": "ops", "role": "viewer", "scopes": ["tasks:write"]}"#, headers: user.headers)
            #expect(aboveRole.status == .forbidden)
            let noRole = try await fixture.createKey(#"{"name": "x", "environment": "live", "service": "ops"}"#, headers: user.headers)
            #expect(noRole.errorFields == ["role"])
            let unknownRole = try await fixture.createKey(#"{"name": "x", "environment": "live", "service": "ops", "role": "king"}"#, headers: user.headers)
            #expect(unknownRole.errorFields == ["role"])
            let noScopes = try await fixture.createKey(#"{"name": "x", "environment": "live"}"#, headers: user.headers)
            #expect(noScopes.errorFields == ["scopes"])

            let listed = try await app.request(.get, TestApp.auth + "/api-keys", headers: user.headers)
            #expect(listed.items.compactMap { $0["service"] as? String } == ["billing-worker"])
            let id = try #require(token.object["id"] as? String)
            #expect(try await app.request(.delete, TestApp.auth + "/api-keys/\(id)", headers: user.headers).status == .noContent)
            #expect(try await fixture.identity(headers).status == .unauthorized)
        }
    }
}
