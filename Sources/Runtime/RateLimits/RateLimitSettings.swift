/// An app's `rateLimits` section as the runtime uses it: which policy counts a request, and
/// under which key.
///
/// One policy per request, chosen in this order (the generator documents the same): a route
/// group holding the request's path (per client IP); a caller bound to an organization
/// (`perOrganization`, per organization); an authenticated caller (`perCaller`, per API key or
/// user); an anonymous caller (`perAnonymousIP`, per client IP). A slot not declared leaves its
/// requests unlimited.
public struct RateLimitSettings: Sendable {
    /// The policy counting each API key or user.
    public let perCaller: RateLimitPolicy?
    /// The policy counting each organization.
    public let perOrganization: RateLimitPolicy?
    /// The policy counting each client IP without credentials.
    public let perAnonymousIP: RateLimitPolicy?
    /// Stricter policies by literal request path.
    public let routeGroups: [String: RateLimitPolicy]
    /// Whether answers also carry `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset`.
    public let legacyHeaders: Bool

    /// Creates the settings.
    public init(
        perCaller: RateLimitPolicy? = nil, perOrganization: RateLimitPolicy? = nil, perAnonymousIP: RateLimitPolicy? = nil,
        routeGroups: [(policy: RateLimitPolicy, paths: [String])] = [], legacyHeaders: Bool = false
    ) {
        self.perCaller = perCaller
        self.perOrganization = perOrganization
        self.perAnonymousIP = perAnonymousIP
        var groups: [String: RateLimitPolicy] = [:]
        for group in routeGroups {
            for path in group.paths { groups[path] = group.policy }
        }
        self.routeGroups = groups
        self.legacyHeaders = legacyHeaders
    }

    /// The policy and counted key for a request to `path` by `identity` from `clientAddress`,
    /// or `nil` when nothing limits it. Keys name their kind and policy (`ip:credentials:10.0.0.1`),
    /// so one caller's counters under different policies never mix.
    public func selection(path: String, identity: Identity?, clientAddress: String?) -> (policy: RateLimitPolicy, key: String)? {
        let address = clientAddress ?? "unknown"
        if !routeGroups.isEmpty, let policy = routeGroups[path] {
            return (policy, "ip:\(policy.name):\(address)")
        }
        guard let identity else {
            return perAnonymousIP.map { ($0, "ip:\($0.name):\(address)") }
        }
        if let policy = perOrganization, let organization = identity.organizationID {
            return (policy, "org:\(policy.name):\(organization)")
        }
        return perCaller.map { ($0, "\(identity.kind):\($0.name):\(identity.subject)") }
    }
}
