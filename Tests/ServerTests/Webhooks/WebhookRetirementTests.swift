import Foundation
import Generated
import Runtime
import Testing

@testable import Webhooks

extension WebhookServerSuites {
    /// `loom-server webhooks retire`: the pending deliveries of a static subscription removed
    /// from the configuration, which no loop will ever claim, are failed so their messages can
    /// be purged; a name the app still delivers to is refused.
    @Suite("Webhook subscription retirement", .serialized)
    struct WebhookRetirementTests {
        @Test("a removed subscription's pending deliveries, marked ones included, fail with the reason, and their messages are purged after the retention")
        func removedSubscriptionSettled() async throws {
            let clock = MovableClock()
            try await WebhookHarness.run(clock: clock.clock, instances: 0) { harness in
                let database = harness.database
                let now = WebhookClock.milliseconds(clock.now)
                // One message with a pending delivery to "gone", one still marked for it (not
                // fanned out yet), one for the configured subscription only.
                try await Self.message("msg_0000000000007000800000000000000a", fanOut: nil, at: now, database)
                try await Self.delivery(of: "msg_0000000000007000800000000000000a", to: "gone", database)
                try await Self.message("msg_0000000000007000800000000000000b", fanOut: #"["gone"]"#, at: now, database)
                try await harness.app.create("/v1/projects", #"{"name": "Kept", "owner_email": "ann@example.com"}"#)
                let retirement = SubscriptionRetirement(database: database, settings: harness.module.settings)
                #expect(try await retirement.unclaimed().map { "\($0.name)=\($0.pending)" } == ["gone=2"], "a delivery and a message still marked for it")

                #expect(try await retirement.retire("gone", at: clock.now) == 2, "the marked message's delivery was written, then both failed")
                let rows = try await database.fetch(SQLStatement(
                    "SELECT subscription, status, last_error FROM webhook_deliveries ORDER BY subscription, id"))
                let described = rows.map { row in row.values.map { value -> String in
                    if case .text(let text) = value { return text }
                    return "null"
                } }
                #expect(described == [
                    ["gone", "failed", SubscriptionRetirement.retiredError], ["gone", "failed", SubscriptionRetirement.retiredError],
                    ["operations", "pending", "null"],
                ])
                #expect(try await retirement.unclaimed().isEmpty)
                #expect(try await retirement.retire("gone", at: clock.now) == 0, "retiring again changes nothing")

                clock.advance(by: 31 * 86_400)
                let purge = OutboxPurge(database: database, retentionDays: 30, clock: clock.clock)
                #expect(try await purge.purge() == 2, "both of gone's messages are finished; the configured subscription's is still owed")
                #expect(try await harness.count("webhook_messages") == 1)
            }
        }

        @Test("the configured subscription, a stored one and a targeted event's stream are refused; an unknown name has nothing pending")
        func refusals() async throws {
            try await WebhookHarness.run(instances: 0) { harness in
                let database = harness.database
                let retirement = SubscriptionRetirement(database: database, settings: harness.module.settings)
                _ = try await database.write([SQLStatement(
                    """
                    INSERT INTO webhook_subscriptions (id, organization_id, url, description, secret, enabled, created_at, updated_at) \
                    VALUES ('whsub_1', NULL, 'https://example.com/hook', NULL, 'whsec_x', 1, 1, 1)
                    """)])
                #expect(try await Self.refusal(retiring: "whsub_1", with: retirement)?.code == .stored)
                let configured = try await Self.refusal(retiring: "operations", with: retirement)
                #expect(configured?.code == .configured)
                #expect(configured?.message.contains("\"operations\"") == true)
                #expect(try await retirement.retire("never-configured", at: Date()) == 0)

                // A targeted event's stream (stationthis declares one), refused by name.
                let targeted = try #require(Stationthis.webhooks.targetedEvents.first)
                let stream = WebhookSettings.targetSubscriptionName(targeted.type)
                let stationthis = SubscriptionRetirement(database: database, settings: Stationthis.webhooks)
                #expect(try await Self.refusal(retiring: stream, with: stationthis)?.code == .targetStream)
            }
        }

        @Test("the command: a configured name is an error line and exit status 1; a removed one is retired")
        func command() async throws {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("loom-retire-\(UUID().uuidString).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } }
            let refused = try await B2BBootstrapTests.loomServer(["webhooks", "retire", "operations", "--app", "tracker", "--database-path", file])
            #expect(refused.status == 1)
            #expect(refused.errors.contains(#"error: cannot retire "operations": "operations" is a static subscription"#), "\(refused.errors)")
            let retired = try await B2BBootstrapTests.loomServer(["webhooks", "retire", "gone", "--app", "tracker", "--database-path", file])
            #expect(retired.status == 0, "\(retired.errors)")
            #expect(retired.output.contains(#"retired "gone": 0 pending deliveries failed in \#(file)"#), "\(retired.output)")
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + ".bench" + suffix) } }
            let noOutbox = try await B2BBootstrapTests.loomServer(["webhooks", "retire", "gone", "--app", "bench", "--database-path", file + ".bench"])
            #expect(noOutbox.status != 0)
            #expect(noOutbox.errors.contains("app bench has no webhooks section"), "\(noOutbox.errors)")
        }

        /// The refusal of retiring `name`; `nil` (and an issue recorded) when it was retired.
        static func refusal(retiring name: String, with retirement: SubscriptionRetirement) async throws -> SubscriptionRetirement.Refusal? {
            do {
                _ = try await retirement.retire(name, at: Date())
                Issue.record("\(name) was retired")
                return nil
            } catch let refusal as SubscriptionRetirement.Refusal {
                return refusal
            }
        }

        static func message(_ id: String, fanOut: String?, at time: Int64, _ database: any DatabaseClient) async throws {
            _ = try await database.write([SQLStatement(
                PlaceholderSequence.render(
                    "INSERT INTO webhook_messages (id, event_type, organization_id, payload, created_at, fan_out) VALUES (?, 'projects.created', NULL, '{}', ?, ?)",
                    for: database.dialect),
                [.text(id), .integer(time), fanOut.map(SQLValue.text) ?? .null])])
        }

        static func delivery(of message: String, to subscription: String, _ database: any DatabaseClient) async throws {
            _ = try await database.write([SQLStatement(
                PlaceholderSequence.render(
                    "INSERT INTO webhook_deliveries (id, message_id, subscription, status, attempts, next_attempt_at, updated_at) VALUES (?, ?, ?, 'pending', 0, 1, 1)",
                    for: database.dialect),
                [.text(message + ":" + subscription), .text(message), .text(subscription)])])
        }
    }
}
