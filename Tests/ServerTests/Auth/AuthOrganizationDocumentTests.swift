import Foundation
import Generated
import Testing

/// The organization token, project and project key routes are in the tracker's OpenAPI
/// document with their security and error answers.
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

    @Test("identity documents its bindings; the member role body lists the app's organization roles")
    func schemas() throws {
        let schemas = try #require((try Self.document()["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let identity = try #require(schemas["AuthIdentity"] as? [String: Any])
        let properties = try #require(identity["properties"] as? [String: Any])
        #expect(properties["organization_id"] != nil && properties["project_id"] != nil)
        #expect(Set(identity["required"] as? [String] ?? []).isSuperset(of: ["organization_id", "project_id"]), "always written, null when unbound")
        let body = try #require(schemas["AuthMemberRoleChange"] as? [String: Any])
        let role = try #require((body["properties"] as? [String: Any])?["role"] as? [String: Any])
        #expect(role["$ref"] as? String == "#/components/schemas/OrganizationRole")
        let roles = try #require(schemas["OrganizationRole"] as? [String: Any])
        #expect(roles["enum"] as? [String] == Tracker.auth.organizationRoles.map(\.name), "member roles are the app's organization roles")
    }
}
