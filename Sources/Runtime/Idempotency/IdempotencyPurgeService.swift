import Logging
import ServiceLifecycle

/// Deletes expired idempotency records at start and every `purgeIntervalSeconds`, until
/// graceful shutdown. Every instance may run it: the purge is one idempotent `DELETE`. A failed
/// purge is logged and retried at the next tick (the rows only wait longer).
public struct IdempotencyPurgeService: Service {
    let store: IdempotencyStore
    let logger: Logger

    /// Creates the service.
    public init(store: IdempotencyStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Purges until graceful shutdown.
    public func run() async throws {
        let (store, logger) = (self.store, self.logger)
        let interval = Duration.seconds(store.settings.purgeIntervalSeconds)
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    do {
                        let purged = try await store.purge()
                        if purged > 0 { logger.debug("purged expired idempotency records", metadata: ["count": "\(purged)"]) }
                    } catch {
                        logger.warning("idempotency purge failed", metadata: ["error": "\(error)"])
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
