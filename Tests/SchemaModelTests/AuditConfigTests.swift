import Testing

@testable import SchemaModel

/// The `audit` section of `app.json`: defaults, the `auth` it needs, and bad numbers reported at
/// their paths.
@Suite("audit of app.json")
struct AuditConfigTests {
    /// `app.json` of the fixture app with `audit` set to `audit`, with or without the minimal `auth`.
    static func app(audit: String, auth: Bool = true) -> SchemaFile {
        let authMember = auth ? #", "auth": "# + AuthConfigTests.minimal : ""
        return TestSchemas.file(
            AuthConfigTests.appPath,
            #"{"name": "tasks", "title": "Tasks API", "version": "1.0.0", "description": "Tracks tasks.", "audit": "# + audit
                + authMember + "}")
    }

    @Test("an empty section keeps 90 days and purges hourly")
    func defaults() throws {
        let files = TestSchemas.files(Self.app(audit: "{}"))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        let audit = try #require(loaded.schemas.apps.first?.config.audit)
        #expect(audit == AuditConfig(retentionDays: 90, purgeIntervalSeconds: 3600))
    }

    @Test("a trail without auth, bad numbers and unknown keys are reported at their paths")
    func invalid() {
        let file = AuthConfigTests.appPath
        let withoutAuth = TestSchemas.diagnostics(TestSchemas.files(Self.app(audit: "{}", auth: false)))
        expectDiagnostic(withoutAuth, code: "invalid-audit-setting", file: file, path: "audit", contains: "auth")
        let numbers = TestSchemas.diagnostics(TestSchemas.files(Self.app(audit: #"{"retentionDays": 0, "purgeIntervalSeconds": 100000}"#)))
        expectDiagnostic(numbers, code: "invalid-audit-setting", file: file, path: "audit.retentionDays", contains: "1 to 3650")
        expectDiagnostic(numbers, code: "invalid-audit-setting", file: file, path: "audit.purgeIntervalSeconds", contains: "1 to 86400")
        let unknown = TestSchemas.diagnostics(TestSchemas.files(Self.app(audit: #"{"retention": 30}"#)))
        #expect(unknown.contains { $0.path == "audit.retention" }, "\(unknown)")
    }
}

/// The `accessLog` section of `app.json`.
@Suite("accessLog of app.json")
struct AccessLogConfigTests {
    static func app(_ accessLog: String) -> SchemaFile {
        TestSchemas.file(
            AuthConfigTests.appPath,
            #"{"name": "tasks", "title": "Tasks API", "version": "1.0.0", "description": "Tracks tasks.", "accessLog": "# + accessLog + "}")
    }

    @Test("an empty section writes JSON; text is chosen by name; another format is refused at its path")
    func formats() throws {
        for (section, format) in [("{}", AccessLogConfig.Format.json), (#"{"format": "text"}"#, .text)] {
            let files = TestSchemas.files(Self.app(section))
            guard case .success(let loaded) = SchemaPipeline.load(files) else {
                Issue.record("refused: \(TestSchemas.diagnostics(files))")
                continue
            }
            #expect(loaded.schemas.apps.first?.config.accessLog == AccessLogConfig(format: format))
        }
        let refused = TestSchemas.diagnostics(TestSchemas.files(Self.app(#"{"format": "xml"}"#)))
        #expect(refused.contains { $0.path == "accessLog.format" }, "\(refused)")
    }
}
