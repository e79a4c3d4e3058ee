import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// A platform admin logged in through the API.
struct PlatformSession: Sendable {
    let adminID: String
    let accessToken: String
    let refreshToken: String

    /// `Authorization: Bearer <platform access token>`.
    var headers: HTTPFields { [.authorization: "Bearer \(accessToken)"] }
}

extension TestApp {
    /// The tracker's platform routes.
    static let platform = "/v1/platform"

    /// Creates a platform admin the way `loom-server create-admin` does (bcrypt cost 4).
    @discardableResult
    func createPlatformAdmin(
        email: String = "root-\(UUID().uuidString.prefix(8).lowercased())@platform.example", password: String = "platform secret 1"
    ) async throws -> (id: String, email: String, password: String) {
        let app = try AppCatalog.app(named: "tracker")
        let database = try #require(database)
        let created = try await CreateAdmin.create(
            email: email, password: password, name: "Root", settings: try #require(app.auth), app: app, database: database,
            passwordHashCost: 4)
        return (created.id, created.email, password)
    }

    /// Logs a platform admin in, failing the test unless 200.
    func platformLogin(email: String, password: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> PlatformSession {
        let reply = try await request(
            .post, Self.platform + "/auth/login", json: #"{"email": "\#(email)", "password": "\#(password)"}"#)
        #expect(reply.status == .ok, "platform login answered \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
        let body = reply.object
        let admin = try #require(body["admin"] as? [String: any Sendable], sourceLocation: sourceLocation)
        return PlatformSession(
            adminID: try #require(admin["id"] as? String, sourceLocation: sourceLocation),
            accessToken: try #require(body["access_token"] as? String, sourceLocation: sourceLocation),
            refreshToken: try #require(body["refresh_token"] as? String, sourceLocation: sourceLocation))
    }

    /// A fresh admin, logged in.
    func platformAdmin() async throws -> PlatformSession {
        let admin = try await createPlatformAdmin()
        return try await platformLogin(email: admin.email, password: admin.password)
    }

    /// The audit events with `action`, oldest first, as (actor, target, detail).
    func auditEvents(_ action: String) async throws -> [(actor: String?, target: String?, detail: String)] {
        let database = try #require(database)
        let placeholder = database.dialect == .sqlite ? "?" : "$1"
        let rows = try await database.fetch(SQLStatement(
            "SELECT actor_id, target_id, detail FROM auth_audit_events WHERE action = \(placeholder) ORDER BY occurred_at, id",
            [.text(action)]))
        return try rows.map { row in
            var reader = RowReader(row)
            return (try reader.optionalString(), try reader.optionalString(), try reader.string())
        }
    }
}
