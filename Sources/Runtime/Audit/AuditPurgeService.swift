import Foundation
import Logging
import ServiceLifecycle

/// Removes audit events of both trails older than the app's retention (`AuditSettings.retentionDays`), once at
/// start and then every `purgeIntervalSeconds`, until graceful shutdown. Every instance may run
/// it: a purge is one idempotent `DELETE ... WHERE occurred_at < cutoff`.
public struct AuditPurgeService: Service {
    let trail: AuditTrail
    let database: any DatabaseClient
    let logger: Logger

    public func run() async throws {
        let interval = Duration.seconds(trail.settings.purgeIntervalSeconds)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await purgeOnce()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One purge; a failure is logged and retried at the next interval (the trail only grows meanwhile).
    func purgeOnce() async {
        do {
            let removed = try await trail.purge(database: database)
            if removed > 0 { logger.info("audit: purged \(removed) event(s) older than \(trail.settings.retentionDays) days") }
        } catch {
            logger.error("audit: purge failed", metadata: ["error": "\(error)"])
        }
    }
}
