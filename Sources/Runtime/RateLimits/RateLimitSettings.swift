/// An app's `rateLimits` section as the runtime uses it: which policy counts a request, and
/// under which key.
///
/// One policy per request, chosen in this order (the generator documents the same): a route
/// group holding the request's path (per client IP); a caller bound to an organization
/// (`perOrganization`, per organization); an authenticated caller (`perCaller`, per API key or
/// user); an anonymous caller (`perAnonymousIP`, per client IP). A slot not declared leaves its
/// requests unlimited. `perIP`, when declared, replaces the last three: every request outside a
/// route group counts per client IP, with credentials or without.
public struct RateLimitSettings: Sendable {
    /// The policy counting each API key or user.
    public let perCaller: RateLimitPolicy?
    /// The policy counting each organization.
    public let perOrganization: RateLimitPolicy?
    /// The policy counting each client IP without credentials.
    public let perAnonymousIP: RateLimitPolicy?
    /// The policy counting each client IP, whoever calls.
    public let perIP: RateLimitPolicy?
    /// Stricter policies by literal request path.
    public let routeGroups: [String: RateLimitPolicy]
    /// Whether answers also carry `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset`.
    public let legacyHeaders: Bool

    // MARK: Tiers (issue 14)

    /// The app's tiers; with them an authenticated caller counts against its key's tier, else its
    /// organization's, else the default, instead of `perCaller` / `perOrganization`.
    public let tiers: RateLimitTiers?

    /// Creates the settings.
    public init(
        perCaller: RateLimitPolicy? = nil, perOrganization: RateLimitPolicy? = nil, perAnonymousIP: RateLimitPolicy? = nil,
        perIP: RateLimitPolicy? = nil, routeGroups: [(policy: RateLimitPolicy, paths: [String])] = [], legacyHeaders: Bool = false, tiers: RateLimitTiers? = nil
    ) {
        self.tiers = tiers
        self.perCaller = perCaller
        self.perOrganization = perOrganization
        self.perAnonymousIP = perAnonymousIP
        self.perIP = perIP
        var groups: [String: RateLimitPolicy] = [:]
        for group in routeGroups {
            for path in group.paths { groups[path] = group.policy }
        }
        self.routeGroups = groups
        self.legacyHeaders = legacyHeaders
    }

    /// The policy and counted key for a request to `path` by `identity` from `clientAddress`,
    /// or `nil` when nothing limits it. Keys name their kind and policy (`ip:credentials:10.0.0.1`),
    /// so one caller's counters under different policies never mix. `assignments` are the tiers
    /// assigned to keys and organizations (used when the app declares tiers).
    public func selection(
        path: String, identity: Identity?, clientAddress: String?, assignments: RateLimitTierAssignments = RateLimitTierAssignments()
    ) -> (policy: RateLimitPolicy, key: String)? {
        let address = clientAddress ?? "unknown"
        if !routeGroups.isEmpty, let policy = routeGroups[path] {
            return (policy, "ip:\(policy.name):\(address)")
        }
        if let perIP { return (perIP, "ip:\(perIP.name):\(address)") }
        guard let identity else {
            return perAnonymousIP.map { ($0, "ip:\($0.name):\(address)") }
        }
        if let tiers { return Self.tierSelection(tiers, identity: identity, assignments: assignments) }
        if let policy = perOrganization, let organization = identity.organizationID {
            return (policy, "org:\(policy.name):\(organization)")
        }
        return perCaller.map { ($0, "\(identity.kind):\($0.name):\(identity.subject)") }
    }

    /// An authenticated caller under tiers: a key with a tier of its own counts on its own; a
    /// caller bound to an organization counts with the organization (its tier, else the
    /// default); any other caller counts on its own under the default tier.
    static func tierSelection(
        _ tiers: RateLimitTiers, identity: Identity, assignments: RateLimitTierAssignments
    ) -> (policy: RateLimitPolicy, key: String) {
        if identity.kind == "api_key", let name = assignments.tier(of: .apiKey(identity.subject)), let policy = tiers.policy(named: name) {
            return (policy, "api_key:\(policy.name):\(identity.subject)")
        }
        if let organization = identity.organizationID {
            let policy = assignments.tier(of: .organization(organization)).flatMap(tiers.policy(named:)) ?? tiers.defaultTier
            return (policy, "org:\(policy.name):\(organization)")
        }
        return (tiers.defaultTier, "\(identity.kind):\(tiers.defaultTier.name):\(identity.subject)")
    }
}
