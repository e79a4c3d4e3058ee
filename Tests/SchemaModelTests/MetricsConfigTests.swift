import Testing

@testable import SchemaModel

/// The `metrics` section of `app.json` (issue 14): parsing, the default host, and bad values at their paths.
@Suite("metrics of app.json")
struct MetricsConfigTests {
    @Test("the section parses; the host defaults to this machine only")
    func parses() throws {
        let files = TestSchemas.files(RateLimitsConfigTests.app(#""metrics": {"port": 9464}"#))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        #expect(loaded.schemas.apps.first?.config.metrics == MetricsConfig(host: "127.0.0.1", port: 9464))
    }

    @Test("a port out of range and an empty host are reported; the port is required")
    func invalid() {
        let result = TestSchemas.diagnostics(TestSchemas.files(RateLimitsConfigTests.app(#""metrics": {"port": 70000, "host": ""}"#)))
        expectDiagnostic(result, code: "invalid-metrics", file: AuthConfigTests.appPath, path: "metrics.port", contains: "between 0")
        expectDiagnostic(result, code: "invalid-metrics", file: AuthConfigTests.appPath, path: "metrics.host", contains: "address to listen on")
        let missing = TestSchemas.diagnostics(TestSchemas.files(RateLimitsConfigTests.app(#""metrics": {}"#)))
        #expect(missing.contains { $0.path == "metrics.port" || $0.path == "metrics" }, "\(missing)")
    }
}
