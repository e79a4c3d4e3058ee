import Testing

@testable import SchemaModel

/// `webhooks.events.<type>.target`: a per-record delivery target, parsed with its defaults and
/// every bad value reported at its path with a fix.
@Suite("webhooks.events.<type>.target of app.json")
struct WebhookTargetConfigTests {
    @Test("a target parses with its signature, schedule and body; an empty one takes hmac-sha256, 1/5/30 s, no jitter, the envelope")
    func parses() throws {
        let webhooks = #"""
            {"events": {
               "generation.completed": {"description": "A generation finished.",
                 "payload": {"description": "The generation.", "fields": {"generation_id": {"type": "string", "description": "Its id.", "required": true}}},
                 "target": {"signature": {"scheme": "hmac-sha256", "header": "X-Signature"}, "retrySchedule": [2, 10], "body": "flat"}},
               "training.completed": {"description": "A training finished.",
                 "payload": {"description": "The training.", "fields": {"training_id": {"type": "string", "description": "Its id.", "required": true}}},
                 "target": {}}}}
            """#
        let files = TestSchemas.files(WebhooksConfigTests.app(webhooks: webhooks))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        let events = try #require(loaded.schemas.apps.first?.config.webhooks?.events)
        let declared = try #require(events[0].target)
        #expect(declared.signature == WebhookSignatureConfig(scheme: .hmacSHA256, header: "X-Signature"))
        #expect(declared.retrySchedule == [2, 10] && declared.jitterPercent == 0 && declared.body == .flat)
        #expect(events[1].target == WebhookTargetConfig(), "defaults: \(String(describing: events[1].target))")
        #expect(WebhookTargetConfig().signature.header == "X-Webhook-Signature" && WebhookTargetConfig().retrySchedule == [1, 5, 30])
    }

    @Test("bad headers, schedules, jitter, flat bodies that clash or spread a table, and subscriptions naming a targeted type are reported")
    func invalid() {
        let webhooks = #"""
            {"tables": {"users": ["created"]},
             "events": {
               "job.done": {"description": "Done.",
                 "payload": {"description": "D.", "fields": {"event": {"type": "string", "description": "A clash."}}},
                 "target": {"signature": {"scheme": "hmac-sha256", "header": "bad header"}, "retrySchedule": [0, 5], "jitterPercent": 80, "body": "flat"}},
               "user.done": {"description": "Done.", "payload": {"description": "D.", "table": "users"}, "target": {"body": "flat"}}},
             "subscriptions": {"ops": {"description": "Ops.", "urlEnv": "OPS_URL", "secretEnv": "OPS_SECRET", "events": ["job.done"]}}}
            """#
        let result = TestSchemas.diagnostics(TestSchemas.files(WebhooksConfigTests.app(webhooks: webhooks)))
        let file = AuthConfigTests.appPath
        let target = "webhooks.events.job.done.target"
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: target + ".signature.header", contains: "X-Webhook-Signature")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: target + ".retrySchedule[0]", contains: "between 1 and")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: target + ".jitterPercent", contains: "between 0 and 50")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: target + ".body", contains: "rename the payload field \"event\"")
        expectDiagnostic(result, code: "invalid-webhook-setting", file: file, path: "webhooks.events.user.done.target.body", contains: "\"payload.fields\"")
        expectDiagnostic(result, code: "invalid-event-type", file: file, path: "webhooks.subscriptions.ops.events", contains: "never to subscriptions")
    }

    @Test("an unknown body shape is refused by the parser at its path, naming the shapes")
    func unknownBody() {
        let webhooks = #"""
            {"events": {"job.odd": {"description": "Odd.", "payload": {"description": "D.", "fields": {"a": {"type": "string", "description": "A."}}},
              "target": {"body": "inline"}}}}
            """#
        let result = TestSchemas.diagnostics(TestSchemas.files(WebhooksConfigTests.app(webhooks: webhooks)))
        #expect(result.contains { $0.path == "webhooks.events.job.odd.target.body" && $0.message.contains("envelope") }, "\(result)")
    }
}
