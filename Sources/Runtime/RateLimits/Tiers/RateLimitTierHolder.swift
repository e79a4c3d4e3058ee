import Foundation
import ValueFormats

/// What a tier is assigned to: an API key or an organization, by the UUID the database keeps
/// (an `Identity`'s `subject` of a key, its `organizationID`), whatever spelling the API uses.
public enum RateLimitTierHolder: Sendable, Hashable {
    /// An API key (`Identity.kind` `api_key`, `subject` its id).
    case apiKey(String)
    /// An organization.
    case organization(String)

    /// The holder of the key or organization `id`.
    public init(apiKey id: UUID) { self = .apiKey(ValueFormats.lowercaseText(of: id)) }
    /// The holder of the organization `id`.
    public init(organization id: UUID) { self = .organization(ValueFormats.lowercaseText(of: id)) }

    /// The row key in `loom_rate_limit_tiers` (`api_key:<uuid>`, `organization:<uuid>`), also the
    /// audit event's resource id.
    public var key: String {
        switch self {
        case .apiKey(let id): return "api_key:" + id
        case .organization(let id): return "organization:" + id
        }
    }

    /// The holder a row key names, or `nil` for text of another form.
    init?(key: String) {
        if key.hasPrefix("api_key:") {
            self = .apiKey(String(key.dropFirst("api_key:".count)))
        } else if key.hasPrefix("organization:") {
            self = .organization(String(key.dropFirst("organization:".count)))
        } else {
            return nil
        }
    }
}

/// The tiers assigned when `version` of `loom_rate_limit_tier_version` was current: one entry
/// per key or organization with a tier of its own (every other caller has the default).
public struct RateLimitTierAssignments: Sendable {
    /// The version these assignments were read at; every change increments it.
    public let version: Int64
    /// Tier names by holder.
    public let tiers: [RateLimitTierHolder: String]

    /// Creates a snapshot.
    public init(version: Int64 = 0, tiers: [RateLimitTierHolder: String] = [:]) {
        self.version = version
        self.tiers = tiers
    }

    /// The tier assigned to `holder`, if any.
    public func tier(of holder: RateLimitTierHolder) -> String? { tiers[holder] }
}
