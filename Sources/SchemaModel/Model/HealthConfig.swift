/// The `health` section of `app.json`: which members the health probes answer with
/// (`GET <routes.health>`, `/health/ready`, `/health/live`), for apps reproducing an API whose
/// clients read another body than Loom's `{"status", "app", "checks"}`.
public struct HealthConfig: Codable, Sendable, Hashable {
    /// Loom's own body, used when `health` is absent.
    public static let defaultMembers: [HealthMember] = [.status, .app, .checks]

    /// `members`: the members written, always in `HealthMember`'s order.
    public var members: [HealthMember]

    /// Creates the section.
    public init(members: [HealthMember] = HealthConfig.defaultMembers) {
        self.members = members
    }
}

/// A member of the health answer (`health.members`).
public enum HealthMember: String, Codable, Sendable, CaseIterable, Hashable {
    /// `"ok"`, or `"unavailable"` when a check failed (required).
    case status
    /// When the answer was made (RFC 3339, UTC, milliseconds).
    case timestamp
    /// The app's name, as a string.
    case app
    /// The app's name inside an `app` object (`{"app": {"name": ...}}`).
    case appName = "app.name"
    /// The app's `version` inside an `app` object.
    case appVersion = "app.version"
    /// The dependency checks (`{"database": "ok"}`); the liveness probe has none.
    case checks
}
