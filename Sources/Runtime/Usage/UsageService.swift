import Foundation
import Logging
import ServiceLifecycle

/// Adds a server's usage counts (`UsageRecorder`) to `usage_daily` every `flushInterval` and
/// once more on graceful shutdown, and purges days older than the retention every
/// `purgeInterval`. Every instance runs one: the flush is an additive upsert per row, so
/// instances sharing a PostgreSQL database add up, and the purge is an idempotent `DELETE`.
public struct UsageService: Service {
    let recorder: UsageRecorder
    let store: UsageStore
    let settings: UsageSettings
    let logger: Logger

    /// The service flushing `recorder` into `database` with `settings`' intervals and retention.
    public init(recorder: UsageRecorder, database: any DatabaseClient, settings: UsageSettings, logger: Logger) {
        self.recorder = recorder
        self.store = UsageStore(database: database)
        self.settings = settings
        self.logger = logger
    }

    /// Creates or updates `usage_daily` (recorded in `loom_migrations` as `<app>.usage`).
    public static func migrate(_ database: any DatabaseClient, app: String) async throws -> [String] {
        try await database.migrate(to: UsageMigrations.schema(app: app)).applied.map { "usage migration \($0)" }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var lastPurge: ContinuousClock.Instant?
            while !Task.isCancelled {
                await flushOnce()
                if lastPurge.map({ ContinuousClock.now - $0 >= settings.purgeInterval }) ?? true {
                    await purgeOnce()
                    lastPurge = ContinuousClock.now
                }
                try? await Task.sleep(for: settings.flushInterval)
            }
        }
        await flushOnce()
    }

    /// One flush; a failure is logged and the counts wait for the next one.
    func flushOnce() async {
        do {
            try await flush()
        } catch {
            logger.error("usage: flush failed; the counts are kept for the next one", metadata: ["error": "\(error)"])
        }
    }

    /// One purge of the days past the retention; a failure is logged and retried at the next interval.
    func purgeOnce() async {
        do {
            let removed = try await purge()
            if removed > 0 { logger.info("usage: purged \(removed) row(s) older than \(settings.retentionDays) days") }
        } catch {
            logger.error("usage: purge failed", metadata: ["error": "\(error)"])
        }
    }

    /// Adds the recorder's counts since the last flush now (the loop's step); on failure they
    /// stay in the recorder for the next one.
    public func flush() async throws {
        try await store.flush(recorder)
    }

    /// Deletes the rows of days before the retention now; returns how many (the purge's step).
    public func purge() async throws -> Int {
        try await store.purge(before: CalendarDay.number(of: recorder.now()) - settings.retentionDays)
    }
}
