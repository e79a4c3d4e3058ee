import Foundation
import Generated
import Runtime
import Testing
import Webhooks

@testable import Server

extension WebhookServerSuites {
    /// Delivery across instances and restarts: events written while no instance delivers are sent
    /// once one starts; a dead instance's claim is taken over when its lease ends; two instances
    /// on one database make each delivery once.
    @Suite("Webhook deliveries across instances", .serialized)
    struct WebhookInstanceTests {
        @Test("events acknowledged while no instance delivers, and a dead instance's claims, are delivered once one runs")
        func deliveredAfterRestart() async throws {
            let clock = MovableClock()
            try await WebhookHarness.run(clock: clock.clock, instances: 0) { harness in
                for index in 0..<3 {
                    try await harness.app.create("/v1/projects", #"{"name": "P\#(index)", "owner_email": "ann@example.com"}"#)
                }
                // The deliveries are written after the commits, by the first delivery loop to run.
                #expect(try await harness.count("webhook_deliveries") == 0)
                // An instance wrote them, claimed the first delivery and died: its lease runs for another minute.
                #expect(try await harness.fanOut(at: clock.now) == 3)
                #expect(try await harness.fanOut(at: clock.now) == 0, "a message is fanned out once")
                let lease = WebhookClock.milliseconds(clock.now) + 60_000
                _ = try await harness.database.write([SQLStatement(
                    "UPDATE webhook_deliveries SET lease_owner = 'dead-instance', lease_until = \(lease) WHERE id = (SELECT MIN(id) FROM webhook_deliveries)")])
                let delivery = harness.startDelivery()
                let first = try await harness.receiver.waitFor(2)
                try await Task.sleep(for: .milliseconds(300))
                #expect(first.count == 2, "the claimed delivery waits for its lease")
                clock.advance(by: 61)
                let all = try await harness.receiver.waitFor(3)
                #expect(all.count == 3)
                #expect(Set(all.compactMap { $0.headers["webhook-id"] }).count == 3)
                try await harness.waitForDeliveries { $0.count == 3 && $0.allSatisfy { $0.status == "success" } }
                delivery.cancel()
                try await delivery.value
            }
        }

        @Test("a message names its static subscriptions: the fan-out writes the deliveries its writer chose, whoever runs it")
        func receiversChosenByTheWriter() async throws {
            let clock = MovableClock()
            try await WebhookHarness.run(clock: clock.clock, instances: 0) { harness in
                try await harness.app.create("/v1/projects", #"{"name": "P", "owner_email": "ann@example.com"}"#)
                let names = harness.module.subscriptions.map(\.name)
                let marks = try await harness.database.fetch(SQLStatement("SELECT fan_out FROM webhook_messages"))
                #expect(marks.map { $0.values[0] } == [.text("[" + names.map { "\"\($0)\"" }.joined(separator: ",") + "]")])
                // Written by an instance running one more subscription (a rolling deploy adding it),
                // and a mark edited by hand into something else than a list of names.
                let at = WebhookClock.milliseconds(clock.now)
                _ = try await harness.database.write([
                    SQLStatement(
                        PlaceholderSequence.render(
                            "INSERT INTO webhook_messages (id, event_type, organization_id, payload, created_at, fan_out) VALUES ('msg_newer', 'projects.created', NULL, '{}', \(at + 1), ?)",
                            for: harness.database.dialect),
                        [.text(#"["zz.added", "\#(names[0])"]"#)]),
                    SQLStatement(
                        "INSERT INTO webhook_messages (id, event_type, organization_id, payload, created_at, fan_out) VALUES ('msg_edited', 'projects.created', NULL, '{}', \(at + 2), 'not a list')"),
                ])
                #expect(try await harness.fanOut(at: clock.now) == 3)
                let deliveries = try await harness.database.fetch(SQLStatement(
                    "SELECT message_id, subscription, id FROM webhook_deliveries ORDER BY subscription, message_id"))
                let written = deliveries.map { row -> String in
                    guard case .text(let message) = row.values[0], case .text(let subscription) = row.values[1], case .text(let id) = row.values[2] else { return "?" }
                    #expect(id == message + ":" + subscription)
                    return message == "msg_newer" ? "newer -> \(subscription)" : "first -> \(subscription)"
                }
                #expect(written.sorted() == (names.map { "first -> \($0)" } + ["newer -> \(names[0])", "newer -> zz.added"]).sorted())
                let marked = try await harness.database.fetch(SQLStatement("SELECT COUNT(*) FROM webhook_messages WHERE fan_out IS NOT NULL"))
                #expect(marked.first?.values[0] == .integer(0), "every mark cleared, the unreadable one too")
            }
        }

        @Test("two instances on one database deliver 200 events, each exactly once")
        func twoInstances() async throws {
            try await WebhookHarness.run(instances: 2) { harness in
                for batch in 0..<2 {
                    let operations = (0..<100).map { #"{"action": "create", "data": {"name": "B\#(batch)-\#($0)", "owner_email": "b@example.com"}}"# }
                    let reply = try await harness.app.request(.post, "/v1/projects/batch", json: #"{"operations": [\#(operations.joined(separator: ","))]}"#)
                    #expect(reply.status == .ok, "\(reply.text)")
                }
                try await harness.waitForDeliveries { $0.count == 200 && $0.allSatisfy { $0.status == "success" } }
                let received = await harness.receiver.received()
                #expect(received.count == 200, "no delivery made twice")
                #expect(Set(received.compactMap { $0.headers["webhook-id"] }).count == 200)
            }
        }
    }
}
