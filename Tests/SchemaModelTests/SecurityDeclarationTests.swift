import Testing

@testable import SchemaModel

/// `security` of `app.json` (issue 14): read into the model with Loom's defaults, bad values
/// reported at their paths.
@Suite("security of app.json")
struct SecurityDeclarationTests {
    @Test("the declaration is read; an app without one gets nosniff's companions only")
    func parsed() throws {
        let files = TestSchemas.files(FidelityDeclarationTests.app(
            #""security": {"servedOverTLS": true, "referrerPolicy": "strict-origin-when-cross-origin", "hstsMaxAge": 600}"#))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(render(TestSchemas.diagnostics(files)))")
            return
        }
        let app = try #require(loaded.schemas.apps.first)
        #expect(app.config.security == SecuritySchema(servedOverTLS: true, referrerPolicy: .strictOriginWhenCrossOrigin, hstsMaxAge: 600))
        #expect(SecuritySchema().servedOverTLS == false && SecuritySchema().referrerPolicy == .noReferrer)
    }

    @Test("an unknown policy and a max-age of 0 are reported at their paths")
    func invalid() {
        let policy = TestSchemas.diagnostics(TestSchemas.files(FidelityDeclarationTests.app(#""security": {"referrerPolicy": "everywhere"}"#)))
        expectDiagnostic(policy, code: "unknown-value", file: FidelityDeclarationTests.appPath, path: "security.referrerPolicy", contains: "everywhere")
        let result = TestSchemas.diagnostics(TestSchemas.files(FidelityDeclarationTests.app(#""security": {"hstsMaxAge": 0}"#)))
        expectDiagnostic(result, code: "invalid-limit", file: FidelityDeclarationTests.appPath, path: "security.hstsMaxAge", contains: "greater than 0")
    }
}
