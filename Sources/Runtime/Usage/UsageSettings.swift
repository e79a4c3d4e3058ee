/// An app's `usage` section as the runtime uses it, generated from `app.json`: the server then
/// counts requests per API key, organization and UTC day (`UsageRecorder`), adds them to the
/// database (`UsageService`) and serves them at `GET <base><path>` (`UsageRoutes`).
public struct UsageSettings: Sendable, Hashable {
    /// Days kept; older days are purged.
    public let retentionDays: Int
    /// The route under the base path (`/usage`, or `/admin/usage` for `/api/admin/usage`).
    public let path: String
    /// How often each instance adds its counts to the database (and so how stale a read of
    /// another instance's counts may be).
    public var flushInterval: Duration
    /// How often the retention purge runs.
    public var purgeInterval: Duration

    /// Creates the settings; the intervals default to 5 seconds and an hour.
    public init(retentionDays: Int, path: String, flushInterval: Duration = .seconds(5), purgeInterval: Duration = .seconds(3600)) {
        self.retentionDays = retentionDays
        self.path = path
        self.flushInterval = flushInterval
        self.purgeInterval = purgeInterval
    }
}
