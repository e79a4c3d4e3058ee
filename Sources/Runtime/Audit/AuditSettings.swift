import Foundation

/// An app's `audit` section as the runtime uses it, generated from `app.json`: the server then
/// records every table write (`AuditHook`), serves `GET <base>/audit` (`AuditRoutes`) and purges
/// old events (`AuditPurgeService`).
public struct AuditSettings: Sendable, Hashable {
    /// Days an event is kept.
    public let retentionDays: Int
    /// Seconds between two purges.
    public let purgeIntervalSeconds: Int

    /// Creates the settings.
    public init(retentionDays: Int, purgeIntervalSeconds: Int) {
        self.retentionDays = retentionDays
        self.purgeIntervalSeconds = purgeIntervalSeconds
    }

    /// The oldest time an event may have at `now` before it is purged.
    public func cutoff(at now: Date) -> Date {
        now.addingTimeInterval(-Double(retentionDays) * 86_400)
    }
}
