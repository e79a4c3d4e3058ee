import Auth
import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// The steps the B2B contract tests repeat (`reference/b2b-saas-api.md`) against a live `b2b`
/// server: an operator account made admin, and API keys it creates at `/v1/keys`.
extension TestApp {
    /// Runs `body` against a live `b2b` server on a fresh database; requests carry only the
    /// credentials a test puts in them.
    static func b2b(configure: (inout LoomServer.Configuration) -> Void = { _ in }, _ body: @Sendable (TestApp) async throws -> Void)
        async throws
    {
        try await run("b2b", setup: .live, caller: .anonymous, configure: configure, body)
    }

    /// `X-API-Key: <key>`, the document's only credential.
    static func key(_ key: String) -> HTTPFields { [HTTPField.Name("X-API-Key")!: key] }

    /// An operator who signs up, is made `admin` as `loom-server set-role` does, and logs in:
    /// the access token that manages keys at `/v1/keys`.
    func b2bOperator(email: String = "ops@example.com", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let signup = try await request(
            .post, "/v1/auth/signup", json: #"{"email":"\#(email)","password":"correct horse battery","name":"Ops"}"#)
        #expect(signup.status == .created, "\(signup.text)", sourceLocation: sourceLocation)
        let settings = try #require(try AppCatalog.app(named: "b2b").auth, sourceLocation: sourceLocation)
        _ = try await AuthService.assignRole(
            email: email, role: "admin", settings: settings, database: try #require(database, sourceLocation: sourceLocation), app: "b2b")
        let login = try await request(.post, "/v1/auth/login", json: #"{"email":"\#(email)","password":"correct horse battery"}"#)
        #expect(login.status == .ok, "\(login.text)", sourceLocation: sourceLocation)
        return try #require(login.object["access_token"] as? String, sourceLocation: sourceLocation)
    }

    /// `POST /v1/keys` with `body` (name, environment, scopes, ...) by `token`: the key's id and
    /// the key, shown this once.
    func b2bKey(
        _ body: String, token: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (id: String, key: String) {
        try await b2bKey(body, headers: [.authorization: "Bearer \(token)"], sourceLocation: sourceLocation)
    }

    /// `POST /v1/keys` with `body` and the credentials in `headers` (an operator's token, or an
    /// `admin` key): the key's id and the key, from the answer's `{"data": ...}` envelope.
    func b2bKey(
        _ body: String, headers: HTTPFields, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (id: String, key: String) {
        let created = try await request(.post, "/v1/keys", json: body, headers: headers)
        #expect(created.status == .created, "\(created.text)", sourceLocation: sourceLocation)
        return (try #require(created.data["id"] as? String, sourceLocation: sourceLocation),
                try #require(created.data["key"] as? String, sourceLocation: sourceLocation))
    }

    /// A key holding every scope of the document's permission model.
    func b2bFullKey(token: String, environment: String = "live", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await b2bKey(
            #"{"name":"backend","environment":"\#(environment)","scopes":["users:read","users:write","users:delete","admin"]}"#,
            token: token, sourceLocation: sourceLocation
        ).key
    }
}

extension Reply {
    /// The `data` member of an enveloped answer.
    var data: [String: any Sendable] { object["data"] as? [String: any Sendable] ?? [:] }

    /// The records of an enveloped list (`{"data": [...], "total", "limit", "offset"}`).
    var dataItems: [[String: any Sendable]] { object["data"] as? [[String: any Sendable]] ?? [] }
}
