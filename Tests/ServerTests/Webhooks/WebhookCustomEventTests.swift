import Foundation
import Generated
import Runtime
import Testing
import Webhooks

@testable import Server

/// A type no app declares, built outside the generated structs.
private struct UndeclaredEvent: CustomEvent {
    static let eventType = "project.teleported"
    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.endObject()
    }
}

/// Fails a plan after its event statements ran.
private struct LaterFailure: Error {}

extension WebhookServerSuites {
    /// Custom events (`webhooks.events`): the tracker's `copy_project` handler emits
    /// `project.copied` in the copy's transaction.
    @Suite("Webhook custom events", .serialized)
    struct WebhookCustomEventTests {
        static let project = #"{"name": "Original", "owner_email": "ann@example.com"}"#
        /// The identity `TestCaller.standard` authenticates as.
        static let caller = Identity(subject: "user-1", kind: "user", scopes: ["*"], userID: "user-1", organizationID: "org-a")

        @Test("a handler's custom event is delivered signed, tenant-scoped, with the payload the document declares")
        func delivered() async throws {
            try await WebhookHarness.run { harness in
                let source = try await harness.app.create("/v1/projects", Self.project)
                let sourceID = try #require(source["id"] as? String)
                let copy = try await harness.app.request(.post, "/v1/projects/\(sourceID)/copy", json: #"{"name": "Copy"}"#)
                #expect(copy.status == .created, "\(copy.text)")
                let copyID = try #require(copy.object["project_id"] as? String)
                let received = try await harness.receiver.waitFor(3)
                let copied = try #require(received.first { $0.headers["webhook-id"] != nil && String(decoding: $0.body, as: UTF8.self).contains("\"project.copied\"") })
                #expect(harness.verifies(copied), "a valid Standard Webhooks signature")
                #expect(try harness.payloadViolations(copied.body, type: "project.copied") == [], "the payload matches the document")
                let payload = try #require(try JSONSerialization.jsonObject(with: Data(copied.body)) as? [String: Any])
                #expect(payload["type"] as? String == "project.copied")
                #expect(payload["id"] as? String == copied.headers["webhook-id"])
                #expect(payload["organization_id"] as? String == "org-a", "the emitting caller's organization")
                let data = try #require(payload["data"] as? [String: Any])
                #expect(data["source_project_id"] as? String == sourceID)
                #expect(data["project_id"] as? String == copyID)
                #expect(data["name"] as? String == "Copy")
                if StandardWebhooksInterop.available {
                    let result = try StandardWebhooksInterop.verify(secret: harness.secret.text, headers: copied.headers, body: copied.body)
                    #expect(result.verified, "the standardwebhooks package verifies it: \(result.output)")
                }
                try await harness.waitForDeliveries { $0.count == 3 && $0.allSatisfy { $0.status == "success" } }
            }
        }

        @Test("a copy that fails (a duplicate name: 409) leaves no event; nor does a plan that fails after its event statements ran")
        func rolledBack() async throws {
            try await WebhookHarness.run(instances: 0) { harness in
                let source = try await harness.app.create("/v1/projects", Self.project)
                let sourceID = try #require(source["id"] as? String)
                let duplicate = try await harness.app.request(.post, "/v1/projects/\(sourceID)/copy", json: #"{"name": "Original"}"#)
                #expect(duplicate.status == .conflict, "\(duplicate.text)")
                #expect(try await harness.count("webhook_messages") == 1, "only projects.created of the original")

                let context = HandlerContext(
                    database: harness.database, requestID: "req-1", identity: Self.caller, logger: TestDatabase.logger,
                    hooks: WriteHooks([harness.module.hook]))
                let projects = try context.store(Tracker.Projects.Record.self)
                let id = UUID()
                var plan = try context.emit(Tracker.Events.ProjectCopied(sourceProjectId: id, projectId: id, name: "Late"))
                #expect(!plan.isEmpty, "the event has statements: a static subscription receives every type")
                plan.derive { _ in throw LaterFailure() }
                await #expect(throws: LaterFailure.self) {
                    try await projects.create(.init(name: "Late", ownerEmail: "ann@example.com"), key: id, alongside: plan)
                }
                #expect(try await harness.count("webhook_messages") == 1, "the emitted event rolled back with its write")
                // No delivery loop runs: the original's delivery is still to be written by one.
                #expect(try await harness.count("webhook_deliveries") == 0)
                #expect(try await harness.fanOut(at: Date()) == 1)
                #expect(try await harness.count("webhook_deliveries") == 1)
                #expect(try await projects.find(id) == nil)
            }
        }

        @Test("an event type the app does not declare fails the write instead of reaching a subscriber")
        func undeclared() async throws {
            try await WebhookHarness.run(instances: 0) { harness in
                let context = HandlerContext(
                    database: harness.database, requestID: "req-2", identity: Self.caller, logger: TestDatabase.logger,
                    hooks: WriteHooks([harness.module.hook]))
                var refused: WebhookEventError?
                do {
                    _ = try context.emit(UndeclaredEvent())
                } catch let error as WebhookEventError {
                    refused = error
                }
                #expect(refused?.type == "project.teleported", "the undeclared type is refused")
                let messages = try await harness.count("webhook_messages")
                #expect(messages == 0)
            }
        }

        @Test("the OpenAPI document lists the custom type and its data next to the table events")
        func documented() throws {
            let document = try DocumentedAPI(text: Tracker.openAPIDocument)
            let webhooks = try #require(document.root["webhooks"])
            let schema = try #require(webhooks["project.copied"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"])
            #expect(schema["properties"]?["data"]?["required"] != nil)
            #expect(webhooks["projects.created"] != nil)
            #expect(Tracker.webhooks.allEventTypes.last == "project.copied")
            let patterns = try #require(Tracker.webhooks.contractOptions(naming: .snakeCase)).eventTypes
            #expect(patterns.contains("project.copied"))
        }
    }
}

extension WebhookServerSuites {
    /// Custom types through the management API: patterns accept them, unknown types are refused.
    @Suite("Webhook management of custom events", .serialized)
    struct WebhookManagementCustomEvents {
        @Test("a stored subscription to project.* receives project.copied of its organization only; an undeclared type is 422")
        func subscribed() async throws {
            try await ManagementHarness.run { harness in
                let refused = try await harness.app.request(
                    .post, ManagementHarness.path,
                    json: #"{"url": "\#(harness.receiver.url)", "event_types": ["project.moved"]}"#)
                #expect(refused.status.code == 422, "\(refused.text)")
                #expect(refused.text.contains("event_types"))
                let (_, secret) = try await harness.subscribe(["project.*"])
                let source = try await harness.app.create("/v1/projects", WebhookCustomEventTests.project)
                let sourceID = try #require(source["id"] as? String)
                #expect(try await harness.app.request(.post, "/v1/projects/\(sourceID)/copy", json: #"{"name": "Copy A"}"#).status == .created)
                let other = try await harness.app.as(.organization("org-b", scopes: ["*"])).create(
                    "/v1/projects", #"{"name": "Other", "owner_email": "bob@example.com"}"#)
                let otherID = try #require(other["id"] as? String)
                #expect(
                    try await harness.app.as(.organization("org-b", scopes: ["*"])).request(
                        .post, "/v1/projects/\(otherID)/copy", json: #"{"name": "Copy B"}"#).status == .created)
                let received = try await harness.receiver.waitFor(1)
                try await Task.sleep(for: .milliseconds(500))
                let all = await harness.receiver.received()
                #expect(all.count == 1, "only org-a's project.copied: no table events, nothing of org-b")
                let request = try #require(received.first)
                #expect(try ManagementHarness.verifies(request, secret: secret))
                let payload = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
                #expect(payload["type"] as? String == "project.copied")
                #expect((payload["data"] as? [String: Any])?["name"] as? String == "Copy A")
            }
        }
    }
}
