import Foundation
import Logging
import Runtime
import ServiceLifecycle

/// The outbox's backlog at one moment: the metrics' `webhook_queue_depth` and
/// `webhook_oldest_pending_age_seconds`.
public struct WebhookQueueState: Sendable, Equatable {
    /// Deliveries waiting for their first attempt or a retry, to every subscription, and messages
    /// whose deliveries to the static subscriptions are not written yet (one each).
    public let pending: Int
    /// Seconds since the message of the oldest pending delivery was stored; 0 when none is pending.
    public let oldestPendingAgeSeconds: Double
}

/// Reads the outbox's backlog (`WebhookQueueState`) at start and every `interval` until graceful
/// shutdown, and hands it to `report`: a gauge is sampled here, never per request or per
/// delivery. One `SELECT COUNT(*), MIN(created_at)` over the pending deliveries and their
/// messages, and over the messages not fanned out yet, per sample; with several instances each
/// samples the same shared backlog.
public struct WebhookQueueSampler: Service {
    let database: any DatabaseClient
    let clock: WebhookClock
    let interval: Duration
    let logger: Logger
    let report: @Sendable (WebhookQueueState) -> Void

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sampleOnce()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One sample, reported (the loop's step); a failure is logged and the gauges keep their last values.
    public func sampleOnce() async {
        do {
            report(try await sample())
        } catch {
            logger.error("webhooks: the outbox backlog cannot be sampled", metadata: ["error": "\(error)"])
        }
    }

    /// The backlog now.
    public func sample() async throws -> WebhookQueueState {
        var placeholders = PlaceholderSequence(dialect: database.dialect)
        let rows = try await database.fetch(SQLStatement(
            "SELECT COUNT(*), MIN(m.created_at), (SELECT COUNT(*) FROM webhook_messages WHERE fan_out IS NOT NULL), "
                + "(SELECT MIN(created_at) FROM webhook_messages WHERE fan_out IS NOT NULL) "
                + "FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id WHERE d.status = \(placeholders.next())",
            [.text(DeliveryStatus.pending.rawValue)]))
        var reader = RowReader(rows.first ?? SQLRow(values: [.integer(0), .null, .integer(0), .null]))
        // A message not fanned out yet (`DeliveryFanOut`) owes at least one delivery: counted as one.
        let pending = Int(try reader.integer())
        let oldestDelivery = try reader.optionalInteger()
        let waiting = Int(try reader.integer())
        let oldestWaiting = try reader.optionalInteger()
        let oldest = [oldestDelivery, oldestWaiting].compactMap { $0 }.min()
        let now = WebhookClock.milliseconds(clock.now())
        return WebhookQueueState(pending: pending + waiting, oldestPendingAgeSeconds: oldest.map { Double(max(0, now - $0)) / 1000 } ?? 0)
    }
}
