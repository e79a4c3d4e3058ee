import Foundation

/// Whether the API keys and organizations a tier is assigned to exist, answered by the module
/// that owns them (`Auth`'s `AuthTierHolders`), so `RateLimitTierRoutes` answers 404 for an
/// unknown id without knowing the auth tables.
public protocol RateLimitTierHolders: Sendable {
    /// The API key `id`, or `nil` when no key has it.
    func apiKey(_ id: UUID) async throws -> RateLimitTierKey?
    /// Whether an organization has `id`.
    func organizationExists(_ id: UUID) async throws -> Bool
}

/// An API key as the tier routes need it: the organization it is bound to, whose tier it has
/// when it has none of its own.
public struct RateLimitTierKey: Sendable, Hashable {
    /// The organization the key is bound to (UUID text), if any.
    public let organizationID: String?

    /// Creates the key's facts.
    public init(organizationID: String?) {
        self.organizationID = organizationID
    }
}
