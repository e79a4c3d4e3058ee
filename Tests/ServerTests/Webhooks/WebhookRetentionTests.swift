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
                // both old and finished now, and batches of one take them one at a time.
                _ = try await database.write([SQLStatement("UPDATE webhook_deliveries SET status = 'failed'")])
                #expect(try await harness.fanOut(at: clock.now) == 2)
                _ = try await database.write([SQLStatement(
                    """
                    UPDATE webhook_deliveries SET status = 'success' WHERE status = 'pending' AND message_id NOT IN \
                    (SELECT id FROM webhook_messages WHERE created_at >= \(WebhookClock.milliseconds(clock.now)))
                    """)])
                #expect(try await Self.statuses(database) == ["failed", "pending", "success"], "one failed for good, one delivered, the new one pending")
                var batched = purge
                (batched.batchSize, batched.pause) = (1, .zero)
                #expect(try await batched.purge() == 2)
                #expect(try await harness.count("webhook_messages") == 1, "the message within the retention stays")
                #expect(try await Self.deliveryIDs(database).count == 1)
            }
        }

        @Test("messages are chosen by their time, not by their id: an id that is not time-ordered (written before ids were) goes too")
        func oldIdentifiers() async throws {
            let clock = MovableClock()
            try await WebhookHarness.run(clock: clock.clock, instances: 0) { harness in
                let database = harness.database
                let old = WebhookClock.milliseconds(clock.now) - 40 * 86_400_000
                for (id, status) in [("msg_ffffffffffff7000800000000000000a", "failed"), ("msg_0000000000007000800000000000000b", "pending")] {
                    _ = try await database.write([
                        SQLStatement(
                            PlaceholderSequence.render(
                                "INSERT INTO webhook_messages (id, event_type, organization_id, payload, created_at) VALUES (?, 'projects.created', NULL, '{}', ?)",
                                for: database.dialect),
                            [.text(id), .integer(old)]),
                        SQLStatement(
                            PlaceholderSequence.render(
                                "INSERT INTO webhook_deliveries (id, message_id, subscription, status, attempts, next_attempt_at, updated_at) VALUES (?, ?, 'tracker.main', ?, 1, 1, 1)",
                                for: database.dialect),
                            [.text(id + ":tracker.main"), .text(id), .text(status)]),
                    ])
                }
                let purge = OutboxPurge(database: database, retentionDays: harness.module.settings.delivery.retentionDays, clock: clock.clock)
                #expect(try await purge.purge() == 1)
                #expect(try await Self.deliveryIDs(database) == ["msg_0000000000007000800000000000000b:tracker.main"], "the pending one stays")
            }
        }

        static func statuses(_ database: any DatabaseClient) async throws -> [String] {
            try await database.fetch(SQLStatement("SELECT status FROM webhook_deliveries ORDER BY status")).compactMap { row in
                guard case .text(let status) = row.values[0] else { return nil }
                return status
            }
        }

        static func deliveryIDs(_ database: any DatabaseClient) async throws -> [String] {
            try await database.fetch(SQLStatement("SELECT id FROM webhook_deliveries ORDER BY id")).compactMap { row in
                guard case .text(let id) = row.values[0] else { return nil }
                return id
            }
        }
    }
}
