import Foundation
import Logging

/// The audit trail of an app with an `audit` section: its table, the write hook that records
/// every table write in the write's transaction, the read route and the retention purge.
/// `LoomServer` adds the hook and the route itself when `GeneratedApp.audit` is set; the
/// server's wiring creates the table (`migrate`) and runs the purge (`purgeService`).
public struct AuditTrail: Sendable {
    /// The app's `audit` section.
    public let settings: AuditSettings
    /// Whether the app has the `Auth` module, whose security events (`auth_audit_events`) the
    /// retention purges too.
    public let includesAuthTrail: Bool
    /// The clock (tests move it).
    let now: @Sendable () -> Date

    /// The trail of `settings`, timed by `now`.
    public init(settings: AuditSettings, includesAuthTrail: Bool, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.includesAuthTrail = includesAuthTrail
        self.now = now
    }

    /// Creates or updates `audit_events` (recorded in `loom_migrations` as `<app>.audit`).
    public static func migrate(_ database: any DatabaseClient, app: String) async throws -> [String] {
        try await database.migrate(to: AuditMigrations.schema(app: app)).applied.map { "audit migration \($0)" }
    }

    /// Records each table write; `LoomServer` runs it after the configured hooks.
    var hook: any WriteHook { AuditHook(now: now) }

    /// The `audit_events` row of an action on a module's own table (a webhook subscription
    /// created, updated, rotated or deleted), to run in that change's transaction: only the
    /// names of the changed fields are recorded, never their values.
    public static func event(
        action: String, resource: String, resourceID: String, identity: Identity?, requestID: String?, clientAddress: String?,
        changedFields: [String], at time: Date, dialect: SQLDialect
    ) -> SQLStatement {
        AuditHook.event(
            action: action, resource: resource, resourceID: resourceID, identity: identity, requestID: requestID,
            clientAddress: clientAddress, changedFields: changedFields, at: time, dialect: dialect)
    }

    /// Purges events past the retention; goes into `LoomServer.Configuration.services`.
    public func purgeService(database: any DatabaseClient, logger: Logger) -> AuditPurgeService {
        AuditPurgeService(trail: self, database: database, logger: logger)
    }

    /// Deletes the events past the retention now; returns how many (the purge service's step).
    public func purge(database: any DatabaseClient) async throws -> Int {
        try await AuditStore(database: database).purge(before: settings.cutoff(at: now()), includesAuth: includesAuthTrail)
    }
}
