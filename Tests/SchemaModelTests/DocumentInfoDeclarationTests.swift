import Testing

@testable import SchemaModel

/// `openapi` of `app.json` (issue 23): servers, contact and license for the published document,
/// read into the model, bad values reported at their paths.
@Suite("openapi of app.json")
struct DocumentInfoDeclarationTests {
    @Test("servers, contact and license are read")
    func parsed() throws {
        let files = TestSchemas.files(FidelityDeclarationTests.app(#"""
            "openapi": {"servers": [{"url": "https://api.example.com", "description": "Production"}],
                        "contact": {"name": "API team", "email": "api@example.com"}, "license": {"name": "Apache 2.0", "identifier": "Apache-2.0"}}
            """#))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(render(TestSchemas.diagnostics(files)))")
            return
        }
        let document = try #require(loaded.schemas.apps.first).config.document
        #expect(document.servers == [.init(url: "https://api.example.com", description: "Production")])
        #expect(document.contact == .init(name: "API team", email: "api@example.com"))
        #expect(document.license == .init(name: "Apache 2.0", identifier: "Apache-2.0"))
    }

    @Test("a server with a path, a relative server, a bad email, and a license with both identifier and url are errors at their paths")
    func invalid() {
        let result = TestSchemas.diagnostics(TestSchemas.files(FidelityDeclarationTests.app(#"""
            "openapi": {"servers": [{"url": "https://api.example.com/v1"}, {"url": "/"}],
                        "contact": {"email": "nobody"}, "license": {"name": "MIT", "identifier": "MIT", "url": "https://opensource.org/license/mit"}}
            """#)))
        let file = FidelityDeclarationTests.appPath
        expectDiagnostic(result, code: "invalid-document-info", file: file, path: "openapi.servers[0].url", contains: "no path")
        expectDiagnostic(result, code: "invalid-document-info", file: file, path: "openapi.servers[1].url", contains: "absolute")
        expectDiagnostic(result, code: "invalid-document-info", file: file, path: "openapi.contact.email", contains: "not an email")
        expectDiagnostic(result, code: "invalid-document-info", file: file, path: "openapi.license", contains: "not both")
    }
}
