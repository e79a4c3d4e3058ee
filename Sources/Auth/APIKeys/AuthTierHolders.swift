import Foundation
import Runtime
import ValueFormats

/// The API keys and organizations rate-limit tiers are assigned to, as the `Auth` module stores
/// them: `RateLimitTierRoutes` asks it whether an id names a key (and its organization) or an
/// organization before it assigns a tier, so an unknown id is 404.
public struct AuthTierHolders: RateLimitTierHolders {
    /// The auth tables' database.
    let database: any DatabaseClient

    /// Reads keys and organizations from `database`.
    public init(database: any DatabaseClient) {
        self.database = database
    }

    private var sql: AuthSQL { AuthSQL(dialect: database.dialect) }

    /// The key `id` (revoked or not: its tier stays assigned until the row goes).
    public func apiKey(_ id: UUID) async throws -> RateLimitTierKey? {
        let rows = try await database.fetch(sql.statement("SELECT organization_id FROM auth_api_keys WHERE id = ?", [.uuid(id)]))
        guard let row = rows.first, let value = row.values.first else { return nil }
        switch value {
        case .uuid(let organization): return RateLimitTierKey(organizationID: ValueFormats.lowercaseText(of: organization))
        case .text(let organization): return RateLimitTierKey(organizationID: organization.lowercased())
        default: return RateLimitTierKey(organizationID: nil)
        }
    }

    /// Whether the organization `id` exists.
    public func organizationExists(_ id: UUID) async throws -> Bool {
        try await !database.fetch(sql.statement("SELECT 1 FROM auth_organizations WHERE id = ?", [.uuid(id)])).isEmpty
    }
}
