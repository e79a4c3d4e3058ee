/// The `usage` section of `app.json`: the server counts requests, errors and latency per API
/// key, organization and UTC day in memory, adds them to the database every few seconds, serves
/// them at `GET <basePath><path>` and purges days older than the retention.
public struct UsageConfig: Codable, Sendable, Hashable {
    /// Days kept when `retentionDays` is absent.
    public static let defaultRetentionDays = 90
    /// Where the statistics are served under the base path when `path` is absent.
    public static let defaultPath = "/usage"

    /// `retentionDays`: days older than this many are purged.
    public var retentionDays: Int
    /// `path`: the route under the base path (`/admin/usage` with base `/api` serves `/api/admin/usage`).
    public var path: String

    /// Creates the section (defaults: 90 days at `/usage`).
    public init(retentionDays: Int = UsageConfig.defaultRetentionDays, path: String = UsageConfig.defaultPath) {
        self.retentionDays = retentionDays
        self.path = path
    }
}
