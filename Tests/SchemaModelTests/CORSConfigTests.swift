import Testing

@testable import SchemaModel

/// The `cors` section of `app.json` (issue 14): parsing and defaults, and every refused
/// declaration (`*` with credentials above all) reported at its file and JSON path.
@Suite("cors of app.json")
struct CORSConfigTests {
    @Test("the section parses; absent members take the defaults and header lists stay absent")
    func parses() throws {
        let files = TestSchemas.files(RateLimitsConfigTests.app(#"""
            "cors": {"origins": ["https://app.example.com", "http://localhost:5173"], "credentials": true}
            """#))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        let cors = try #require(loaded.schemas.apps.first?.config.cors)
        #expect(cors == CORSConfig(origins: ["https://app.example.com", "http://localhost:5173"], credentials: true))
        #expect(cors.methods == CORSConfig.defaultMethods && cors.maxAgeSeconds == 600)
        #expect(cors.headers == nil && cors.exposedHeaders == nil)
    }

    @Test("\"*\" with credentials is refused at the origin's path")
    func wildcardWithCredentials() {
        let result = TestSchemas.diagnostics(TestSchemas.files(RateLimitsConfigTests.app(
            #""cors": {"origins": ["*"], "credentials": true}"#)))
        expectDiagnostic(result, code: "invalid-cors", file: AuthConfigTests.appPath, path: "cors.origins[0]", contains: "cannot be used with \"credentials\"")
    }

    @Test("inexact origins, unknown methods, bad header names and an out-of-range max age are reported at their paths")
    func invalid() {
        let result = TestSchemas.diagnostics(TestSchemas.files(RateLimitsConfigTests.app(#"""
            "cors": {"origins": ["https://App.example.com:443", "https://*.example.com", "https://a.example.com/app", "*",
                                 "http://b.example.com:8080", "http://b.example.com:8080"],
                     "methods": ["GET", "TRACE"], "headers": ["X Bad"], "exposedHeaders": ["ok", ""], "maxAgeSeconds": 100000}
            """#)))
        let file = AuthConfigTests.appPath, code = "invalid-cors"
        expectDiagnostic(result, code: code, file: file, path: "cors.origins[0]", contains: "write \"https://app.example.com\"")
        expectDiagnostic(result, code: code, file: file, path: "cors.origins[1]", contains: "exact origin")
        expectDiagnostic(result, code: code, file: file, path: "cors.origins[2]", contains: "exact origin")
        expectDiagnostic(result, code: code, file: file, path: "cors.origins[3]", contains: "list it alone")
        expectDiagnostic(result, code: code, file: file, path: "cors.origins[5]", contains: "listed twice")
        expectDiagnostic(result, code: code, file: file, path: "cors.methods[1]", contains: "TRACE")
        expectDiagnostic(result, code: code, file: file, path: "cors.headers[0]", contains: "X Bad")
        expectDiagnostic(result, code: code, file: file, path: "cors.exposedHeaders[1]", contains: "letters, digits")
        expectDiagnostic(result, code: code, file: file, path: "cors.maxAgeSeconds", contains: "between 0 and 86400")
    }

    @Test("an empty origin list and an unknown member are reported")
    func emptyAndUnknown() {
        let empty = TestSchemas.diagnostics(TestSchemas.files(RateLimitsConfigTests.app(#""cors": {"origins": []}"#)))
        expectDiagnostic(empty, code: "invalid-cors", file: AuthConfigTests.appPath, path: "cors.origins", contains: "at least one origin")
        let unknown = TestSchemas.diagnostics(TestSchemas.files(RateLimitsConfigTests.app(#""cors": {"origins": ["*"], "allowAll": true}"#)))
        expectDiagnostic(unknown, code: "unknown-key", file: AuthConfigTests.appPath, path: "cors.allowAll", contains: "allowAll")
    }
}
