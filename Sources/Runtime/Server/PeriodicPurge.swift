import Logging
import ServiceLifecycle

/// Deletes expired rows at start and every `interval`, until graceful shutdown: the purge of
/// idempotency records and of incoming webhook receipts. Every instance may run it: a purge is
/// one idempotent `DELETE`. A failed purge is logged and retried at the next tick (the rows only
/// wait longer).
public struct PeriodicPurge: Service {
    /// What is purged, for the log (`idempotency records`).
    let rows: String
    let interval: Duration
    /// One purge; returns how many rows went.
    let purge: @Sendable () async throws -> Int
    let logger: Logger

    /// Creates the service.
    public init(rows: String, interval: Duration, logger: Logger, purge: @escaping @Sendable () async throws -> Int) {
        (self.rows, self.interval, self.logger, self.purge) = (rows, interval, logger, purge)
    }

    /// Purges until graceful shutdown.
    public func run() async throws {
        let (rows, interval, purge, logger) = (self.rows, self.interval, self.purge, self.logger)
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    do {
                        let purged = try await purge()
                        if purged > 0 { logger.debug("purged \(rows)", metadata: ["count": "\(purged)"]) }
                    } catch {
                        logger.warning("purge of \(rows) failed", metadata: ["error": "\(error)"])
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
