import Foundation

/// The health probes' answer as the app shapes it (`health.members` of `app.json`): Loom's
/// `{"status", "app", "checks"}` by default, or the members an existing API's clients read,
/// such as `{"status", "timestamp", "app": {"name"}}`. Members are always written in this order:
/// `status`, `timestamp`, `app` (a string, or an object of `name` and `version`), `checks`.
public struct HealthBody: Sendable, Hashable {
    /// The members written, by their names in `health.members` (`app.name` for the object's `name`).
    public let members: Set<String>
    /// The app's `version`, written by `app.version`.
    public let appVersion: String

    /// Loom's own body.
    public static let loom = HealthBody(members: ["status", "app", "checks"])

    /// Creates a body of `members`.
    public init(members: Set<String>, appVersion: String = "") {
        self.members = members
        self.appVersion = appVersion
    }

    /// The body of a probe's answer, written once, or at each request when it carries the time.
    func answer(status: String, app: String, database: String?) -> @Sendable () -> [UInt8] {
        guard !members.contains("timestamp") else { return { bytes(status: status, app: app, database: database) } }
        let fixed = bytes(status: status, app: app, database: database)
        return { fixed }
    }

    /// The body of a probe: `database` is the check's result (`nil` for the liveness probe).
    func bytes(status: String, app: String, database: String?, at now: Date = Date()) -> [UInt8] {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.key("status")
        writer.value(status)
        if members.contains("timestamp") {
            writer.key("timestamp")
            writer.value(now)
        }
        if members.contains("app") {
            writer.key("app")
            writer.value(app)
        } else if members.contains("app.name") || members.contains("app.version") {
            writer.key("app")
            writer.beginObject()
            if members.contains("app.name") {
                writer.key("name")
                writer.value(app)
            }
            if members.contains("app.version") {
                writer.key("version")
                writer.value(appVersion)
            }
            writer.endObject()
        }
        if members.contains("checks"), let database {
            writer.key("checks")
            writer.beginObject()
            writer.key("database")
            writer.value(database)
            writer.endObject()
        }
        writer.endObject()
        return writer.bytes
    }
}
