/// The `audit` section of `app.json`: the app keeps an audit trail of every write to its
/// tables (who, what, from where), readable at `GET <base>/audit`, and purges events older than
/// the retention in the background.
public struct AuditConfig: Codable, Sendable, Hashable {
    /// Days an event is kept (the b2b reference keeps 90).
    public static let defaultRetentionDays = 90
    /// Seconds between two purges.
    public static let defaultPurgeIntervalSeconds = 3600

    /// `retentionDays`: events older than this many days are purged.
    public var retentionDays: Int
    /// `purgeIntervalSeconds`: how often the purge runs.
    public var purgeIntervalSeconds: Int

    /// Creates the section (defaults: 90 days, hourly purges).
    public init(retentionDays: Int = AuditConfig.defaultRetentionDays, purgeIntervalSeconds: Int = AuditConfig.defaultPurgeIntervalSeconds) {
        self.retentionDays = retentionDays
        self.purgeIntervalSeconds = purgeIntervalSeconds
    }
}
