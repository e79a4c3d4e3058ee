import Foundation
import Generated
import Testing

/// The platform routes in the tracker's OpenAPI document: every route present with the platform
/// security scheme (none on login/refresh). Bodies and routes come from `PlatformContract`, which
/// the runtime validates and registers with, so they are not compared here.
@Suite("Platform admins: OpenAPI")
struct PlatformDocumentTests {
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(Tracker.openAPIDocument.utf8)) as? [String: Any])
    }

    @Test("every platform route is documented with platformBearerAuth, except login and refresh")
    func routesDocumented() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: Any])
        let expected: [(String, String)] = [
            ("/v1/platform/auth/login", "post"), ("/v1/platform/auth/refresh", "post"), ("/v1/platform/auth/logout", "post"),
            ("/v1/platform/admin/me", "get"),
            ("/v1/platform/admin/me", "patch"), ("/v1/platform/admin", "post"), ("/v1/platform/admin/{id}", "delete"),
            ("/v1/platform/admin/organizations", "get"), ("/v1/platform/admin/organizations/{id}", "get"),
            ("/v1/platform/admin/organizations/{id}/impersonate", "post"), ("/v1/platform/admin/end-users", "get"),
            ("/v1/platform/admin/end-users/{id}/ban", "post"), ("/v1/platform/admin/end-users/{id}/unban", "post"),
        ]
        for (path, method) in expected {
            let operation = try #require((paths[path] as? [String: Any])?[method] as? [String: Any], "\(method) \(path)")
            let security = operation["security"] as? [[String: [String]]] ?? []
            let open = path.hasSuffix("/login") || path.hasSuffix("/refresh")
            #expect(security == (open ? [] : [["platformBearerAuth": []]]), "\(method) \(path) security")
            let responses = try #require(operation["responses"] as? [String: Any])
            #expect(responses["401"] != nil, "\(method) \(path) documents 401")
        }
        let platformPaths = paths.keys.filter { $0.hasPrefix("/v1/platform/") }
        #expect(Set(platformPaths) == Set(expected.map(\.0)), "no undocumented or extra platform path")
    }
}
