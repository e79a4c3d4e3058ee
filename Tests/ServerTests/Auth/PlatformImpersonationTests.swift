import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// Impersonation tokens: bound to one organization, carrying the admin in `act`, usable on the
/// app's routes, never refreshable, never for the owner's account, dead with their admin, audited.
@Suite("Platform admins: impersonation")
struct PlatformImpersonationTests {
    @Test("the token acts as the owner inside the organization, carries act and org, and is audited")
    func impersonate() async throws {
        try await TestApp.run("tracker") { app in
            let root = try await app.platformAdmin()
            let owner = try await app.signUp()
            let organization = try await app.request(
                .post, TestApp.auth + "/organizations", json: #"{"name": "Acme", "slug": "acme-imp"}"#, headers: owner.headers)
            let organizationID = try #require(organization.object["id"] as? String)
            let issued = try await app.request(
                .post, TestApp.platform + "/admin/organizations/\(organizationID)/impersonate", headers: root.headers)
            #expect(issued.status == .created, "\(issued.text)")
            let token = try #require(issued.object["access_token"] as? String)
            #expect(issued.object["refresh_token"] == nil)
            #expect(issued.object["expires_in"] as? Int == 900)
            let claims = try Self.payload(of: token)
            #expect(claims["org"] as? String == organizationID)
            #expect((claims["act"] as? [String: any Sendable])?["sub"] as? String == root.adminID)
            #expect(claims["sub"] as? String == owner.userID)

            let headers: HTTPFields = [.authorization: "Bearer \(token)"]
            let identity = try await app.identity(headers)
            #expect(identity.status == .ok)
            #expect(identity.object["kind"] as? String == "impersonation")
            #expect(identity.object["organization_id"] as? String == organizationID)
            #expect(identity.object["impersonator_id"] as? String == root.adminID)
            #expect(identity.object["user_id"] as? String == owner.userID)

            let project = try await app.request(
                .post, "/v1/projects", json: #"{"name": "Support fix", "owner_email": "ann@example.com"}"#, headers: headers)
            #expect(project.status == .created, "an unsafe request on the app's routes works: \(project.text)")
            let writes = try await app.auditEvents("impersonated_request")
            #expect(writes.count == 1)
            #expect(writes.first?.actor == root.adminID)
            #expect(writes.first?.detail.contains("/v1/projects") == true)
            let started = try await app.auditEvents("impersonation_started")
            #expect(started.first?.actor == root.adminID)
            #expect(started.first?.target == organizationID)

            #expect(try await app.request(.get, TestApp.auth + "/me", headers: headers).status == .forbidden, "not the owner's account")
            let keys = try await app.request(
                .post, TestApp.auth + "/api-keys", json: #"{"name": "x", "environment": "live", "scopes": ["projects:read"]}"#,
                headers: headers)
            #expect(keys.status == .forbidden, "cannot mint lasting credentials")
            #expect(try await app.request(.get, TestApp.platform + "/admin/me", headers: headers).status == .unauthorized)
        }
    }

    @Test("it cannot be refreshed and dies when its admin is deactivated")
    func diesWithAdmin() async throws {
        try await TestApp.run("tracker") { app in
            let root = try await app.platformAdmin()
            let helper = try await app.platformAdmin()
            let owner = try await app.signUp()
            let organization = try await app.request(
                .post, TestApp.auth + "/organizations", json: #"{"name": "Beta", "slug": "beta-imp"}"#, headers: owner.headers)
            let organizationID = try #require(organization.object["id"] as? String)
            let issued = try await app.request(
                .post, TestApp.platform + "/admin/organizations/\(organizationID)/impersonate", headers: helper.headers)
            let token = try #require(issued.object["access_token"] as? String)
            let headers: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try await app.identity(headers).status == .ok)
            let refresh = try await app.request(.post, TestApp.auth + "/refresh", json: #"{"refresh_token": "\#(token)"}"#)
            #expect(refresh.status == .unprocessableContent, "no refresh token exists for it, and the JWT is not one (too long)")
            #expect(refresh.errorFields == ["refresh_token"])
            let platformRefresh = try await app.request(.post, TestApp.platform + "/auth/refresh", json: #"{"refresh_token": "\#(token)"}"#)
            #expect(platformRefresh.status == .unprocessableContent)
            #expect(try await app.request(.delete, TestApp.platform + "/admin/\(helper.adminID)", headers: root.headers).status == .noContent)
            #expect(try await app.identity(headers).status == .unauthorized, "dies with the admin")
        }
    }

    @Test("an unknown organization is 404")
    func unknownOrganization() async throws {
        try await TestApp.run("tracker") { app in
            let root = try await app.platformAdmin()
            let reply = try await app.request(.post, TestApp.platform + "/admin/organizations/\(UUID())/impersonate", headers: root.headers)
            #expect(reply.status == .notFound)
        }
    }

    /// The decoded (unverified) payload of a JWT.
    static func payload(of token: String) throws -> [String: any Sendable] {
        let parts = token.split(separator: ".")
        var base64 = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        let data = try #require(Data(base64Encoded: base64))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: any Sendable])
    }
}
