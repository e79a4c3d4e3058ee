import SchemaModel
import Testing

/// `permissions`, `tenant`, `owner` and an endpoint's `scope`: parsed, and every misuse reported
/// at its JSON path with a fix.
@Suite("access keys of tables and endpoints")
struct AccessValidationTests {
    private let fields = #"""
        "code": {"type": "string", "description": "Code.", "required": true, "unique": true},
        "note": {"type": "string", "description": "Note.", "nullable": true}
        """#

    /// An app whose roles grant no `*`, so ungranted scopes show.
    private static let app = AuthConfigTests.app(auth: #"""
        {"tokens": {"issuer": "https://tasks.test", "audience": "tasks-api", "secretVariable": "TASKS_JWT_SECRET"},
         "roles": {"member": ["users:read", "users:write", "users:delete", "reports:export"]}, "defaultRole": "member"}
        """#)

    private func diagnostics(_ extra: String, auth: Bool = true) -> [Diagnostic] {
        let table = TestSchemas.table("users", fields: fields, extra: extra)
        let files = auth ? TestSchemas.files(Self.app, table) : TestSchemas.files(table)
        return TestSchemas.diagnostics(files)
    }

    @Test("the keys parse: permissions by group and operation, tenant, owner")
    func parses() throws {
        let table = TestSchemas.table("users", fields: fields, extra: #"""
            "tenant": "project", "owner": {"field": "author_id", "exceptScope": "users:*"},
            "permissions": {"read": "public", "update": "authenticated", "delete": "admin"}
            """#)
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(Self.app, table)) else {
            Issue.record("refused: \(render(diagnostics("")))")
            return
        }
        let users = try #require(loaded.schemas.apps.first?.tables.first { $0.name == "users" })
        #expect(users.tenant == .project)
        #expect(users.accessColumns == ["organization_id", "project_id", "author_id"])
        #expect(users.requirement(for: .list) == .everyone)
        #expect(users.requirement(for: .update) == .authenticated)
        #expect(users.requirement(for: .replace) == .scope("users:write"))
        #expect(users.requirement(for: .restore) == .scope("users:write"))
        #expect(users.requirement(for: .delete) == .scope("admin"))
    }

    @Test("access keys need an auth section")
    func needsAuth() {
        let result = diagnostics(#""tenant": "organization", "permissions": {"read": "public"}"#, auth: false)
        expectDiagnostic(result, code: "access-needs-auth", path: "tenant", contains: "auth")
        expectDiagnostic(result, code: "access-needs-auth", path: "permissions", contains: "auth")
        let endpoint = TestSchemas.endpoint("ping", #""method": "GET", "path": "/ping", "scope": "public", "response": {"description": "Pong."}"#)
        let endpointResult = TestSchemas.diagnostics(TestSchemas.files(endpoint))
        expectDiagnostic(endpointResult, code: "access-needs-auth", file: "Schemas/tasks/endpoints/ping.json", path: "scope", contains: "auth")
    }

    @Test("generated columns must not clash; owner and upsertKey do not combine; unknown tenant levels are refused")
    func clashes() {
        let clash = TestSchemas.table("users", fields: fields + #", "organization_id": {"type": "string", "description": "Org.", "nullable": true}"#,
                                      extra: #""tenant": "organization""#)
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.app, clash))
        expectDiagnostic(result, code: "reserved-field-name", path: "fields.organization_id", contains: "rename the field")
        expectDiagnostic(diagnostics(#""owner": {"field": "note"}"#), code: "reserved-field-name", path: "owner.field", contains: "author_id")
        expectDiagnostic(
            diagnostics(#""owner": {"field": "author_id"}, "upsertKey": "code""#), code: "invalid-access-rule", path: "owner", contains: "upsertKey")
        expectDiagnostic(diagnostics(#""tenant": "team""#), code: "unknown-value", path: "tenant", contains: "organization")
    }

    @Test("an auth app's endpoint must say what it requires; an array of scopes requires them all (issue 18, Medium)")
    func endpointScope() throws {
        let silent = TestSchemas.endpoint("ping", #""method": "GET", "path": "/ping", "response": {"description": "Pong."}"#)
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.app, silent))
        expectDiagnostic(result, code: "endpoint-needs-scope", file: "Schemas/tasks/endpoints/ping.json", path: "", contains: "\"authenticated\"")
        let empty = TestSchemas.endpoint("ping", #""method": "GET", "path": "/ping", "scope": [], "response": {"description": "Pong."}"#)
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(Self.app, empty)), code: "invalid-scope", file: "Schemas/tasks/endpoints/ping.json", path: "scope",
            contains: "at least one")
        let bad = TestSchemas.endpoint("ping", #""method": "GET", "path": "/ping", "scope": ["users:read", 3], "response": {"description": "Pong."}"#)
        #expect(!TestSchemas.diagnostics(TestSchemas.files(Self.app, bad)).isEmpty)
        let both = TestSchemas.endpoint(
            "ping", #""method": "GET", "path": "/ping", "scope": ["users:read", "reports:export"], "response": {"description": "Pong."}"#)
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(Self.app, both)) else {
            Issue.record("an array of granted scopes is refused")
            return
        }
        #expect(loaded.schemas.apps.first?.endpoints.first?.scope == .allScopes(["users:read", "reports:export"]))
        for word in ["public", "authenticated"] {
            let explicit = TestSchemas.endpoint("ping", #""method": "GET", "path": "/ping", "scope": "\#(word)", "response": {"description": "Pong."}"#)
            #expect(TestSchemas.diagnostics(TestSchemas.files(Self.app, explicit)).filter { $0.severity == .error }.isEmpty, "\(word)")
        }
    }

    @Test("endUserRole must name a role of auth.roles")
    func endUserRole() {
        let app = AuthConfigTests.app(auth: #"""
            {"tokens": {"issuer": "https://tasks.test", "audience": "tasks-api", "secretVariable": "TASKS_JWT_SECRET"},
             "roles": {"member": ["users:read"]}, "defaultRole": "member", "endUserRole": "customer"}
            """#)
        expectDiagnostic(TestSchemas.diagnostics(TestSchemas.files(app)), code: "unknown-role", file: AuthConfigTests.appPath, path: "auth.endUserRole", contains: "member")
    }

    @Test("a malformed scope is an error; a scope no role grants is a warning naming the fix")
    func scopes() {
        expectDiagnostic(diagnostics(#""permissions": {"delete": "not a scope"}"#), code: "invalid-scope", path: "permissions.delete", contains: "public")
        let warning = expectDiagnostic(
            diagnostics(#""permissions": {"delete": "reports:purge"}"#), code: "ungranted-scope", path: "permissions.delete", contains: "add it to a role")
        #expect(warning?.severity == .warning)
        expectDiagnostic(diagnostics(#""permissions": {"list": "surprise"}"#), code: "ungranted-scope", path: "permissions.list", contains: "surprise")
        #expect(!diagnostics(#""permissions": {"delete": "reports:export"}"#).contains { $0.code == "ungranted-scope" })
    }
}
