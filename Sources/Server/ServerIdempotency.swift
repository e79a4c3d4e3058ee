import Logging
import Runtime

/// Mounting idempotency records on apps that have an `idempotency` section, shared by `serve`
/// and the tests. `LoomServer` adds the middleware itself; this creates the table and starts the purge.
enum ServerIdempotency {
    /// Creates `loom_idempotency` on `database` and adds the purge service to `configuration`;
    /// does nothing when the app reads no idempotency key.
    static func mount(app: GeneratedApp, database: any DatabaseClient, on configuration: inout LoomServer.Configuration, logger: Logger) async throws {
        guard let settings = app.settings.idempotency else { return }
        _ = try await IdempotencyRecords.migrate(database, app: app.schema.app)
        configuration.services.append(IdempotencyRecords.purgeService(database: database, settings: settings, logger: logger))
    }
}
