import APIContract

/// An app's rate-limit tiers (`rateLimits.tiers` and `defaultTier`): policies assigned to API
/// keys and organizations at run time. An authenticated caller counts against its key's tier,
/// else its organization's, else the default (`RateLimitSettings.selection`).
public struct RateLimitTiers: Sendable {
    /// The tiers in declaration order.
    public let policies: [RateLimitPolicy]
    /// The tier of callers whose key and organization have none assigned.
    public let defaultTier: RateLimitPolicy
    /// Where the tier routes live under the base path (`rateLimits.tiersPath`).
    public let path: String
    private let byName: [String: RateLimitPolicy]

    /// Creates the tiers; `defaultTier` is one of `policies` (the generator checked it).
    public init(_ policies: [RateLimitPolicy], defaultTier: RateLimitPolicy, path: String = RateLimitTierContract.path) {
        self.policies = policies
        self.defaultTier = defaultTier
        self.path = path
        self.byName = Dictionary(policies.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The tier named `name`, or `nil` when the app declares none by that name (an assignment
    /// stored before the app dropped the tier counts as none).
    public func policy(named name: String) -> RateLimitPolicy? { byName[name] }

    /// The tier names, in declaration order.
    public var names: [String] { policies.map(\.name) }
}
