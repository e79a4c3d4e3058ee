import Foundation
import Testing

@testable import CodeGenerator

/// `"method"` in a route override: an auth or platform operation taking a body served with
/// another method (Auctoritas' `PUT` organization update), documented with it; refused for
/// reads, deletes, other methods and tables.
@Suite("Route overrides: another method for a body-taking operation")
struct RouteMethodOverrideTests {
    /// A small app with auth whose `auth.routes` are `routes`.
    static func files(routes: String, tableRoutes: String = "") -> [String: String] {
        [
            "app.json": #"""
                {"name": "mini", "title": "Mini", "version": "1.0.0", "description": "A small app.", "basePath": "/api",
                 "auth": {"tokens": {"issuer": "https://mini.invalid", "audience": "mini", "secretVariable": "MINI_JWT_SECRET"},
                          "roles": {"admin": ["*"]}, "defaultRole": "admin", "routes": \#(routes)}}
                """#,
            "tables/notes.json": #"""
                {"name": "notes", "description": "Notes.", \#(tableRoutes)
                 "fields": {"title": {"type": "string", "description": "The title.", "required": true}}}
                """#,
        ]
    }

    /// The diagnostics of generating `files`, one line each.
    static func diagnostics(_ files: [String: String]) throws -> String {
        switch try Generator.generate(schemaFiles: Fixtures.schemaFiles(files), templates: Fixtures.templates()) {
        case .generated: return ""
        case .invalid(let diagnostics): return diagnostics.map(\.description).joined(separator: "\n")
        }
    }

    @Test("PUT for the organization update: served and documented as PUT at the declared path, PATCH gone")
    func putUpdate() throws {
        let outputs = try Fixtures.generate(Self.files(routes: #"{"renameOrganization": {"path": "/api/orgs/{orgId}", "method": "PUT"}}"#))
        let settings = try #require(outputs.first { $0.key.hasSuffix("Mini.swift") }?.value)
        #expect(settings.contains(#""renameOrganization": ContractRouteOverride(paths: ["/api/orgs/{orgId}"], method: .put)"#))
        let document = try #require(outputs.first { $0.key.hasSuffix("openapi.json") }?.value)
        let paths = try #require((try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])?["paths"] as? [String: Any])
        let item = try #require(paths["/api/orgs/{orgId}"] as? [String: Any])
        #expect((item["put"] as? [String: Any])?["operationId"] as? String == "authRenameOrganization")
        #expect(item["patch"] == nil)
    }

    @Test("a read, an unknown or body-less method, and a table route are refused at their paths")
    func refused() throws {
        let read = try Self.diagnostics(Self.files(routes: #"{"getProfile": {"path": "/api/me", "method": "PUT"}}"#))
        #expect(read.contains("auth.routes.getProfile.method") && read.contains("served as GET"), "\(read)")
        let method = try Self.diagnostics(Self.files(routes: #"{"login": {"path": "/api/login", "method": "GET"}}"#))
        #expect(method.contains("auth.routes.login.method") && method.contains("not one of POST, PUT, PATCH"), "\(method)")
        let table = try Self.diagnostics(Self.files(routes: "{}", tableRoutes: #""routes": {"update": {"path": "/api/notes/{id}", "method": "PUT"}},"#))
        #expect(table.contains("routes.update.method") && table.contains("a table's methods"), "\(table)")
    }
}
