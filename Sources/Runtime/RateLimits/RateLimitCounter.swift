/// Counts requests against rate-limit policies: in process for one SQLite server
/// (`InProcessRateLimitCounter`), in the database for instances sharing one PostgreSQL
/// (`PostgresRateLimitCounter`).
///
/// Both implement one algorithm, a fixed window that opens at a key's first request: the
/// window holds `quota` requests and ends `window` seconds after it opened; the request after
/// the end opens a new one. See `docs/rate-limits.md` for why and what it costs.
public protocol RateLimitCounter: Sendable {
    /// Counts one request for `key` under `policy` and says whether it is within the quota.
    func count(key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision
}
