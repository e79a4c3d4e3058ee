import Testing

@testable import SchemaModel

/// The `webhooks` section of `app.json`: defaults, and every bad value reported at its path.
@Suite("webhooks of app.json")
struct WebhooksConfigTests {
    /// `app.json` of the fixture app with `webhooks` set to `webhooks`.
    static func app(webhooks: String) -> SchemaFile {
        TestSchemas.file(
            AuthConfigTests.appPath,
            #"{"name": "tasks", "title": "Tasks API", "version": "1.0.0", "description": "Tracks tasks.", "webhooks": "# + webhooks + "}")
    }

    @Test("a section naming table events parses with the documented defaults")
    func defaults() throws {
        let files = TestSchemas.files(Self.app(webhooks: #"{"tables": {"users": ["created", "deleted"]}}"#))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        let webhooks = try #require(loaded.schemas.apps.first?.config.webhooks)
        #expect(webhooks.eventTypes == ["users.created", "users.deleted"])
        #expect(webhooks.delivery == WebhookDeliveryConfig())
        #expect(webhooks.delivery.retrySchedule == [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000])
        #expect(webhooks.delivery.retentionDays == 30)
        #expect(webhooks.signature.scheme == .standardWebhooks)
        #expect(!webhooks.tenantScoped)
    }

    @Test("the outbox's retention is read from delivery.retentionDays, between 1 and 3650 days")
    func retention() throws {
        let files = TestSchemas.files(Self.app(webhooks: #"{"tables": {"users": ["created"]}, "delivery": {"retentionDays": 7}}"#))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        #expect(loaded.schemas.apps.first?.config.webhooks?.delivery.retentionDays == 7)
        let tooLong = TestSchemas.diagnostics(TestSchemas.files(Self.app(webhooks: #"{"tables": {"users": ["created"]}, "delivery": {"retentionDays": 3651}}"#)))
        expectDiagnostic(
            tooLong, code: "invalid-webhook-setting", file: AuthConfigTests.appPath, path: "webhooks.delivery.retentionDays", contains: "between 1 and 3650")
    }

    @Test("unknown tables, impossible events, bad numbers, tenancy without organizations and dead patterns are reported at their paths")
    func invalid() {
        let webhooks = #"""
            {"tenantScoped": true, "signature": {"scheme": "hmac-sha256", "header": "Bad Header"},
             "delivery": {"timeoutSeconds": 0, "jitterPercent": 90, "retrySchedule": [5, 0], "retentionDays": 0},
             "tables": {"usres": ["created"], "users": ["restored"]},
             "subscriptions": {"ops": {"description": "Ops.", "urlEnv": "OPS_URL", "secretEnv": "bad-name", "events": ["orders.*"]}}}
            """#
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.app(webhooks: webhooks)))
        let file = AuthConfigTests.appPath
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.tenantScoped", contains: "organizationRoles")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.signature.header", contains: "header name")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.delivery.timeoutSeconds", contains: "between 1 and 60")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.delivery.jitterPercent", contains: "between 0 and 50")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.delivery.retentionDays", contains: "between 1 and 3650")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.delivery.retrySchedule[1]", contains: "between 1")
        expectDiagnostic(result, code: "unknown-table", file: file, path: "webhooks.tables.usres", contains: "users")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.tables.users", contains: "never restored")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.subscriptions.ops.secretEnv", contains: "environment variable")
        expectDiagnostic(result, code: "invalid-event-type", file: file, path: "webhooks.subscriptions.ops.events[0]", contains: "matches no event type")
    }

    @Test("a management section needs auth, a literal path, a scope name, a grace period in range and no static name like a stored id")
    func management() {
        let webhooks = #"""
            {"tables": {"users": ["created"]},
             "subscriptions": {"whsub_ops": {"description": "Ops.", "urlEnv": "OPS_URL", "secretEnv": "OPS_SECRET", "events": ["*"]}},
             "management": {"path": "v1/hooks/{id}", "scope": "*", "maxRotationGraceSeconds": 5}}
            """#
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.app(webhooks: webhooks)))
        let file = AuthConfigTests.appPath
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.management", contains: "\"auth\" section")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.management.path", contains: "literal path")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.subscriptions.whsub_ops", contains: "stored through the API")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.management.scope", contains: "scope name")
        expectDiagnostic(
            result, code: "invalid-webhook-setting", file: file, path: "webhooks.management.maxRotationGraceSeconds", contains: "between 60")
        let missing = TestSchemas.diagnostics(TestSchemas.files(Self.app(webhooks: #"{"tables": {"users": ["created"]}, "management": {"path": "/v1/hooks"}}"#)))
        #expect(missing.contains { $0.path == "webhooks.management.scope" && $0.message.contains("missing required key") }, "\(missing)")
    }
}
