/// The `rateLimits` section of `app.json`: named policies (a quota of requests per window of
/// seconds) and which one counts which caller. Absent: nothing is limited.
///
/// Each request is counted against exactly one policy, chosen in this order: the policy of a
/// route group whose paths hold the request's path (counted per client IP, for sign-in, sign-up,
/// password reset and mail-sending routes); else, for a caller bound to an organization, the
/// `perOrganization` policy (counted per organization); else, for an authenticated caller, the
/// `perCaller` policy (counted per API key or user); else the `perAnonymousIP` policy (counted
/// per client IP). Where the chosen slot is not declared the request is not limited.
/// `perIP` replaces the last three: every request outside a route group counts per client IP,
/// with credentials or without (stationthis: 100 requests per window per client IP).
public struct RateLimitsConfig: Codable, Sendable, Hashable {
    /// The policies by name, in declaration order.
    public var policies: [RateLimitPolicyConfig]
    /// The policy counting each API key or user.
    public var perCaller: String?
    /// The policy counting each organization (callers bound to one share its quota).
    public var perOrganization: String?
    /// The policy counting each client IP without credentials.
    public var perAnonymousIP: String?
    /// The policy counting each client IP, whoever calls (instead of `perCaller`,
    /// `perOrganization`, `perAnonymousIP` and tiers).
    public var perIP: String?
    /// Stricter policies for groups of paths, counted per client IP.
    public var routeGroups: [RateLimitRouteGroupConfig]
    /// Whether limited answers also carry `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
    /// `X-RateLimit-Reset` (epoch seconds) beside the IETF `RateLimit-Policy` and `RateLimit`.
    public var legacyHeaders: Bool

    // MARK: Tiers (issue 14)

    /// Policies an API key or an organization can be assigned at run time (b2b: `standard`,
    /// `professional`, `enterprise`), in declaration order; empty: no tiers. With tiers, an
    /// authenticated caller counts against its tier's policy (its key's tier, else its
    /// organization's, else `defaultTier`) instead of `perCaller` / `perOrganization`.
    public var tiers: [String]
    /// The tier of a caller whose key and organization have none assigned.
    public var defaultTier: String?
    /// `tiersPath`: where the tier routes live under the base path (`/admin/rate-limits` with
    /// base `/api` serves `/api/admin/rate-limits/tiers`).
    public var tiersPath: String
    /// Where the tier routes live when `tiersPath` is absent (`APIContract`'s `RateLimitTierContract.path`).
    public static let defaultTiersPath = "/rate-limits"

    /// Creates the section.
    public init(
        policies: [RateLimitPolicyConfig] = [], perCaller: String? = nil, perOrganization: String? = nil, perAnonymousIP: String? = nil,
        perIP: String? = nil, routeGroups: [RateLimitRouteGroupConfig] = [], legacyHeaders: Bool = false, tiers: [String] = [], defaultTier: String? = nil,
        tiersPath: String = RateLimitsConfig.defaultTiersPath
    ) {
        self.tiersPath = tiersPath
        self.tiers = tiers
        self.defaultTier = defaultTier
        self.policies = policies
        self.perCaller = perCaller
        self.perOrganization = perOrganization
        self.perAnonymousIP = perAnonymousIP
        self.perIP = perIP
        self.routeGroups = routeGroups
        self.legacyHeaders = legacyHeaders
    }

    /// The policy named `name`.
    public func policy(named name: String) -> RateLimitPolicyConfig? {
        policies.first { $0.name == name }
    }
}

/// One member of `rateLimits.policies`: at most `quota` requests per `window` seconds.
public struct RateLimitPolicyConfig: Codable, Sendable, Hashable {
    /// The policy's name, as sent in `RateLimit-Policy` (`"default";q=100;w=60`).
    public var name: String
    /// Requests allowed in one window.
    public var quota: Int
    /// The window's length in seconds.
    public var window: Int

    /// Creates a policy.
    public init(name: String, quota: Int, window: Int) {
        self.name = name
        self.quota = quota
        self.window = window
    }
}

/// One member of `rateLimits.routeGroups`: literal request paths counted against a stricter policy.
public struct RateLimitRouteGroupConfig: Codable, Sendable, Hashable {
    /// The policy's name.
    public var policy: String
    /// Absolute request paths without parameters (`/v1/auth/login`), any method.
    public var paths: [String]

    /// Creates a group.
    public init(policy: String, paths: [String]) {
        self.policy = policy
        self.paths = paths
    }
}
