import APIContract
import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// `auth.ids` (issue 15): the layout app writes its auth resources' ids as Stripe-like prefixed
/// ids (`usr_`, `org_`, `prj_`, `key_`, `ses_`, `inv_`), in answers, paths, bodies and queries, on
/// both engines; the UUID form of the same id is not accepted. Every answer is also checked
/// against the document (`TestApp`), whose id members carry the prefixes' patterns.
@Suite("Fidelity: prefixed ids of auth resources")
struct PrefixedAuthIDTests {
    static let ids = ResourceIDs(prefixes: [
        .user: "usr_", .organization: "org_", .project: "prj_", .apiKey: "key_", .session: "ses_", .invitation: "inv_",
    ])

    /// `value` as a `kind` id of the layout app: the prefix and 22 base-62 digits.
    static func id(_ value: (any Sendable)?, _ kind: ResourceKind) -> String? {
        guard let text = value as? String, ids.isValid(text, kind) else { return nil }
        return text
    }

    @Test("every auth resource is written with its prefix, and read back from paths, bodies and queries; the UUID form is refused")
    func roundTrip() async throws {
        try await TestApp.run("layout") { app in
            let register = #"{"loginEmail": "ada@example.com", "password": "correct horse battery", "name": "Ada"}"#
            #expect(try await app.request(.post, "/api/accounts/register", json: register).status == .accepted)
            let credentials = #"{"email": "ada@example.com", "password": "correct horse battery"}"#
            let login = try await app.request(.post, "/api/accounts/sign-in", json: credentials)
            let userID = try #require(Self.id((login.object["user"] as? [String: any Sendable])?["id"], .user), "\(login.text)")
            let bearer = try #require(login.object["accessToken"] as? String)
            let user = Caller(app: app, token: bearer)

            let organization = try await user.request(.post, "/api/accounts/organizations", json: #"{"name": "Acme", "slug": "acme"}"#)
            let orgID = try #require(Self.id(organization.object["id"], .organization), "\(organization.text)")
            #expect(try await user.request(.get, "/api/accounts/organizations/\(orgID)").object["id"] as? String == orgID)
            let uuidForm = try #require(Self.ids.uuid(orgID, .organization)).uuidString.lowercased()
            #expect(try await user.request(.get, "/api/accounts/organizations/\(uuidForm)").status == .notFound, "a UUID is not this app's id")
            let members = try await user.request(.get, "/api/accounts/organizations/\(orgID)/members")
            #expect(members.items.map { $0["userId"] as? String } == [userID])

            let bound = try await app.request(
                .post, "/api/accounts/sign-in",
                json: #"{"email": "ada@example.com", "password": "correct horse battery", "organizationId": "\#(orgID)"}"#)
            let orgToken = try #require(bound.object["accessToken"] as? String, "\(bound.text)")
            let member = Caller(app: app, token: orgToken)
            let identity = try await member.request(.get, "/api/accounts/identity")
            #expect(identity.object["userId"] as? String == userID && identity.object["subject"] as? String == userID)
            #expect(identity.object["organizationId"] as? String == orgID)
            #expect(Self.id(identity.object["sessionId"], .session) != nil, "\(identity.text)")
            let sessions = try await member.request(.get, "/api/accounts/sessions")
            #expect(!sessions.items.isEmpty && sessions.items.allSatisfy { Self.id($0["id"], .session) != nil }, "\(sessions.text)")

            let project = try await member.request(.post, "/api/accounts/organizations/\(orgID)/projects", json: #"{"name": "Web", "slug": "web"}"#)
            let projectID = try #require(Self.id(project.object["id"], .project), "\(project.text)")
            #expect(project.object["organizationId"] as? String == orgID)
            #expect(try await member.request(.get, "/api/accounts/organizations/\(orgID)/projects/\(projectID)").status == .ok)

            let invitation = try await member.request(
                .post, "/api/accounts/organizations/\(orgID)/invitations", json: #"{"email": "bo@example.com", "role": "member"}"#)
            let invitationID = try #require(Self.id(invitation.object["id"], .invitation), "\(invitation.text)")
            #expect(try await member.request(.delete, "/api/accounts/organizations/\(orgID)/invitations/\(invitationID)").status == .noContent)

            let keyBody = #"{"name": "ci", "environment": "live", "scopes": ["customers:read"], "organizationId": "\#(orgID)", "projectId": "\#(projectID)"}"#
            let key = try await member.request(.post, "/api/accounts/api-keys", json: keyBody)
            let keyID = try #require(Self.id(key.object["id"], .apiKey), "\(key.text)")
            #expect(key.object["organizationId"] as? String == orgID && key.object["projectId"] as? String == projectID)
            #expect(try await member.request(.delete, "/api/accounts/api-keys/\(keyID)").status == .noContent)

            let uuidBody = #"{"name": "ci", "environment": "live", "scopes": ["customers:read"], "organizationId": "\#(uuidForm)"}"#
            let refused = try await member.request(.post, "/api/accounts/api-keys", json: uuidBody)
            #expect(refused.status == .badRequest && refused.text.contains("organizationId"), "\(refused.text)")
        }
    }

    /// Requests with one access token.
    struct Caller {
        let app: TestApp
        let token: String

        func request(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil) async throws -> Reply {
            try await app.request(method, uri, json: json, headers: [.authorization: "Bearer \(token)"])
        }
    }

    @Test("a prefixed id is the UUID's 128 bits: the conversion is exact both ways, and a value past 128 bits is refused")
    func conversion() {
        for _ in 0..<1_000 {
            let uuid = UUID()
            let text = Self.ids.text(uuid, .user)
            #expect(text.hasPrefix("usr_") && text.count == 26)
            #expect(Self.ids.uuid(text, .user) == uuid)
        }
        let largest = UUID(uuidString: "ffffffff-ffff-ffff-ffff-ffffffffffff")!
        #expect(Self.ids.uuid(Self.ids.text(largest, .user), .user) == largest)
        #expect(Self.ids.uuid("usr_zzzzzzzzzzzzzzzzzzzzzz", .user) == nil, "62^22 - 1 is past 128 bits")
        #expect(Self.ids.uuid("org_0000000000000000000000", .user) == nil, "another resource's prefix")
        #expect(ResourceIDs().uuid(largest.uuidString, .user) == largest, "no prefix: UUIDs")
    }
}
