import Foundation
import Generated
import Runtime
import SchemaModel
import Testing
import Webhooks

@testable import Server

extension WebhookServerSuites {
    /// The outbox and the delivery service end to end, on the suite's engine: events written in
    /// the change's transaction, delivered signed to a receiver on 127.0.0.1, retried on the
    /// schedule, cut off at the time-out, and a `410 Gone` disabling the subscription.
    @Suite("Webhook deliveries", .serialized)
    struct WebhookDeliveryTests {
        static let project = #"{"name": "Hooks", "owner_email": "ann@example.com"}"#

        @Test("committed changes are delivered signed, with the documented payload; a rolled-back change has no event")
        func delivered() async throws {
            try await WebhookHarness.run { harness in
                let app = harness.app
                let project = try await app.create("/v1/projects", Self.project)
                let id = try #require(project["id"] as? String)
                try await app.request(.patch, "/v1/projects/\(id)", json: #"{"status": "paused"}"#)
                // The second item fails: the whole batch, and the first item's event, roll back.
                let batch = try await app.request(.post, "/v1/projects/batch", json: #"{"operations": [{"action": "create", "data": {"name": "B", "owner_email": "b@example.com"}}, {"action": "update", "id": "00000000-0000-4000-8000-000000000000", "data": {"status": "archived"}}]}"#)
                #expect(batch.status.code >= 400)
                #expect(try await app.request(.delete, "/v1/projects/\(id)").status == .noContent)
                let received = try await harness.receiver.waitFor(3)
                #expect(received.count == 3)
                try await harness.waitForDeliveries { $0.count == 3 && $0.allSatisfy { $0.status == "success" } }
                #expect(try await harness.count("webhook_messages") == 3, "no event of the rolled-back batch")
                // Deliveries run concurrently, so they may arrive in any order; each names its type.
                var byType: [String: [String: Any]] = [:]
                for request in received {
                    let payload = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
                    let type = try #require(payload["type"] as? String)
                    byType[type] = payload
                    #expect(harness.verifies(request), "a valid Standard Webhooks signature")
                    #expect(try harness.payloadViolations(request.body, type: type) == [], "\(type) matches the document")
                    #expect(payload["id"] as? String == request.headers["webhook-id"])
                    #expect(payload["organization_id"] as? String == "org-a", "tenant-scoped: the caller's organization")
                    #expect((payload["data"] as? [String: Any])?["id"] as? String == id)
                }
                #expect(byType.keys.sorted() == ["projects.created", "projects.deleted", "projects.updated"])
                let update = try #require(byType["projects.updated"])
                #expect((update["previous"] as? [String: Any])?["status"] as? String == "active")
                #expect((update["data"] as? [String: Any])?["status"] as? String == "paused")
            }
        }

        @Test("while clients are served a loop sends a round per pause; the events left wait in the outbox and go out when it is quiet")
        func yieldsToClients() async throws {
            let load = RequestLoad()
            load.enter()
            try await WebhookHarness.run(instances: 0, requestLoad: load, busyPause: .seconds(600)) { harness in
                let events = 40
                for index in 0..<events {
                    try await harness.app.create("/v1/projects", #"{"name": "P\#(index)", "owner_email": "p\#(index)@example.com"}"#)
                }
                let busy = harness.startDelivery()
                let first = try await harness.receiver.waitFor(1)
                // One round went out; the loop now pauses (600 s) while the load lasts.
                try await Task.sleep(for: .milliseconds(500))
                let sent = await harness.receiver.received().count
                #expect(sent >= first.count && sent < events, "one round of at most the claim limit, not all \(events)")
                // Only that round's events were fanned out too: the others are still marked.
                let marked = try await harness.database.fetch(SQLStatement("SELECT COUNT(*) FROM webhook_messages WHERE fan_out IS NOT NULL"))
                #expect(marked.first?.values == [.integer(Int64(events - sent))], "\(events - sent) of \(events) left to fan out")
                busy.cancel()
                _ = try? await busy.value
                load.leave()
                // Nothing was lost: a loop on a quiet server sends the rest at once.
                let quiet = harness.startDelivery()
                try await harness.waitForDeliveries { $0.count == events && $0.allSatisfy { $0.status == "success" } }
                quiet.cancel()
                _ = try? await quiet.value
                #expect(Set(await harness.receiver.received().compactMap { $0.headers["webhook-id"] }).count == events)
            }
        }

        @Test("failed attempts are retried on the schedule, Retry-After is honoured, and the third attempt succeeds")
        func retried() async throws {
            let clock = MovableClock()
            let script = [WebhookReceiver.Answer(status: 503, retryAfter: "120"), WebhookReceiver.Answer(status: 500)]
            try await WebhookHarness.run(script: script, clock: clock.clock) { harness in
                let start = WebhookClock.milliseconds(clock.now)
                try await harness.app.create("/v1/projects", Self.project)
                try await harness.waitForDeliveries { $0.first?.attempts == 1 }
                let first = try #require(try await harness.deliveries().first)
                #expect(first.status == "pending" && first.lastStatus == 503)
                #expect(first.next == start + 120_000, "Retry-After: 120 replaces the scheduled 5 s")
                clock.advance(by: 60)
                try await Task.sleep(for: .milliseconds(300))
                #expect(await harness.receiver.received().count == 1, "nothing is sent before the retry is due")
                clock.advance(by: 61)
                try await harness.waitForDeliveries { $0.first?.attempts == 2 }
                let second = try #require(try await harness.deliveries().first)
                let due = second.next - WebhookClock.milliseconds(clock.now)
                #expect(second.status == "pending" && second.lastStatus == 500)
                #expect(due >= 240_000 && due <= 360_000, "the second retry waits 5 min ± 20 %: \(due) ms")
                clock.advance(by: 361)
                try await harness.waitForDeliveries { $0.first?.status == "success" }
                let requests = await harness.receiver.received()
                #expect(requests.count == 3)
                #expect(Set(requests.compactMap { $0.headers["webhook-id"] }).count == 1, "every retry carries the same message id")
                #expect(try await harness.count("webhook_attempts") == 3)
                #expect(try await harness.count("webhook_failure_streaks") == 0, "the success ended the failure streak")
            }
        }

        @Test("a subscription whose every attempt failed for disableAfterFailingHours is disabled, audited in the same transaction")
        func failingTooLong() async throws {
            let clock = MovableClock()
            let delivery = WebhookSettings.Delivery(
                timeoutSeconds: 5, connectTimeoutSeconds: 5, retrySchedule: [3_600, 3_600, 3_600], jitterPercent: 0, maxConcurrencyPerEndpoint: 4,
                disableAfterFailingHours: 2)
            let script = Array(repeating: WebhookReceiver.Answer(status: 500), count: 4)
            try await WebhookHarness.run(settings: Tracker.webhooks.with(delivery: delivery), script: script, clock: clock.clock, instances: 0) { harness in
                let service = harness.module.service(database: harness.database, audited: true)
                let running = Task { try await service.run() }
                defer { running.cancel() }
                try await harness.app.create("/v1/projects", Self.project)
                try await harness.waitForDeliveries { $0.first?.attempts == 1 }
                clock.advance(by: 3_601)
                try await harness.waitForDeliveries { $0.first?.attempts == 2 }
                #expect(try await harness.count("webhook_subscription_states") == 0, "failing for 1 h is not yet 2 h")
                clock.advance(by: 3_601)
                try await harness.waitForDeliveries { $0.first?.status == "failed" }
                #expect(try await harness.count("webhook_subscription_states") == 1)
                let audit = try await harness.database.fetch(SQLStatement(
                    "SELECT action, actor, credential, resource_id, organization_id, occurred_at FROM audit_events WHERE resource = 'webhook_subscriptions'"))
                #expect(audit.count == 1)
                let values = try #require(audit.first?.values)
                #expect(values[0] == .text("disabled"))
                #expect(values[1] == .text("webhook-delivery") && values[2] == .text("system:webhook-delivery"), "the delivery worker acted, not a caller")
                #expect(values[3] == .text("operations"), "the static subscription's name")
                #expect(values[4] == .null, "a static subscription belongs to no organization")
                #expect(values[5] == .integer(WebhookClock.milliseconds(clock.now)), "recorded at the controllable clock's time")
                try await harness.app.create("/v1/projects", #"{"name": "Later", "owner_email": "ann@example.com"}"#)
                try await harness.waitForDeliveries { $0.count == 2 && $0.allSatisfy { $0.status == "failed" } }
                #expect(await harness.receiver.received().count == 3, "the disabled subscription receives nothing more")
            }
        }

        @Test("a receiver answering 410 Gone disables the subscription: nothing more is sent to it")
        func gone() async throws {
            try await WebhookHarness.run(script: [WebhookReceiver.Answer(status: 410)]) { harness in
                try await harness.app.create("/v1/projects", Self.project)
                try await harness.waitForDeliveries { $0.first?.status == "failed" }
                try await harness.app.create("/v1/projects", #"{"name": "Later", "owner_email": "ann@example.com"}"#)
                try await harness.waitForDeliveries { $0.count == 2 && $0.allSatisfy { $0.status == "failed" } }
                #expect(await harness.receiver.received().count == 1, "the disabled subscription receives nothing more")
                #expect(try await harness.count("webhook_subscription_states") == 1)
            }
        }

        @Test("a receiver that hangs is cut off at the time-out and the delivery is retried later")
        func timeout() async throws {
            let delivery = WebhookSettings.Delivery(
                timeoutSeconds: 1, connectTimeoutSeconds: 1, retrySchedule: [5], jitterPercent: 0, maxConcurrencyPerEndpoint: 4)
            let settings = Tracker.webhooks.with(delivery: delivery)
            try await WebhookHarness.run(settings: settings, script: [WebhookReceiver.Answer(delay: .seconds(10))]) { harness in
                let started = ContinuousClock.now
                try await harness.app.create("/v1/projects", Self.project)
                try await harness.waitForDeliveries { $0.first?.attempts == 1 }
                #expect(ContinuousClock.now - started < .seconds(5), "cut off at 1 s, not after the receiver's 10 s")
                let first = try #require(try await harness.deliveries().first)
                #expect(first.status == "pending" && first.lastStatus == nil)
            }
        }
    }

    /// Interop with the reference implementation.
    @Suite("Webhook interop")
    struct WebhookInteropTests {
        @Test("the Python standardwebhooks package verifies our deliveries", .enabled(if: StandardWebhooksInterop.available))
        func pythonVerifies() async throws {
            try await WebhookHarness.run { harness in
                try await harness.app.create("/v1/projects", WebhookServerSuites.WebhookDeliveryTests.project)
                let request = try #require(try await harness.receiver.waitFor(1).first)
                let result = try StandardWebhooksInterop.verify(secret: harness.secret.text, headers: request.headers, body: request.body)
                #expect(result.verified, "standardwebhooks refused the delivery: \(result.output)")
                var tampered = request.body
                tampered[tampered.count - 2] ^= 1
                let refused = try StandardWebhooksInterop.verify(secret: harness.secret.text, headers: request.headers, body: tampered)
                #expect(!refused.verified, "a changed body must not verify")
            }
        }
    }
}
