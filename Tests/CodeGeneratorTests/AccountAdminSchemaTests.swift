import Foundation
import Testing

@testable import CodeGenerator

// MARK: Account administration (issue 21)
/// `auth.accountAdmin`: generated into `AuthSettings`, documented from `AuthContract` (routes,
/// bodies, `AuthAccount`), and every problem reported with file, JSON path and a fix.
@Suite("auth.accountAdmin: settings, document and diagnostics")
struct AccountAdminSchemaTests {
    /// A small app with auth whose `auth` section adds `extra` members.
    static func files(_ extra: String, roles: String = #"{"admin": ["*"], "member": ["notes:read"]}"#) -> [String: String] {
        [
            "app.json": #"""
                {"name": "mini", "title": "Mini", "version": "1.0.0", "description": "A small app.", "basePath": "/api",
                 "auth": {"tokens": {"issuer": "https://mini.invalid", "audience": "mini", "secretVariable": "MINI_JWT_SECRET"},
                          "roles": \#(roles), "defaultRole": "member"\#(extra)}}
                """#,
            "tables/notes.json": #"""
                {"name": "notes", "description": "Notes.",
                 "fields": {"title": {"type": "string", "description": "The title.", "required": true}}}
                """#,
        ]
    }

    @Test("the settings carry the scope and page sizes; the document has the five routes, the role body and the account schemas")
    func generated() throws {
        let outputs = try Fixtures.generate(Self.files(#", "accountAdmin": {"manageScope": "users:manage"}, "routes": {"banAccount": "/api/admin/users/{id}/ban"}"#))
        let settings = try #require(outputs.first { $0.key.hasSuffix("Mini.swift") }?.value)
        #expect(settings.contains(#"accountAdmin: .init(manageScope: "users:manage", pageLimits: PageLimits(defaultSize: 20, maximumSize: 100))"#), "\(settings)")
        let document = try #require(outputs.first { $0.key.hasSuffix("openapi.json") }?.value)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        let paths = try #require(root["paths"] as? [String: Any])
        let list = try #require((paths["/api/auth/users"] as? [String: Any])?["get"] as? [String: Any])
        #expect(list["operationId"] as? String == "authListAccounts")
        let names = (list["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names == ["email", "role", "status", "limit", "offset"])
        let item = try #require(paths["/api/auth/users/{id}"] as? [String: Any])
        #expect((item["get"] as? [String: Any])?["operationId"] as? String == "authGetAccount")
        #expect((item["patch"] as? [String: Any])?["operationId"] as? String == "authChangeAccountRole")
        #expect(((paths["/api/admin/users/{id}/ban"] as? [String: Any])?["post"] as? [String: Any])?["operationId"] as? String == "authBanAccount")
        #expect(paths["/api/auth/users/{id}/unban"] != nil)
        let schemas = try #require((root["components"] as? [String: Any])?["schemas"] as? [String: Any])
        #expect(schemas["AuthAccount"] != nil && schemas["AuthAccountPage"] != nil && schemas["AuthAccountRoleChange"] != nil)
        #expect((schemas["AppRole"] as? [String: Any])?["enum"] as? [String] == ["admin", "member"])
    }

    @Test("a missing, malformed or ungranted manageScope and a route clash are reported at their paths with a fix")
    func problems() throws {
        let missing = try RouteMethodOverrideTests.diagnostics(Self.files(#", "accountAdmin": {}"#))
        #expect(missing.contains("auth.accountAdmin") && missing.contains("manageScope"), "\(missing)")
        let malformed = try RouteMethodOverrideTests.diagnostics(Self.files(#", "accountAdmin": {"manageScope": "Bad Scope"}"#))
        #expect(malformed.contains("auth.accountAdmin.manageScope"), "\(malformed)")
        let ungranted = try RouteMethodOverrideTests.diagnostics(Self.files(
            #", "accountAdmin": {"manageScope": "users:manage"}"#, roles: #"{"member": ["notes:read"]}"#))
        #expect(ungranted.contains("auth.accountAdmin.manageScope") && ungranted.contains("grant it to a role"), "\(ungranted)")
        let clash = try RouteMethodOverrideTests.diagnostics(Self.files(
            #", "accountAdmin": {"manageScope": "users:manage"}, "routes": {"listAccounts": "/api/notes"}"#))
        #expect(clash.contains("GET /api/notes") && clash.contains("already served by auth listAccounts") && clash.contains("move one of them"), "\(clash)")
        let off = try RouteMethodOverrideTests.diagnostics(Self.files(#", "routes": {"listAccounts": "/api/people"}"#))
        #expect(off.contains("auth.routes.listAccounts") && off.contains("the app has no listAccounts route"), "\(off)")
    }
}
