import Logging
import ServiceLifecycle

/// Deletes incoming webhook receipts older than `IncomingWebhookReceipts.retention` at start and
/// every `interval`, until graceful shutdown. Every instance may run it: the purge is one
/// idempotent `DELETE`. A failed purge is logged and retried at the next tick.
public struct IncomingWebhookPurgeService: Service {
    let receipts: IncomingWebhookReceipts
    let interval: Duration
    let logger: Logger

    /// Purges until graceful shutdown.
    public func run() async throws {
        let (receipts, interval, logger) = (self.receipts, self.interval, self.logger)
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    do {
                        let purged = try await receipts.purge()
                        if purged > 0 { logger.debug("purged incoming webhook receipts", metadata: ["count": "\(purged)"]) }
                    } catch {
                        logger.warning("incoming webhook receipt purge failed", metadata: ["error": "\(error)"])
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
