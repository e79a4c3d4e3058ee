/// The facts of an app's `webhooks` section that its management routes and their documents
/// depend on. The generator builds it from the schema, the runtime from the generated
/// `WebhookSettings`; `WebhookManagementTests.sameOptions` proves the two agree.
public struct WebhookContractOptions: Sendable, Hashable {
    /// Where the family is served (`/v1/webhooks`), a complete path.
    public var path: String
    /// The scope a caller needs.
    public var scope: String
    /// Whether subscriptions belong to the caller's organization.
    public var tenantScoped: Bool
    /// Longest grace period of a rotated secret, in seconds.
    public var maxRotationGraceSeconds: Int
    /// Every event type the app emits, in declaration order.
    public var eventTypes: [String]
    /// Operation name (`listMessages`) → the paths it is served at under `path` instead of its
    /// own (`/{id}/logs`), the first its own and the others aliases.
    public var routes: [String: [String]]
    /// How the app spells the members of request bodies (`event_types` or `eventTypes`), as its
    /// answers do.
    public var naming: JSONNaming

    /// Creates the options.
    public init(
        path: String, scope: String, tenantScoped: Bool, maxRotationGraceSeconds: Int, eventTypes: [String],
        routes: [String: [String]] = [:], naming: JSONNaming = .snakeCase
    ) {
        self.routes = routes
        self.naming = naming
        self.path = path
        self.scope = scope
        self.tenantScoped = tenantScoped
        self.maxRotationGraceSeconds = maxRotationGraceSeconds
        self.eventTypes = eventTypes
    }

    /// The grace period a rotation gets when the request names none: a day, or the maximum when shorter.
    public var defaultRotationGraceSeconds: Int { min(86_400, maxRotationGraceSeconds) }
}
