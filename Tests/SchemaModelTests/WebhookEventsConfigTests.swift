import Testing

@testable import SchemaModel

/// `webhooks.events`: custom event types that handlers emit, parsed in order and every bad one
/// reported at its path with a fix.
@Suite("webhooks.events of app.json")
struct WebhookEventsConfigTests {
    @Test("custom events parse in order after the table events; a fields payload and a table payload")
    func parses() throws {
        let webhooks = #"""
            {"tables": {"users": ["created"]},
             "events": {
               "generation.completed": {"description": "A generation finished.",
                 "payload": {"description": "The generation.", "fields": {"generation_id": {"type": "uuid", "description": "Its id.", "required": true}}}},
               "user.welcomed": {"description": "A user was welcomed.", "payload": {"description": "The user.", "table": "users"}}}}
            """#
        let files = TestSchemas.files(WebhooksConfigTests.app(webhooks: webhooks))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        let config = try #require(loaded.schemas.apps.first?.config.webhooks)
        #expect(config.eventTypes == ["users.created", "generation.completed", "user.welcomed"])
        #expect(config.events.map(\.swiftName) == ["GenerationCompleted", "UserWelcomed"])
        #expect(config.events[0].payload.fields.map(\.name) == ["generation_id"])
        #expect(config.events[1].payload.table == "users")
    }

    @Test("bad names, table event clashes, the reserved prefix, Swift name clashes, unknown tables and empty payloads are reported at their paths")
    func invalid() {
        let webhooks = #"""
            {"tables": {"users": ["created"]},
             "events": {
               "Generation": {"description": "Bad name.", "payload": {"description": "D.", "fields": {"a": {"type": "string", "description": "A."}}}},
               "users.deleted": {"description": "Clash.", "payload": {"description": "D.", "fields": {"a": {"type": "string", "description": "A."}}}},
               "webhook.pinged": {"description": "Reserved.", "payload": {"description": "D.", "fields": {"a": {"type": "string", "description": "A."}}}},
               "a.b_c": {"description": "One.", "payload": {"description": "D.", "fields": {"a": {"type": "string", "description": "A."}}}},
               "a_b.c": {"description": "Two.", "payload": {"description": "D.", "fields": {"a": {"type": "string", "description": "A."}}}},
               "user.moved": {"description": "Unknown table.", "payload": {"description": "D.", "table": "usres"}},
               "user.empty": {"description": "Nothing.", "payload": {"description": "D."}}}}
            """#
        let result = TestSchemas.diagnostics(TestSchemas.files(WebhooksConfigTests.app(webhooks: webhooks)))
        let file = AuthConfigTests.appPath
        expectDiagnostic(result, code: "invalid-event-type", file: file, path: "webhooks.events.Generation", contains: "generation.completed")
        expectDiagnostic(result, code: "invalid-event-type", file: file, path: "webhooks.events.users.deleted", contains: "table event type of table \"users\"")
        expectDiagnostic(result, code: "invalid-event-type", file: file, path: "webhooks.events.webhook.pinged", contains: "keeps for its own events")
        expectDiagnostic(result, code: "invalid-event-type", file: file, path: "webhooks.events.a_b.c", contains: "Swift type ABC")
        expectDiagnostic(result, code: "unknown-table", file: file, path: "webhooks.events.user.moved.payload.table", contains: "users")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.events.user.empty.payload", contains: "\"fields\"")
    }

    @Test("a payload's fields are read and checked as a request body's")
    func fields() {
        let webhooks = #"""
            {"events": {"user.typo": {"description": "Bad field.", "payload": {"description": "D.", "fields": {"a": {"type": "strng", "description": "A."}}}}}}
            """#
        let result = TestSchemas.diagnostics(TestSchemas.files(WebhooksConfigTests.app(webhooks: webhooks)))
        #expect(result.contains { $0.path == "webhooks.events.user.typo.payload.fields.a.type" && $0.message.contains("did you mean \"string\"") })
    }

    @Test("subscription patterns may name custom events; the server's test type prefix stays reserved")
    func patterns() {
        let webhooks = #"""
            {"events": {"generation.completed": {"description": "Done.", "payload": {"description": "D.", "fields": {"a": {"type": "string", "description": "A."}}}}},
             "subscriptions": {"ops": {"description": "Ops.", "urlEnv": "OPS_URL", "secretEnv": "OPS_SECRET", "events": ["generation.*"]}}}
            """#
        let files = TestSchemas.files(WebhooksConfigTests.app(webhooks: webhooks))
        guard case .success = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        #expect(WebhookRules.reservedEventPrefix == "webhook.")
    }
}
