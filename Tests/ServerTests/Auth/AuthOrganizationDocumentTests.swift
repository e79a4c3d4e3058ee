import Foundation
import Generated
import Runtime
import Testing

@testable import Auth

/// The organization token, project and project key routes are in the tracker's OpenAPI
/// document with their security, error answers and the bodies the runtime validates.
@Suite("Auth: organization-bound routes are documented")
struct AuthOrganizationDocumentTests {
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(Tracker.openAPIDocument.utf8)) as? [String: Any])
    }

    @Test("every new route is documented with bearer security and its 401/403/404 answers")
    func routesDocumented() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: Any])
        let expected: [(String, String, [String])] = [
            ("/v1/auth/organizations/{id}/tokens", "post", ["201", "401", "403", "404", "422"]),
            ("/v1/auth/organizations/{id}/projects", "post", ["201", "401", "403", "404", "409", "422"]),
            ("/v1/auth/organizations/{id}/projects", "get", ["200", "401", "403", "404"]),
            ("/v1/auth/organizations/{id}/projects/{project_id}", "get", ["200", "401", "403", "404"]),
            ("/v1/auth/organizations/{id}/projects/{project_id}", "delete", ["204", "401", "403", "404"]),
            ("/v1/auth/organizations/{id}/projects/{project_id}/keys", "get", ["200", "401", "403", "404"]),
            ("/v1/auth/organizations/{id}/projects/{project_id}/keys", "post", ["201", "401", "403", "404", "422"]),
        ]
        for (path, method, statuses) in expected {
            let item = try #require(paths[path] as? [String: Any], "\(path) is documented")
            let operation = try #require(item[method] as? [String: Any], "\(method) \(path) is documented")
            let responses = try #require(operation["responses"] as? [String: Any])
            for status in statuses {
                #expect(responses[status] != nil, "\(method) \(path) documents \(status)")
            }
            let security = try #require(operation["security"] as? [[String: Any]])
            #expect(security.contains { $0["bearerAuth"] != nil }, "\(method) \(path) needs a bearer token")
            let parameters = (operation["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            for name in ["id", "project_id"] where path.contains("{\(name)}") {
                #expect(parameters.contains(name), "\(method) \(path) documents the \(name) parameter")
            }
        }
    }

    @Test("the new request bodies, and login and key creation, match the runtime's validation")
    func bodiesMatch() throws {
        let bodies = AuthBodies(settings: Tracker.auth)
        let pairs: [(String, [FieldRule])] = [
            ("AuthOrganizationTokensRequest", bodies.organizationTokens), ("AuthProjectCreate", bodies.createProject),
            ("AuthProjectKeyRotate", bodies.projectKey), ("AuthLoginRequest", bodies.login), ("AuthAPIKeyCreate", bodies.createAPIKey),
        ]
        let schemas = try #require((try Self.document()["components"] as? [String: Any])?["schemas"] as? [String: Any])
        for (name, rules) in pairs {
            let schema = try #require(schemas[name] as? [String: Any], "\(name) is documented")
            let properties = try #require(schema["properties"] as? [String: Any])
            #expect(Set(properties.keys) == Set(rules.map(\.name)), "\(name) members")
            #expect(Set(schema["required"] as? [String] ?? []) == Set(rules.filter(\.required).map(\.name)), "\(name) required members")
        }
        let identity = try #require((schemas["AuthIdentity"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(identity["organization_id"] != nil && identity["project_id"] != nil)
        let role = try #require(((schemas["AuthMemberRole"] as? [String: Any])?["properties"] as? [String: Any])?["role"] as? [String: Any])
        #expect(role["enum"] as? [String] == Tracker.auth.organizationRoles.map(\.name), "member roles are the app's organization roles")
    }
}
