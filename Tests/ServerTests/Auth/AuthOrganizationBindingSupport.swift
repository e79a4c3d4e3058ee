import Auth
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// Shared steps of the organization-binding tests: organizations with members in given roles,
/// organization-bound tokens, projects and keys.
struct OrganizationFixture {
    static let base = TestApp.auth + "/organizations"

    let app: TestApp
    let outbox: MailOutbox

    /// Creates an organization owned by `owner` and returns its id.
    func organization(owner: SignedUp, slug: String) async throws -> String {
        let reply = try await app.request(.post, Self.base, json: #"{"name": "Org \#(slug)", "slug": "\#(slug)"}"#, headers: owner.headers)
        #expect(reply.status == .created, "create organization answered \(reply.status): \(reply.text)")
        return try #require(reply.object["id"] as? String)
    }

    /// Invites `user` into `organization` as `role` and accepts.
    func join(_ user: SignedUp, _ organization: String, as role: String, invitedBy owner: SignedUp) async throws {
        let invite = try await app.request(
            .post, Self.base + "/\(organization)/invitations", json: #"{"email": "\#(user.email)", "role": "\#(role)"}"#,
            headers: owner.headers)
        #expect(invite.status == .created, "invite answered \(invite.status): \(invite.text)")
        let token = try #require(await outbox.lastToken())
        let accepted = try await app.request(.post, TestApp.auth + "/invitations/accept", json: #"{"token": "\#(token)"}"#, headers: user.headers)
        #expect(accepted.status == .ok, "accept answered \(accepted.status): \(accepted.text)")
    }

    /// `POST /organizations/{id}/tokens` with `headers`; the raw reply.
    func tokensReply(_ organization: String, headers: HTTPFields, project: String? = nil) async throws -> Reply {
        let json = project.map { #"{"project_id": "\#($0)"}"# }
        return try await app.request(.post, Self.base + "/\(organization)/tokens", json: json, headers: headers)
    }

    /// Tokens of a new session of `user` bound to `organization` (and `project`): the access
    /// token's headers and the refresh token.
    func boundTokens(_ user: SignedUp, _ organization: String, project: String? = nil) async throws -> (headers: HTTPFields, refresh: String) {
        let reply = try await tokensReply(organization, headers: user.headers, project: project)
        #expect(reply.status == .created, "tokens answered \(reply.status): \(reply.text)")
        let access = try #require(reply.object["access_token"] as? String)
        return ([.authorization: "Bearer \(access)"], try #require(reply.object["refresh_token"] as? String))
    }

    /// Creates a project and returns its id.
    func project(_ organization: String, slug: String, headers: HTTPFields) async throws -> String {
        let reply = try await app.request(
            .post, Self.base + "/\(organization)/projects", json: #"{"name": "Project \#(slug)", "slug": "\#(slug)"}"#, headers: headers)
        #expect(reply.status == .created, "create project answered \(reply.status): \(reply.text)")
        return try #require(reply.object["id"] as? String)
    }

    /// `POST /api-keys` with `json`; the raw reply.
    func createKey(_ json: String, headers: HTTPFields) async throws -> Reply {
        try await app.request(.post, TestApp.auth + "/api-keys", json: json, headers: headers)
    }

    /// The `/identity` object of a request with `headers`, or the failing reply's status.
    func identity(_ headers: HTTPFields) async throws -> (status: HTTPResponse.Status, object: [String: any Sendable]) {
        let reply = try await app.identity(headers)
        return (reply.status, reply.object)
    }

    /// The scopes `/identity` reports.
    func scopes(_ headers: HTTPFields) async throws -> Set<String> {
        Set(try await identity(headers).object["scopes"] as? [String] ?? [])
    }

    /// The claims of a JWT (unverified), for checking `org` / `prj`.
    static func claims(ofBearer headers: HTTPFields) throws -> [String: Any] {
        let token = try #require(headers[.authorization]?.dropFirst("Bearer ".count))
        let payload = try #require(token.split(separator: ".").dropFirst().first)
        var base64 = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let data = try #require(Data(base64Encoded: base64))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Runs `body` against the tracker app with a mail outbox.
    static func run(_ body: @Sendable (OrganizationFixture) async throws -> Void) async throws {
        let outbox = MailOutbox()
        try await TestApp.run("tracker", authOptions: AuthOptions(passwordHashCost: 4, mailSender: outbox)) { app in
            try await body(OrganizationFixture(app: app, outbox: outbox))
        }
    }
}

/// `X-API-Key: <key>`.
func keyHeaders(_ reply: Reply) throws -> HTTPFields {
    [HTTPField.Name("X-API-Key")!: try #require(reply.object["key"] as? String, "no key in \(reply.status): \(reply.text)")]
}
