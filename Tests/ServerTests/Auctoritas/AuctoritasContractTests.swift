import ArgumentParser
import Foundation
import HTTPTypes
import Testing

@testable import Server

/// The Auctoritas reference (`/work/shared/reference/auctoritas-api.md`, here
/// `reference/auctoritas-api.md`) point by point, in its order, with its example requests,
/// against a live `auctoritas` server (SQLite, or PostgreSQL under `.ci/with-postgres`). Every
/// answer is also checked against the app's OpenAPI document by `TestApp`. Points not served
/// are named in the README's Auctoritas section.
@Suite("Auctoritas contract: platform admins, organizations, projects, API keys")
struct AuctoritasContractTests {
    @Test("First admin creation: `loom-server create-admin --app auctoritas admin@platform.com password123 'Platform Admin'`")
    func firstAdminFromTheCommandLine() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("auctoritas-admin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["create-admin", "--app", "auctoritas", "admin@platform.com", "password123", "Platform Admin"]
        let path = ["--database-path", directory.appendingPathComponent("auctoritas.sqlite").path]
        var command = try #require(try LoomServerCommand.parseAsRoot(arguments + path) as? CreateAdmin)
        try await command.run()
        var again = try #require(try LoomServerCommand.parseAsRoot(arguments + path) as? CreateAdmin)
        await #expect(throws: ExitCode.failure) { try await again.run() }
    }

    @Test("Platform Admin: login, refresh, me, create and deactivate admins, organizations, impersonation, end users")
    func platformAdmin() async throws {
        try await TestApp.auctoritas { app in
            let organization = try await app.registerOrganization()
            let project = try await app.createProject(organization.id, token: organization.token)
            let key = try await app.rotateKey(organization.id, project, token: organization.token)
            let user = try await app.endUser(key: key)
            // Authentication: login (the document's request) and refresh.
            let token = try await app.platformToken()
            let platform = TestApp.bearer(token)
            let login = try await app.request(
                .post, "/api/platform/auth/login", json: #"{"email":"admin@platform.com","password":"password123"}"#)
            #expect(login.object["expiresIn"] as? Int == 86400, "\(login.text)")
            let refreshToken = try #require(login.object["refreshToken"] as? String)
            let refreshed = try await app.request(.post, "/api/platform/auth/refresh", json: #"{"refreshToken":"\#(refreshToken)"}"#)
            #expect(refreshed.status == .ok && refreshed.object["accessToken"] is String, "\(refreshed.text)")
            // Admin profile.
            let me = try await app.request(.get, "/api/platform/admin/me", headers: platform)
            #expect((me.object["email"] as? String) == "admin@platform.com", "\(me.text)")
            let renamed = try await app.request(.patch, "/api/platform/admin/me", json: #"{"name":"Root"}"#, headers: platform)
            #expect(renamed.status == .ok && renamed.object["name"] as? String == "Root", "\(renamed.text)")
            // Create additional admin (the document's request), then deactivate it.
            let second = try await app.request(
                .post, "/api/platform/admin", json: #"{"email":"admin2@platform.com","password":"password123","name":"Second Admin"}"#,
                headers: platform)
            #expect(second.status == .created, "\(second.text)")
            let secondID = try #require(second.object["id"] as? String)
            let deactivated = try await app.request(.delete, "/api/platform/admin/\(secondID)", headers: platform)
            #expect(deactivated.status == .noContent, "\(deactivated.text)")
            let refused = try await app.request(
                .post, "/api/platform/auth/login", json: #"{"email":"admin2@platform.com","password":"password123"}"#)
            #expect(refused.status == .unauthorized, "\(refused.text)")
            // List all organizations; organization details; impersonate.
            let organizations = try await app.request(.get, "/api/platform/admin/organizations", headers: platform)
            #expect(organizations.items.map { $0["id"] as? String } == [organization.id], "\(organizations.text)")
            let details = try await app.request(.get, "/api/platform/admin/organizations/\(organization.id)", headers: platform)
            #expect(details.status == .ok && details.object["slug"] as? String == "acme", "\(details.text)")
            let impersonation = try await app.request(
                .post, "/api/platform/admin/organizations/\(organization.id)/impersonate", headers: platform)
            #expect(impersonation.status == .created, "\(impersonation.text)")
            let acting = try #require(impersonation.object["accessToken"] as? String)
            let asOwner = try await app.request(.get, "/api/v1/customers/auth/identity", headers: TestApp.bearer(acting))
            #expect(asOwner.status == .ok && asOwner.object["organizationId"] as? String == organization.id, "\(asOwner.text)")
            // Search end users: all, by partial email, by project.
            let all = try await app.request(.get, "/api/platform/admin/end-users", headers: platform)
            #expect(all.items.contains { $0["id"] as? String == user.id }, "\(all.text)")
            let byEmail = try await app.request(.get, "/api/platform/admin/end-users?email=user@app", headers: platform)
            #expect(byEmail.items.map { $0["id"] as? String } == [user.id], "\(byEmail.text)")
            let byProject = try await app.request(.get, "/api/platform/admin/end-users?projectId=\(project)", headers: platform)
            #expect(byProject.items.map { $0["id"] as? String } == [user.id], "\(byProject.text)")
            #expect(byProject.items.first?["projectId"] as? String == project)
            // Platform tokens work only on platform routes, and platform routes take only platform
            // tokens: no token, an organization's token or an end user's is 401.
            #expect(try await app.request(.get, "/api/v1/customers/orgs/\(organization.id)", headers: platform).status == .unauthorized)
            let strangers = [HTTPFields(), TestApp.bearer(organization.token), TestApp.bearer(user.token), TestApp.bearer(acting)]
            for headers in strangers {
                for (method, path) in [(HTTPRequest.Method.get, "/api/platform/admin/me"), (.get, "/api/platform/admin/organizations"),
                                       (.get, "/api/platform/admin/end-users"), (.post, "/api/platform/admin/organizations/\(organization.id)/impersonate")] {
                    let refused = try await app.request(method, path, headers: headers)
                    #expect(refused.status == .unauthorized, "\(method) \(path) with \(headers): \(refused.text)")
                }
            }
        }
    }

    @Test("Impersonation: the token names the organization and the admin, and reaches nothing else in this app (403 on organization, project, key and end-user routes)")
    func impersonationReach() async throws {
        try await TestApp.auctoritas { app in
            let organization = try await app.registerOrganization()
            let project = try await app.createProject(organization.id, token: organization.token)
            let key = try await app.rotateKey(organization.id, project, token: organization.token)
            let platform = TestApp.bearer(try await app.platformToken())
            let impersonation = try await app.request(
                .post, "/api/platform/admin/organizations/\(organization.id)/impersonate", headers: platform)
            #expect(impersonation.status == .created, "\(impersonation.text)")
            #expect(impersonation.object["refreshToken"] == nil, "it cannot be refreshed: \(impersonation.text)")
            let actingToken = try #require(impersonation.object["accessToken"] as? String)
            let acting = TestApp.bearer(actingToken)
            let actingWithKey: HTTPFields = [.authorization: "Bearer \(actingToken)", HTTPField.Name("X-API-Key")!: key]
            // What it can do: say who it is (the organization, the owner acted as, the admin).
            let identity = try await app.request(.get, "/api/v1/customers/auth/identity", headers: acting)
            #expect(identity.status == .ok && identity.object["organizationId"] as? String == organization.id, "\(identity.text)")
            #expect(identity.object["impersonatorId"] is String, "\(identity.text)")
            // What it cannot: every organization, member, project and key route, reads included,
            // and the end users' routes (the app's only data table belongs to end users).
            let orgPath = "/api/v1/customers/orgs/\(organization.id)"
            let refused: [(HTTPRequest.Method, String, String?, HTTPFields)] = [
                (.get, orgPath, nil, acting),
                (.put, orgPath, #"{"name":"Taken"}"#, acting),
                (.get, orgPath + "/members", nil, acting),
                (.post, orgPath + "/members/invite", #"{"email":"x@acme.com","role":"MEMBER"}"#, acting),
                (.get, orgPath + "/projects", nil, acting),
                (.post, orgPath + "/projects", #"{"name":"Side","slug":"side"}"#, acting),
                (.get, orgPath + "/projects/\(project)", nil, acting),
                (.get, orgPath + "/projects/\(project)/keys", nil, acting),
                (.post, orgPath + "/projects/\(project)/keys", #"{"environmentId":"PROD"}"#, acting),
                (.get, "/api/v1/end-users/me", nil, acting),
                (.get, "/api/v1/end-users/sessions", nil, acting),
                (.get, "/api/v1/end-users/data", nil, acting),
            ]
            for (method, path, body, headers) in refused {
                let reply = try await app.request(method, path, json: body, headers: headers)
                #expect(reply.status == .forbidden, "\(method) \(path): \(reply.text)")
            }
            // Beside a project's key it is no end user's token of that project: 401.
            let withKey = try await app.request(.get, "/api/v1/end-users/data", headers: actingWithKey)
            #expect(withKey.status == .unauthorized, "\(withKey.text)")
        }
    }

    @Test("Organization: register, member login, refresh, get, update, invite, role change, removal; roles OWNER/ADMIN/MEMBER on the wire")
    func organization() async throws {
        let outbox = MailOutbox()
        try await TestApp.auctoritas(outbox: outbox) { app in
            let organization = try await app.registerOrganization()
            let owner = TestApp.bearer(organization.token)
            let orgPath = "/api/v1/customers/orgs/\(organization.id)"
            // Refresh org access token.
            let login = try await app.request(.post, "/api/v1/customers/auth/login", json: #"""
                {"organizationId":"\#(organization.id)","email":"owner@acme.com","password":"password123"}
                """#)
            let refreshToken = try #require(login.object["refreshToken"] as? String, "\(login.text)")
            let refreshed = try await app.request(.post, "/api/v1/customers/auth/refresh", json: #"{"refreshToken":"\#(refreshToken)"}"#)
            #expect(refreshed.status == .ok && refreshed.object["accessToken"] is String, "\(refreshed.text)")
            // Get and update the organization.
            let fetched = try await app.request(.get, orgPath, headers: owner)
            #expect(fetched.object["name"] as? String == "Acme Inc" && fetched.object["role"] as? String == "OWNER", "\(fetched.text)")
            let updated = try await app.request(.put, orgPath, json: #"{"name":"Acme Corp"}"#, headers: owner)
            #expect(updated.status == .ok && updated.object["name"] as? String == "Acme Corp", "\(updated.text)")
            // The update's body has `name` only (the document gives none): a `slug` is 422 naming it, and nothing changes.
            let slug = try await app.request(.put, orgPath, json: #"{"name":"Acme","slug":"acme-2"}"#, headers: owner)
            #expect(slug.status == .unprocessableContent && slug.errorFields == ["slug"], "\(slug.text)")
            let unchanged = try await app.request(.get, orgPath, headers: owner)
            #expect(unchanged.object["slug"] as? String == "acme" && unchanged.object["name"] as? String == "Acme Corp", "\(unchanged.text)")
            // Invite member (the document's request), in the document's role spelling only.
            let lowerCase = try await app.request(
                .post, orgPath + "/members/invite", json: #"{"email":"member@acme.com","role":"admin"}"#, headers: owner)
            #expect(lowerCase.status == .unprocessableContent && lowerCase.errorFields == ["role"], "\(lowerCase.text)")
            let invited = try await app.request(
                .post, orgPath + "/members/invite", json: #"{"email":"member@acme.com","role":"ADMIN"}"#, headers: owner)
            #expect(invited.status == .created && invited.object["role"] as? String == "ADMIN", "\(invited.text)")
            // Accept invitation (the document's request, no sign-in): a token of another
            // organization or a used one is 422 naming `token`; an address with an account
            // signs in and accepts instead (409).
            let token = try #require(await outbox.lastToken())
            let mail = await outbox.messages.last?.body ?? ""
            #expect(mail.contains("POST \(orgPath)/members/accept"), "the mail names the document's accept route: \(mail)")
            let other = try await app.registerOrganization(slug: "globex", email: "owner@globex.com")
            let elsewhere = try await app.request(
                .post, "/api/v1/customers/orgs/\(other.id)/members/accept", json: #"{"token":"\#(token)","name":"M","password":"password123"}"#)
            #expect(elsewhere.status == .unprocessableContent && elsewhere.errorFields == ["token"], "\(elsewhere.text)")
            let nowhere = try await app.request(
                .post, "/api/v1/customers/orgs/null%2Cnull/members/accept", json: #"{"token":"\#(token)","name":"M","password":"password123"}"#)
            #expect(nowhere.status == .notFound, "a path naming no organization is the documented 404: \(nowhere.text)")
            let member = try await app.joinedMember(organization.id, invitedEmail: "member@acme.com", outbox: outbox)
            let again = try await app.request(
                .post, orgPath + "/members/accept", json: #"{"token":"\#(token)","name":"M","password":"password123"}"#)
            #expect(again.status == .conflict, "a used token: its address has its account now: \(again.text)")
            _ = try await app.request(
                .post, orgPath + "/members/invite", json: #"{"email":"owner@globex.com","role":"MEMBER"}"#, headers: owner)
            let existing = try await app.request(
                .post, orgPath + "/members/accept", json: #"{"token":"\#(try #require(await outbox.lastToken()))","name":"M","password":"password123"}"#)
            #expect(existing.status == .conflict, "\(existing.text)")
            let members = try await app.request(.get, orgPath + "/members", headers: owner)
            #expect(Set(members.items.compactMap { $0["role"] as? String }) == ["OWNER", "ADMIN"], "\(members.text)")
            // Update member role (OWNER only), then remove the member (OWNER/ADMIN).
            let asAdmin = TestApp.bearer(member.token)
            let notOwner = try await app.request(
                .put, orgPath + "/members/\(member.id)/role", json: #"{"role":"MEMBER"}"#, headers: asAdmin)
            #expect(notOwner.status == .forbidden, "\(notOwner.text)")
            let demoted = try await app.request(.put, orgPath + "/members/\(member.id)/role", json: #"{"role":"MEMBER"}"#, headers: owner)
            #expect(demoted.status == .noContent, "\(demoted.text)")
            let asMember = try await app.request(.get, orgPath, headers: asAdmin)
            #expect(asMember.object["role"] as? String == "MEMBER", "\(asMember.text)")
            let removed = try await app.request(.delete, orgPath + "/members/\(member.id)", headers: owner)
            #expect(removed.status == .noContent, "\(removed.text)")
            #expect(try await app.request(.get, orgPath, headers: asAdmin).status == .unauthorized, "a removed member's token dies")
        }
    }

    @Test("Organization roles: ADMIN updates, invites, removes, manages projects and keys; MEMBER reads and gets 403 on the rest")
    func organizationRoles() async throws {
        let outbox = MailOutbox()
        try await TestApp.auctoritas(outbox: outbox) { app in
            let organization = try await app.registerOrganization()
            let owner = TestApp.bearer(organization.token)
            let orgPath = "/api/v1/customers/orgs/\(organization.id)"
            let project = try await app.createProject(organization.id, token: organization.token)
            func join(_ email: String, as role: String) async throws -> (id: String, token: String, headers: HTTPFields) {
                let invited = try await app.request(
                    .post, orgPath + "/members/invite", json: #"{"email":"\#(email)","role":"\#(role)"}"#, headers: owner)
                #expect(invited.status == .created, "\(invited.text)")
                let joined = try await app.joinedMember(organization.id, invitedEmail: email, outbox: outbox)
                return (joined.id, joined.token, TestApp.bearer(joined.token))
            }
            let admin = try await join("admin@acme.com", as: "ADMIN")
            let member = try await join("member@acme.com", as: "MEMBER")
            // MEMBER: reads the organization, its members, projects and keys ...
            for path in [orgPath, orgPath + "/members", orgPath + "/projects", orgPath + "/projects/\(project)", orgPath + "/projects/\(project)/keys"] {
                let read = try await app.request(.get, path, headers: member.headers)
                #expect(read.status == .ok, "MEMBER reads \(path): \(read.text)")
            }
            // ... and is refused every change (403).
            let refusals: [(HTTPRequest.Method, String, String?)] = [
                (.put, orgPath, #"{"name":"Mine"}"#),
                (.post, orgPath + "/members/invite", #"{"email":"x@acme.com","role":"MEMBER"}"#),
                (.put, orgPath + "/members/\(admin.id)/role", #"{"role":"MEMBER"}"#),
                (.delete, orgPath + "/members/\(admin.id)", nil),
                (.post, orgPath + "/projects", #"{"name":"Side","slug":"side"}"#),
                (.post, orgPath + "/projects/\(project)/keys", #"{"environmentId":"PROD"}"#),
                (.delete, orgPath + "/projects/\(project)", nil),
            ]
            for (method, path, body) in refusals {
                let refused = try await app.request(method, path, json: body, headers: member.headers)
                #expect(refused.status == .forbidden, "MEMBER \(method) \(path): \(refused.text)")
            }
            // ADMIN: updates the organization, invites, creates and archives projects, rotates
            // keys and removes members, with the document's statuses.
            let renamed = try await app.request(.put, orgPath, json: #"{"name":"Acme Corp"}"#, headers: admin.headers)
            #expect(renamed.status == .ok && renamed.object["name"] as? String == "Acme Corp", "\(renamed.text)")
            let invited = try await app.request(
                .post, orgPath + "/members/invite", json: #"{"email":"third@acme.com","role":"MEMBER"}"#, headers: admin.headers)
            #expect(invited.status == .created && invited.object["role"] as? String == "MEMBER", "\(invited.text)")
            let ownerInvite = try await app.request(
                .post, orgPath + "/members/invite", json: #"{"email":"boss@acme.com","role":"OWNER"}"#, headers: admin.headers)
            #expect(ownerInvite.status == .forbidden, "only an owner invites an owner: \(ownerInvite.text)")
            let side = try await app.createProject(organization.id, token: admin.token, slug: "side")
            _ = try await app.rotateKey(organization.id, side, token: admin.token)
            let archived = try await app.request(.delete, orgPath + "/projects/\(side)", headers: admin.headers)
            #expect(archived.status == .noContent, "\(archived.text)")
            let roleChange = try await app.request(.put, orgPath + "/members/\(member.id)/role", json: #"{"role":"ADMIN"}"#, headers: admin.headers)
            #expect(roleChange.status == .forbidden, "role changes are for OWNER: \(roleChange.text)")
            let removed = try await app.request(.delete, orgPath + "/members/\(member.id)", headers: admin.headers)
            #expect(removed.status == .noContent, "\(removed.text)")
            let members = try await app.request(.get, orgPath + "/members", headers: admin.headers)
            let ownerID = try #require(members.items.first { $0["role"] as? String == "OWNER" }?["userId"] as? String, "\(members.text)")
            let ownerRemoval = try await app.request(.delete, orgPath + "/members/\(ownerID)", headers: admin.headers)
            #expect(ownerRemoval.status == .forbidden, "an ADMIN cannot remove the OWNER: \(ownerRemoval.text)")
        }
    }

    @Test("Projects and API keys: create, list, get, archive; list keys; rotation kills the old key at once; pk_prod_/pk_dev_")
    func projectsAndKeys() async throws {
        try await TestApp.auctoritas { app in
            let organization = try await app.registerOrganization()
            let owner = TestApp.bearer(organization.token)
            let projects = "/api/v1/customers/orgs/\(organization.id)/projects"
            let project = try await app.createProject(organization.id, token: organization.token)
            let list = try await app.request(.get, projects, headers: owner)
            #expect(list.items.map { $0["id"] as? String } == [project], "\(list.text)")
            let fetched = try await app.request(.get, projects + "/\(project)", headers: owner)
            #expect(fetched.object["slug"] as? String == "my-app" && fetched.object["description"] as? String == "Production application")
            // API keys: one per environment, pk_prod_ / pk_dev_; the document's {"environmentId":"PROD"}.
            let prod = try await app.rotateKey(organization.id, project, token: organization.token)
            let dev = try await app.rotateKey(organization.id, project, token: organization.token, environment: "DEV")
            #expect(prod.hasPrefix("pk_prod_") && dev.hasPrefix("pk_dev_"), "\(prod) \(dev)")
            let keys = try await app.request(.get, projects + "/\(project)/keys", headers: owner)
            #expect(Set(keys.items.compactMap { $0["environment"] as? String }) == ["PROD", "DEV"], "\(keys.text)")
            #expect(keys.items.allSatisfy { $0["key"] == nil }, "keys are shown once")
            _ = try await app.endUser(key: prod)
            let next = try await app.rotateKey(organization.id, project, token: organization.token)
            let old = try await app.request(
                .post, "/api/v1/end-users/auth/login", json: #"{"email":"user@app.com","password":"password123"}"#, headers: TestApp.apiKey(prod))
            #expect(old.status == .unauthorized, "the rotated key is refused at once: \(old.text)")
            let fresh = try await app.request(
                .post, "/api/v1/end-users/auth/login", json: #"{"email":"user@app.com","password":"password123"}"#, headers: TestApp.apiKey(next))
            #expect(fresh.status == .ok, "\(fresh.text)")
            // An unknown environment is 422 naming `environmentId`, in the app's error body (`problem`).
            for environment in ["staging", "prod", ""] {
                let bad = try await app.request(
                    .post, projects + "/\(project)/keys", json: #"{"environmentId":"\#(environment)"}"#, headers: owner)
                #expect(bad.status == .unprocessableContent && bad.errorFields == ["environmentId"], "\(environment): \(bad.text)")
                #expect(bad.headers[.contentType]?.hasPrefix("application/problem+json") == true, "\(bad.headers)")
            }
            // Archive project: its keys and its end users' sessions die (a token bound to it is 401).
            let sdkToken = try #require(fresh.object["accessToken"] as? String, "\(fresh.text)")
            let refreshToken = try #require(fresh.object["refreshToken"] as? String, "\(fresh.text)")
            #expect(try await app.request(.get, "/api/v1/end-users/me", headers: TestApp.bearer(sdkToken)).status == .ok)
            let archived = try await app.request(.delete, projects + "/\(project)", headers: owner)
            #expect(archived.status == .noContent, "\(archived.text)")
            let afterArchive = try await app.request(
                .post, "/api/v1/end-users/auth/login", json: #"{"email":"user@app.com","password":"password123"}"#, headers: TestApp.apiKey(next))
            #expect(afterArchive.status == .unauthorized, "\(afterArchive.text)")
            let deadSession = try await app.request(.get, "/api/v1/end-users/me", headers: TestApp.bearer(sdkToken))
            #expect(deadSession.status == .unauthorized, "the archived project's session is dead: \(deadSession.text)")
            let deadRefresh = try await app.request(.post, "/api/v1/customers/auth/refresh", json: #"{"refreshToken":"\#(refreshToken)"}"#)
            #expect(deadRefresh.status == .unauthorized, "and cannot be refreshed: \(deadRefresh.text)")
        }
    }
}
