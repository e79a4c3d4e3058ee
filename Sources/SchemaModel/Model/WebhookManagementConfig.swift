/// `webhooks.management` in `app.json`: subscriptions stored in the database and managed through
/// an API served at `path` to callers holding `scope`.
public struct WebhookManagementConfig: Codable, Sendable, Hashable {
    /// The complete path of the family (`/v1/webhooks`).
    public var path: String
    /// The scope a caller needs (`webhooks:manage`).
    public var scope: String
    /// Longest grace period of a rotated secret, in seconds (default a week).
    public var maxRotationGraceSeconds: Int
    /// `routes`: operation name (`listMessages`, `replayFailed`, ...) → the paths it is served
    /// at under `path` instead of its own, the first its own and the others aliases
    /// (`{"listMessages": "/{id}/logs"}`). Each keeps the operation's path parameters.
    public var routes: [String: [String]]

    /// The prefix of stored subscriptions' ids (`APIContract`'s `WebhookContract.idPrefix`,
    /// which `RouteDocumentTests.sameOptions` holds equal), which no static subscription's name
    /// may take, so a delivery's subscription is never ambiguous.
    public static let reservedNamePrefix = "whsub_"

    /// The default longest grace period: a week.
    public static let defaultMaxRotationGraceSeconds = 604_800

    /// Creates the section.
    public init(
        path: String, scope: String, maxRotationGraceSeconds: Int = defaultMaxRotationGraceSeconds, routes: [String: [String]] = [:]
    ) {
        self.routes = routes
        self.path = path
        self.scope = scope
        self.maxRotationGraceSeconds = maxRotationGraceSeconds
    }
}
