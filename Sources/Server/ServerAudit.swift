import Logging
import Runtime

/// Mounting the audit trail on apps that have an `audit` section, shared by `serve` and the
/// tests. `LoomServer` adds the write hook and `GET <base>/audit` itself; this creates the table
/// and starts the retention purge.
enum ServerAudit {
    /// Creates `audit_events` on `database` and adds the purge service to `configuration`; does
    /// nothing when the app has no `audit` section.
    static func mount(app: GeneratedApp, database: any DatabaseClient, on configuration: inout LoomServer.Configuration, logger: Logger) async throws {
        guard let settings = app.audit else { return }
        _ = try await AuditTrail.migrate(database, app: app.schema.app)
        configuration.services.append(AuditTrail(settings: settings, includesAuthTrail: app.auth != nil).purgeService(database: database, logger: logger))
    }
}
