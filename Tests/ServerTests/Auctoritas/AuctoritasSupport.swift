import Auth
import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// The steps the Auctoritas contract tests repeat, each made with the document's own request
/// (`reference/auctoritas-api.md`), against a live `auctoritas` server.
extension TestApp {
    /// Runs `body` against a live `auctoritas` server on a fresh database, its mail going to
    /// `outbox` and its time read from `clock` when given; requests carry only the credentials a
    /// test puts in them.
    static func auctoritas(
        outbox: MailOutbox = MailOutbox(), clock: TestClock? = nil, _ body: @Sendable (TestApp) async throws -> Void
    ) async throws {
        var options = AuthOptions(passwordHashCost: 4, mailSender: outbox)
        if let clock { options.clock = { clock.now } }
        try await run("auctoritas", setup: .live, authOptions: options, caller: .anonymous, body)
    }

    /// `X-API-Key: <key>`, where the SDK sends a project's key.
    static func apiKey(_ key: String) -> HTTPFields { [HTTPField.Name("X-API-Key")!: key] }

    /// `Authorization: Bearer <token>`.
    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    /// "Create organization", then "Org member login" with the new organization's id (read
    /// from the owner's organization list): the organization's id and the owner's token.
    func registerOrganization(
        slug: String = "acme", email: String = "owner@acme.com", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (id: String, token: String) {
        let registered = try await request(.post, "/api/v1/customers/orgs/register", json: #"""
            {"name":"Acme Inc","slug":"\#(slug)","ownerEmail":"\#(email)","ownerPassword":"password123","ownerName":"Owner"}
            """#)
        #expect(registered.status == .created, "\(registered.text)", sourceLocation: sourceLocation)
        let token = try #require(registered.object["accessToken"] as? String, sourceLocation: sourceLocation)
        let organizations = try await request(.get, "/api/v1/customers/auth/organizations", headers: Self.bearer(token))
        let id = try #require(organizations.items.first?["id"] as? String, "\(organizations.text)", sourceLocation: sourceLocation)
        let login = try await request(.post, "/api/v1/customers/auth/login", json: #"""
            {"organizationId":"\#(id)","email":"\#(email)","password":"password123"}
            """#)
        #expect(login.status == .ok, "\(login.text)", sourceLocation: sourceLocation)
        return (id, try #require(login.object["accessToken"] as? String, sourceLocation: sourceLocation))
    }

    /// "Accept invitation" with the document's request (no sign-in: the token mailed to
    /// `outbox` last, a name and a password make the account), then "Org member login": the
    /// member's user id and organization-bound token.
    func joinedMember(
        _ organization: String, invitedEmail: String, outbox: MailOutbox, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (id: String, token: String) {
        let invitation = try #require(await outbox.lastToken(), sourceLocation: sourceLocation)
        let accepted = try await request(.post, "/api/v1/customers/orgs/\(organization)/members/accept", json: #"""
            {"token":"\#(invitation)","name":"Member Name","password":"password123"}
            """#)
        #expect(accepted.status == .created, "\(accepted.text)", sourceLocation: sourceLocation)
        let user = try #require((accepted.object["user"] as? [String: any Sendable])?["id"] as? String, "\(accepted.text)", sourceLocation: sourceLocation)
        let login = try await request(.post, "/api/v1/customers/auth/login", json: #"""
            {"organizationId":"\#(organization)","email":"\#(invitedEmail)","password":"password123"}
            """#)
        #expect(login.status == .ok, "\(login.text)", sourceLocation: sourceLocation)
        return (user, try #require(login.object["accessToken"] as? String, sourceLocation: sourceLocation))
    }

    /// "Create project" in `organization`: the project's id.
    func createProject(
        _ organization: String, token: String, slug: String = "my-app", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let created = try await request(
            .post, "/api/v1/customers/orgs/\(organization)/projects", json: #"""
                {"name":"My App","slug":"\#(slug)","description":"Production application"}
                """#, headers: Self.bearer(token))
        #expect(created.status == .created, "\(created.text)", sourceLocation: sourceLocation)
        return try #require(created.object["id"] as? String, sourceLocation: sourceLocation)
    }

    /// "Rotate API key" for `environment` (`PROD` or `DEV`): the new key, shown once.
    func rotateKey(
        _ organization: String, _ project: String, token: String, environment: String = "PROD",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let rotated = try await request(
            .post, "/api/v1/customers/orgs/\(organization)/projects/\(project)/keys", json: #"{"environmentId":"\#(environment)"}"#,
            headers: Self.bearer(token))
        #expect(rotated.status == .created, "\(rotated.text)", sourceLocation: sourceLocation)
        return try #require(rotated.object["key"] as? String, sourceLocation: sourceLocation)
    }

    /// "Register end user" with the key and the document's body, then "Login end user": the
    /// user's id and access token.
    func endUser(
        key: String, email: String = "user@app.com", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (id: String, token: String) {
        let signedUp = try await request(
            .post, "/api/v1/end-users/auth/register", json: #"{"email":"\#(email)","password":"password123","name":"App User"}"#,
            headers: TestApp.apiKey(key))
        #expect(signedUp.status == .created, "\(signedUp.text)", sourceLocation: sourceLocation)
        let login = try await request(
            .post, "/api/v1/end-users/auth/login", json: #"{"email":"\#(email)","password":"password123"}"#, headers: TestApp.apiKey(key))
        #expect(login.status == .ok, "\(login.text)", sourceLocation: sourceLocation)
        let user = try #require(login.object["user"] as? [String: any Sendable], "\(login.text)", sourceLocation: sourceLocation)
        return (try #require(user["id"] as? String, sourceLocation: sourceLocation),
                try #require(login.object["accessToken"] as? String, sourceLocation: sourceLocation))
    }

    /// A platform admin created as `create-admin` does, logged in with the document's "Login"
    /// request: the admin's platform access token.
    func platformToken(sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let app = try AppCatalog.app(named: "auctoritas")
        let database = try #require(database, sourceLocation: sourceLocation)
        _ = try await CreateAdmin.create(
            email: "admin@platform.com", password: "password123", name: "Platform Admin", settings: try #require(app.auth),
            app: app, database: database, passwordHashCost: 4)
        let login = try await request(
            .post, "/api/platform/auth/login", json: #"{"email":"admin@platform.com","password":"password123"}"#)
        #expect(login.status == .ok, "\(login.text)", sourceLocation: sourceLocation)
        return try #require(login.object["accessToken"] as? String, sourceLocation: sourceLocation)
    }

    /// An instant `days` from now in the document's format (`2026-12-31T23:59:59Z`).
    static func isoDate(daysFromNow days: Double) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date().addingTimeInterval(days * 86400))
    }
}
