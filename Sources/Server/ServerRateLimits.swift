import Runtime

/// Mounting rate limits on apps that have a `rateLimits` section, shared by `serve` and the tests.
enum ServerRateLimits {
    /// Adds `RateLimitMiddleware` to `configuration`: counting in this process on SQLite, in the
    /// shared table on PostgreSQL (migrated here, with the service that purges ended windows).
    /// `settings` replaces the app's own (tests tighten quotas); `rejected` is the hook a metrics
    /// module counts refusals with. Does nothing when the app limits nothing.
    static func mount(
        app: GeneratedApp, database: any DatabaseClient, on configuration: inout LoomServer.Configuration,
        settings: RateLimitSettings? = nil, rejected: (@Sendable (RateLimitRejection) -> Void)? = nil
    ) async throws {
        guard let settings = settings ?? app.settings.rateLimits else { return }
        let counter: any RateLimitCounter
        if let postgres = database as? PostgresDatabase {
            _ = try await postgres.migrate(to: RateLimitMigrations.schema(app: app.schema.app))
            counter = PostgresRateLimitCounter(database: postgres)
            configuration.services.append(RateLimitPurge(database: postgres))
        } else {
            counter = InProcessRateLimitCounter()
        }
        configuration.middleware.append(RateLimitMiddleware(app: app.settings, settings: settings, counter: counter, rejected: rejected))
    }
}
