/// One rate-limit policy: at most `quota` requests per `window` seconds for one counted key
/// (an API key, a user, an organization or a client IP).
public struct RateLimitPolicy: Sendable, Hashable {
    /// The name sent in `RateLimit-Policy` and `RateLimit`.
    public let name: String
    /// Requests allowed in one window.
    public let quota: Int
    /// The window's length in seconds.
    public let window: Int

    /// The `RateLimit-Policy` field value: `"default";q=100;w=60` (IETF httpapi draft), made
    /// once: every limited answer carries it.
    public let policyFieldValue: String
    /// The quota as text, the `X-RateLimit-Limit` value.
    let quotaText: String
    /// The start of the `RateLimit` field value, `"default";r=`.
    let limitFieldPrefix: String

    /// Creates a policy (the generator checked the numbers are positive).
    public init(name: String, quota: Int, window: Int) {
        self.name = name
        self.quota = quota
        self.window = window
        policyFieldValue = "\"\(name)\";q=\(quota);w=\(window)"
        quotaText = String(quota)
        limitFieldPrefix = "\"\(name)\";r="
    }
}

/// What counting one request against a policy decided.
public struct RateLimitDecision: Sendable, Hashable {
    /// The policy counted against.
    public let policy: RateLimitPolicy
    /// Whether the request is within the quota.
    public let allowed: Bool
    /// Requests left in the current window (0 when refused).
    public let remaining: Int
    /// Whole seconds until the window ends and the quota is whole again (at least 1).
    public let resetSeconds: Int
    /// The version of the tier assignments the counter saw while counting (PostgreSQL with
    /// tiers: read in the counting statement), so an instance notices another's change; `nil`
    /// where the counter does not read it.
    public let tierVersion: Int64?

    /// Creates a decision from the hits counted in the window so far, this request included.
    public init(policy: RateLimitPolicy, hits: Int, resetSeconds: Int, tierVersion: Int64? = nil) {
        self.tierVersion = tierVersion
        self.policy = policy
        self.allowed = hits <= policy.quota
        self.remaining = max(0, policy.quota - hits)
        self.resetSeconds = max(1, resetSeconds)
    }

    /// The `RateLimit` field value: `"default";r=42;t=17`.
    public var limitFieldValue: String { policy.limitFieldPrefix + String(remaining) + ";t=" + String(resetSeconds) }
}
