import Foundation
import NIOConcurrencyHelpers

/// The tier assignments of one server instance, kept in memory so choosing a caller's tier
/// costs a lock and a dictionary lookup, never a database read.
///
/// It is read in full (one snapshot of both tables) when the server starts and again whenever
/// it is stale: after a change made through this instance (`RateLimitTierRoutes` reloads once
/// the change committed) and, on PostgreSQL, when the counter statement of a request returns a
/// newer `version` than the one held (a change made through another instance), so every
/// instance counts the caller's next request under the new tier. See `docs/rate-limits.md`.
public final class RateLimitTierDirectory: Sendable {
    /// The database holding `loom_rate_limit_tiers`.
    let database: any DatabaseClient
    private let state = NIOLockedValueBox(RateLimitTierAssignments())

    /// A directory over `database`, empty until `reload()`.
    public init(database: any DatabaseClient) {
        self.database = database
    }

    /// Creates the tables on `database` (recorded as `<app>.ratelimittiers`).
    public static func migrate(_ database: any DatabaseClient, app: String) async throws -> [String] {
        try await database.migrate(to: RateLimitTierMigrations.schema(app: app)).applied.map { "rate-limit tier migration \($0)" }
    }

    /// The assignments held now.
    public var current: RateLimitTierAssignments { state.withLockedValue { $0 } }

    /// Reads every assignment and the version in one snapshot and keeps them unless a newer
    /// version is already held (two requests noticing one change both read it); returns what
    /// is held afterwards.
    @discardableResult
    public func reload() async throws -> RateLimitTierAssignments {
        let results = try await database.fetchSnapshot([
            SQLStatement(RateLimitTierMigrations.versionQuery), SQLStatement("SELECT holder, tier FROM loom_rate_limit_tiers"),
        ])
        guard results.count == 2, case .integer(let version) = results[0].first?.values.first
        else { throw DatabaseError(code: .other, message: "loom_rate_limit_tier_version has no row") }
        var tiers: [RateLimitTierHolder: String] = [:]
        for row in results[1] {
            guard row.values.count == 2, case .text(let key) = row.values[0], case .text(let tier) = row.values[1],
                let holder = RateLimitTierHolder(key: key)
            else { continue }
            tiers[holder] = tier
        }
        let loaded = RateLimitTierAssignments(version: version, tiers: tiers)
        return state.withLockedValue { held in
            if loaded.version >= held.version { held = loaded }
            return held
        }
    }

    /// The statements assigning `tier` to `holder` (`nil`: removing its tier) and announcing the
    /// change to every instance, to run in one transaction with the change's audit row.
    func changeStatements(_ holder: RateLimitTierHolder, tier: String?, at time: Date) -> [SQLStatement] {
        let dialect = database.dialect
        func statement(_ sql: String, _ binds: [SQLValue]) -> SQLStatement {
            SQLStatement(PlaceholderSequence.render(sql, for: dialect), binds)
        }
        let change: SQLStatement
        if let tier {
            change = statement(
                "INSERT INTO loom_rate_limit_tiers (holder, tier, updated_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (holder) DO UPDATE SET tier = excluded.tier, updated_at = excluded.updated_at",
                [.text(holder.key), .text(tier), .integer(Int64((time.timeIntervalSince1970 * 1_000).rounded(.down)))])
        } else {
            change = statement("DELETE FROM loom_rate_limit_tiers WHERE holder = ?", [.text(holder.key)])
        }
        return [change, SQLStatement("UPDATE loom_rate_limit_tier_version SET version = version + 1 WHERE id = 1")]
    }
}
