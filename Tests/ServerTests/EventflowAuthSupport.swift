import Auth
import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// An EventFlow dashboard account signed up through the API.
struct EventflowUser: Sendable {
    let email: String
    let password: String
    let accessToken: String

    /// `Authorization: Bearer <access token>`.
    var headers: HTTPFields { [.authorization: "Bearer \(accessToken)"] }
}

extension TestApp {
    /// EventFlow's auth routes.
    static let eventflowAuth = "/api/v1/auth"

    /// Signs up an account (role `viewer`, EventFlow's `defaultRole`) and, for another `role`,
    /// gives it that role the way `loom-server set-role` bootstraps the first admin. Access
    /// tokens carry the account's current role, so the returned token already has `role`'s scopes.
    func eventflowUser(role: String = "admin", sourceLocation: SourceLocation = #_sourceLocation) async throws -> EventflowUser {
        let email = "\(role)-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let password = "correct horse battery"
        let reply = try await self.as(.anonymous).request(
            .post, Self.eventflowAuth + "/signup", json: #"{"email": "\#(email)", "password": "\#(password)", "name": "Dashboard User"}"#)
        #expect(reply.status == .created, "signup answered \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
        let token = try #require(reply.object["access_token"] as? String, sourceLocation: sourceLocation)
        if role != "viewer" {
            let database = try #require(database, sourceLocation: sourceLocation)
            let app = try AppCatalog.app(named: "eventflow")
            let settings = try #require(app.auth, sourceLocation: sourceLocation)
            _ = try await AuthService.assignRole(email: email, role: role, settings: settings, database: database, app: "eventflow")
        }
        return EventflowUser(email: email, password: password, accessToken: token)
    }

    /// Registers a producer as `admin` and returns the answer, failing the test unless 201.
    func registerProducer(_ name: String, as admin: EventflowUser, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: any Sendable] {
        let reply = try await request(.post, "/api/v1/producers", json: #"{"name": "\#(name)"}"#, headers: admin.headers)
        #expect(reply.status == .created, "POST /producers answered \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
        return reply.object
    }

    /// Registers a consumer of `types` as `admin` and returns the answer, failing the test unless 201.
    func registerConsumer(
        _ name: String, types: [String], as admin: EventflowUser, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: any Sendable] {
        let list = types.map { "\"\($0)\"" }.joined(separator: ", ")
        let reply = try await request(
            .post, "/api/v1/consumers", json: #"{"name": "\#(name)", "subscribed_event_types": [\#(list)]}"#, headers: admin.headers)
        #expect(reply.status == .created, "POST /consumers answered \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
        return reply.object
    }
}
