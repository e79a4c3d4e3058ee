import Testing

@testable import SchemaModel

/// The `idempotency` section of `app.json`, `headers.idempotencyKey` and an endpoint's
/// `idempotency`: parsing, defaults, and every bad value reported at its path.
@Suite("idempotency of app.json")
struct IdempotencyConfigTests {
    static let endpointFile = "Schemas/tasks/endpoints/"

    @Test("the section, its defaults, the renamed header and an endpoint's opt-in parse")
    func parses() throws {
        let app = RateLimitsConfigTests.app(#"""
            "headers": {"idempotencyKey": "X-Idempotency-Key"},
            "idempotency": {"retentionHours": 48, "required": ["create", "batch"]}
            """#)
        let endpoint = TestSchemas.endpoint(
            "archive", #""method": "POST", "path": "/archive", "idempotency": "required", "response": {"description": "Done."}"#)
        let files = TestSchemas.files(app, endpoint)
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        let schema = try #require(loaded.schemas.apps.first)
        let config = try #require(schema.config.idempotency)
        #expect(config == IdempotencyConfig(retentionHours: 48, required: [.create, .batch]))
        #expect(config.enabled && config.claimTimeoutSeconds == 60 && config.purgeIntervalSeconds == 3600)
        #expect(schema.config.headers.idempotencyKey == "X-Idempotency-Key")
        #expect(schema.endpoints.first?.idempotency == .required)
        #expect(HeaderNamesSchema().idempotencyKey == "Idempotency-Key")
    }

    @Test("out-of-range numbers and endpoints opting in with a GET are reported")
    func invalid() {
        let app = RateLimitsConfigTests.app(#"""
            "idempotency": {"retentionHours": 0, "claimTimeoutSeconds": 7200, "purgeIntervalSeconds": 5,
             "required": ["create"]}
            """#)
        let get = TestSchemas.endpoint("peek", #""method": "GET", "path": "/peek", "idempotency": "optional", "response": {"description": "D."}"#)
        let result = TestSchemas.diagnostics(TestSchemas.files(app, get))
        let file = AuthConfigTests.appPath
        let code = "invalid-idempotency"
        expectDiagnostic(result, code: code, file: file, path: "idempotency.retentionHours", contains: "between 1 and 720")
        expectDiagnostic(result, code: code, file: file, path: "idempotency.claimTimeoutSeconds", contains: "between 1 and 3600")
        expectDiagnostic(result, code: code, file: file, path: "idempotency.purgeIntervalSeconds", contains: "between 60")
        expectDiagnostic(result, code: code, file: Self.endpointFile + "peek.json", path: "idempotency", contains: "only POST and PATCH")
    }

    @Test("an unknown operation, an unknown member and an unknown endpoint value are parse errors at their paths")
    func parseErrors() {
        let app = RateLimitsConfigTests.app(#""idempotency": {"required": ["create", "delete"], "ttl": 3}"#)
        let endpoint = TestSchemas.endpoint("archive", #""method": "POST", "path": "/archive", "idempotency": "always", "response": {"description": "D."}"#)
        let result = TestSchemas.diagnostics(TestSchemas.files(app, endpoint))
        let file = AuthConfigTests.appPath
        expectDiagnostic(result, code: "unknown-value", file: file, path: "idempotency.required[1]", contains: "table operation")
        expectDiagnostic(result, code: "unknown-key", file: file, path: "idempotency.ttl", contains: "ttl")
        expectDiagnostic(result, code: "unknown-value", file: Self.endpointFile + "archive.json", path: "idempotency", contains: "\"always\"")
    }

    @Test("an endpoint cannot opt in without the app's section; a repeated operation is reported")
    func endpointWithoutSection() {
        let post = TestSchemas.endpoint("archive", #""method": "POST", "path": "/archive", "idempotency": "optional", "response": {"description": "D."}"#)
        let result = TestSchemas.diagnostics(TestSchemas.files(post))
        expectDiagnostic(result, code: "invalid-idempotency", file: Self.endpointFile + "archive.json", path: "idempotency", contains: "needs the app's")
        let repeated = TestSchemas.diagnostics(TestSchemas.files(RateLimitsConfigTests.app(#""idempotency": {"required": ["update", "update"]}"#)))
        expectDiagnostic(repeated, code: "invalid-idempotency", file: AuthConfigTests.appPath, path: "idempotency.required[1]", contains: "listed twice")
    }
}
