import Testing

@testable import SchemaModel

/// The `usage` section of `app.json` (issue 14): defaults, the `auth` it needs, and bad values
/// reported at their paths.
@Suite("usage of app.json")
struct UsageConfigTests {
    /// `app.json` of the fixture app with `usage` set to `usage`, with or without the minimal `auth`.
    static func app(usage: String, auth: Bool = true) -> SchemaFile {
        let authMember = auth ? #", "auth": "# + AuthConfigTests.minimal : ""
        return TestSchemas.file(
            AuthConfigTests.appPath,
            #"{"name": "tasks", "title": "Tasks API", "version": "1.0.0", "description": "Tracks tasks.", "usage": "# + usage
                + authMember + "}")
    }

    @Test("an empty section keeps 90 days at /usage; a path such as /admin/usage is accepted")
    func defaults() throws {
        for (json, expected) in [("{}", UsageConfig()), (#"{"retentionDays": 30, "path": "/admin/usage"}"#, UsageConfig(retentionDays: 30, path: "/admin/usage"))] {
            let files = TestSchemas.files(Self.app(usage: json))
            guard case .success(let loaded) = SchemaPipeline.load(files) else {
                Issue.record("refused: \(TestSchemas.diagnostics(files))")
                return
            }
            #expect(loaded.schemas.apps.first?.config.usage == expected)
        }
    }

    @Test("usage without auth, a retention out of range, a path with a parameter and unknown keys are reported at their paths")
    func invalid() {
        let file = AuthConfigTests.appPath
        let withoutAuth = TestSchemas.diagnostics(TestSchemas.files(Self.app(usage: "{}", auth: false)))
        expectDiagnostic(withoutAuth, code: "invalid-usage", file: file, path: "usage", contains: "auth")
        let bad = TestSchemas.diagnostics(TestSchemas.files(Self.app(usage: #"{"retentionDays": 0, "path": "/usage/{id}"}"#)))
        expectDiagnostic(bad, code: "invalid-usage", file: file, path: "usage.retentionDays", contains: "1 to 3650")
        expectDiagnostic(bad, code: "invalid-usage", file: file, path: "usage.path", contains: "fixed path")
        for path in ["usage", "/", "/admin//usage", "/usage/"] {
            let diagnostics = TestSchemas.diagnostics(TestSchemas.files(Self.app(usage: #"{"path": "\#(path)"}"#)))
            #expect(diagnostics.contains { $0.path == "usage.path" }, "\(path): \(diagnostics)")
        }
        let unknown = TestSchemas.diagnostics(TestSchemas.files(Self.app(usage: #"{"retention": 30}"#)))
        #expect(unknown.contains { $0.path == "usage.retention" }, "\(unknown)")
    }
}
