import Testing

@testable import SchemaModel

/// `auth.organizationRoles`: parsed in declaration order, absent by default, and checked like
/// `auth.roles` plus the required `owner`.
@Suite("auth.organizationRoles of app.json")
struct AuthOrganizationRolesConfigTests {
    static func auth(_ organizationRoles: String) -> SchemaFile {
        AuthConfigTests.app(auth: String(AuthConfigTests.minimal.dropLast()) + #", "organizationRoles": "# + organizationRoles + "}")
    }

    @Test("declared roles keep their order and scopes; absent means nil (the runtime's defaults)")
    func parses() throws {
        let file = Self.auth(#"{"owner": ["*"], "billing": ["organization:invite", "reports:export"]}"#)
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(file)) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(file)))")
            return
        }
        let roles = try #require(loaded.schemas.apps.first?.config.auth?.organizationRoles)
        #expect(roles.map(\.name) == ["owner", "billing"])
        #expect(roles[1].scopes == ["organization:invite", "reports:export"])
        guard case .success(let plain) = SchemaPipeline.load(TestSchemas.files(AuthConfigTests.app(auth: AuthConfigTests.minimal))) else {
            Issue.record("the minimal section was refused")
            return
        }
        #expect(plain.schemas.apps.first?.config.auth?.organizationRoles == nil)
    }

    @Test("a missing owner, a bad role name and a bad scope are reported at their paths")
    func problems() {
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.auth(#"{"Admin": ["users:fly", "no spaces"]}"#)))
        let file = AuthConfigTests.appPath
        expectDiagnostic(result, code: "unknown-role", file: file, path: "auth.organizationRoles", contains: "no \"owner\" role")
        expectDiagnostic(result, code: "invalid-scope", file: file, path: "auth.organizationRoles.Admin[1]", contains: "must be")
        #expect(result.contains { $0.path.hasPrefix("auth.organizationRoles.Admin") && $0.message.contains("role name") })
    }
}
