import APIContract
import Auth
import Runtime

/// Mounting rate limits on apps that have a `rateLimits` section, shared by `serve` and the tests.
enum ServerRateLimits {
    /// Adds `RateLimitMiddleware` to `configuration`: counting in this process on SQLite, in the
    /// shared table on PostgreSQL (migrated here, with the service that purges ended windows).
    /// With tiers, it also creates the assignment tables, reads them, and adds the tier API
    /// (`RateLimitTierRoutes`). `settings` replaces the app's own (tests tighten quotas);
    /// `rejected` is the hook a metrics module counts refusals with. Does nothing when the app
    /// limits nothing.
    static func mount(
        app: GeneratedApp, database: any DatabaseClient, on configuration: inout LoomServer.Configuration,
        settings: RateLimitSettings? = nil, rejected: (@Sendable (RateLimitRejection) -> Void)? = nil
    ) async throws {
        guard let settings = settings ?? app.settings.rateLimits else { return }
        let directory = try await tierDirectory(app: app, settings: settings, database: database, on: &configuration)
        let counter: any RateLimitCounter
        if let postgres = database as? PostgresDatabase {
            _ = try await postgres.migrate(to: RateLimitMigrations.schema(app: app.schema.app))
            counter = PostgresRateLimitCounter(database: postgres, readsTierVersion: directory != nil)
            configuration.services.append(RateLimitPurge(database: postgres))
        } else {
            counter = InProcessRateLimitCounter()
        }
        configuration.middleware.append(
            RateLimitMiddleware(app: app.settings, settings: settings, counter: counter, rejected: rejected, tiers: directory))
    }

    /// With tiers: the assignment tables migrated and read, and the tier API added to
    /// `configuration.routeFamilies`; `nil` without tiers.
    static func tierDirectory(
        app: GeneratedApp, settings: RateLimitSettings, database: any DatabaseClient, on configuration: inout LoomServer.Configuration
    ) async throws -> RateLimitTierDirectory? {
        guard let tiers = settings.tiers else { return nil }
        _ = try await RateLimitTierDirectory.migrate(database, app: app.schema.app)
        let directory = RateLimitTierDirectory(database: database)
        try await directory.reload()
        configuration.routeFamilies.append(
            RateLimitTierRoutes(
                tiers: tiers, directory: directory, holders: AuthTierHolders(database: database), audited: app.audit != nil,
                ids: app.auth?.ids ?? ResourceIDs()))
        return directory
    }
}
