import Logging
import Runtime

/// Mounting usage statistics on apps that have a `usage` section, shared by `serve` and the
/// tests: the recorder the request middleware counts into (`LoomServer.Configuration.usage`)
/// and the `UsageService` that adds its counts to `usage_daily` and purges old days.
/// `LoomServer` adds `GET <base><usage path>` itself.
enum ServerUsage {
    /// Creates `usage_daily` on `database`, sets `configuration.usage` and adds the service;
    /// does nothing when the app counts no usage.
    static func mount(app: GeneratedApp, database: any DatabaseClient, on configuration: inout LoomServer.Configuration, logger: Logger) async throws {
        guard let settings = app.settings.usage else { return }
        _ = try await UsageService.migrate(database, app: app.schema.app)
        let recorder = UsageRecorder()
        configuration.usage = recorder
        configuration.services.append(UsageService(recorder: recorder, database: database, settings: settings, logger: logger))
    }
}
