import Testing

@testable import SchemaModel

/// `auth.ids`: which auth resources are written as prefixed ids, each prefix checked at its path.
@Suite("auth.ids in app.json")
struct AuthIDsConfigTests {
    static func files(_ ids: String) -> [SchemaFile] {
        TestSchemas.files(AuthConfigTests.app(auth: String(AuthConfigTests.minimal.dropLast()) + #", "ids": "# + ids + "}"))
    }

    @Test("declared prefixes are read by resource; resources not named stay UUIDs")
    func parsed() throws {
        guard case .success(let loaded) = SchemaPipeline.load(Self.files(#"{"user": "usr_", "apiKey": "key_"}"#)) else {
            Issue.record("refused: \(TestSchemas.diagnostics(Self.files(#"{"user": "usr_"}"#)))")
            return
        }
        #expect(loaded.schemas.apps.first?.config.auth?.ids == ["user": "usr_", "apiKey": "key_"])
    }

    @Test("a malformed prefix and a prefix shared by two resources are errors at their paths")
    func refused() {
        let diagnostics = TestSchemas.diagnostics(Self.files(#"{"user": "User-", "organization": "org_", "project": "org_"}"#))
        expectDiagnostic(diagnostics, code: "invalid-auth-setting", file: AuthConfigTests.appPath, path: "auth.ids.user", contains: "lowercase letters or digits")
        expectDiagnostic(diagnostics, code: "invalid-auth-setting", file: AuthConfigTests.appPath, path: "auth.ids.project", contains: "also the prefix of organization")
    }

    @Test("a resource auth.ids does not know is an unknown key")
    func unknownResource() {
        let diagnostics = TestSchemas.diagnostics(Self.files(#"{"account": "acc_"}"#))
        expectDiagnostic(diagnostics, code: "unknown-key", file: AuthConfigTests.appPath, path: "auth.ids.account", contains: "account")
    }
}
