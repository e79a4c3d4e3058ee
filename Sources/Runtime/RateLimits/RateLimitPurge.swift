import ServiceLifecycle

/// Deletes ended rate-limit windows from PostgreSQL every `interval`, so the counter table
/// holds about the keys active in the last window. A failed purge is retried at the next tick
/// (the rows only wait longer).
public struct RateLimitPurge: Service {
    let database: PostgresDatabase
    let interval: Duration

    /// Creates the service.
    public init(database: PostgresDatabase, interval: Duration = .seconds(60)) {
        self.database = database
        self.interval = interval
    }

    /// Purges until graceful shutdown.
    public func run() async throws {
        let (database, interval) = (self.database, self.interval)
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: interval)
                    _ = try? await database.runAutocommit(RateLimitMigrations.purge)
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
