import Foundation
import Runtime
import Testing

@testable import Webhooks

extension WebhookServerSuites {
    /// The outbox's retention (`webhooks.delivery.retentionDays`): finished messages go with their
    /// deliveries and attempts once old enough; anything still owed stays.
    @Suite("Webhook outbox retention", .serialized)
    struct WebhookRetentionTests {
        @Test("past the retention a finished message goes with its deliveries and attempts; a pending or unfanned one stays")
        func finishedMessagesPurged() async throws {
            let clock = MovableClock()
            try await WebhookHarness.run(clock: clock.clock, instances: 0) { harness in
                let database = harness.database
                for index in 0..<2 {
                    try await harness.app.create("/v1/projects", #"{"name": "Old \#(index)", "owner_email": "ann@example.com"}"#)
                }
                #expect(try await harness.fanOut(at: clock.now) == 2)
                // The first delivered (one attempt logged), the second still pending.
                let first = try await Self.deliveryIDs(database).first!
                _ = try await database.write([
                    SQLStatement(
                        PlaceholderSequence.render("UPDATE webhook_deliveries SET status = 'success', attempts = 1 WHERE id = ?", for: database.dialect),
                        [.text(first)]),
                    SQLStatement(
                        PlaceholderSequence.render(
                            "INSERT INTO webhook_attempts (id, delivery_id, attempted_at, response_status, duration_ms) VALUES ('att_1', ?, 1, 200, 3)",
                            for: database.dialect),
                        [.text(first)]),
                ])
                // A third written but not fanned out yet: its static deliveries are still owed.
                try await harness.app.create("/v1/projects", #"{"name": "Old 2", "owner_email": "ann@example.com"}"#)
                clock.advance(by: 31 * 86_400)
                try await harness.app.create("/v1/projects", #"{"name": "New", "owner_email": "ann@example.com"}"#)
                let purge = OutboxPurge(database: database, retentionDays: 30, clock: clock.clock)
                #expect(try await purge.purge() == 1, "only the delivered message is finished")
                #expect(try await harness.count("webhook_messages") == 3)
                #expect(try await Self.deliveryIDs(database).count == 1, "the delivered message's delivery went with it")
                #expect(try await harness.count("webhook_attempts") == 0, "and its attempt")
                #expect(try await purge.purge() == 0, "nothing else is finished")

                // The pending one fails for good; the unfanned one is fanned out and delivered:
                // both old and finished now, and a batch of one takes them in two statements.
                _ = try await database.write([SQLStatement("UPDATE webhook_deliveries SET status = 'failed'")])
                #expect(try await harness.fanOut(at: clock.now) == 2)
                _ = try await database.write([SQLStatement(
                    "UPDATE webhook_deliveries SET status = 'success' WHERE message_id NOT IN (SELECT id FROM webhook_messages WHERE created_at >= \(WebhookClock.milliseconds(clock.now)))")])
                var batched = purge
                batched.batchSize = 1
                #expect(try await batched.purge() == 2)
                #expect(try await harness.count("webhook_messages") == 1, "the message within the retention stays")
                #expect(try await Self.deliveryIDs(database).count == 1)
            }
        }

        @Test("the cutoff as a time-ordered id prefix: 12 hex digits of the milliseconds")
        func cutoffPrefix() {
            #expect(OutboxPurge.hex12(0x0193_3b0e_6f2a) == "01933b0e6f2a")
            #expect(OutboxPurge.hex12(255) == "0000000000ff")
            #expect(EventPayload.newMessageID(at: 0x0193_3b0e_6f2a).hasPrefix("msg_01933b0e6f2a"))
        }

        static func deliveryIDs(_ database: any DatabaseClient) async throws -> [String] {
            try await database.fetch(SQLStatement("SELECT id FROM webhook_deliveries ORDER BY id")).compactMap { row in
                guard case .text(let id) = row.values[0] else { return nil }
                return id
            }
        }
    }
}
