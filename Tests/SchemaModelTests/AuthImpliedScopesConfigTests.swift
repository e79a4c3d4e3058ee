import Testing

@testable import SchemaModel

/// `auth.impliedScopes`: parsed in declaration order, empty by default, every scope checked.
@Suite("auth.impliedScopes of app.json")
struct AuthImpliedScopesConfigTests {
    static func auth(_ impliedScopes: String) -> SchemaFile {
        AuthConfigTests.app(auth: String(AuthConfigTests.minimal.dropLast()) + #", "impliedScopes": "# + impliedScopes + "}")
    }

    @Test("declared implications keep their order and scopes; absent means none")
    func parses() throws {
        let file = Self.auth(#"{"admin": ["*"], "support": ["audit:read", "reports:export"]}"#)
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(file)) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(file)))")
            return
        }
        let implied = try #require(loaded.schemas.apps.first?.config.auth?.impliedScopes)
        #expect(implied.map(\.name) == ["admin", "support"])
        #expect(implied[1].scopes == ["audit:read", "reports:export"])
        guard case .success(let plain) = SchemaPipeline.load(TestSchemas.files(AuthConfigTests.app(auth: AuthConfigTests.minimal))) else {
            Issue.record("the minimal section was refused")
            return
        }
        #expect(plain.schemas.apps.first?.config.auth?.impliedScopes.isEmpty == true)
    }

    @Test("\"*\" as an implying scope, a malformed scope and a bad implied scope are reported at their paths")
    func problems() {
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.auth(#"{"*": ["audit:read"], "Bad Scope": [], "admin": ["no spaces"]}"#)))
        let file = AuthConfigTests.appPath
        expectDiagnostic(result, code: "invalid-scope", file: file, path: "auth.impliedScopes.*", contains: "grants every scope already")
        expectDiagnostic(result, code: "invalid-scope", file: file, path: "auth.impliedScopes.Bad Scope", contains: "must be")
        expectDiagnostic(result, code: "invalid-scope", file: file, path: "auth.impliedScopes.admin[0]", contains: "must be")
    }
}
