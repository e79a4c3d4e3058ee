/// Rate-limit counters shared by every instance on one PostgreSQL: one row per counted key in
/// the `UNLOGGED` table `loom_rate_limits`, counted by a single `INSERT ... ON CONFLICT DO UPDATE`
/// per request (one round trip, autocommit, a row lock held for the statement alone).
///
/// Time is the database's (`clock_timestamp()`), so instances with skewed clocks still share
/// one window. The statement opens a window at a key's first request, adds one hit while the
/// window lasts, and opens a new one once it has ended; it returns the hits so far and the
/// milliseconds left, from which the decision and headers follow.
public struct PostgresRateLimitCounter: RateLimitCounter {
    /// The database (a PostgreSQL client; `PostgresDatabase.runAutocommit` runs the statement).
    let database: PostgresDatabase
    /// Whether the statement also returns the version of the tier assignments (apps with
    /// tiers), so each request tells its instance whether another changed a tier.
    let readsTierVersion: Bool

    /// Creates the counter; the table comes from `RateLimitMigrations` (migrated by the server),
    /// the tier version's from `RateLimitTierDirectory.migrate`.
    public init(database: PostgresDatabase, readsTierVersion: Bool = false) {
        self.database = database
        self.readsTierVersion = readsTierVersion
    }

    /// The counting statement: `$1` key, `$2` window in milliseconds.
    static let upsert = """
        WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now_ms) \
        INSERT INTO loom_rate_limits AS counter (key, window_ends, hits) \
        SELECT $1, clock.now_ms + $2, 1 FROM clock \
        ON CONFLICT (key) DO UPDATE SET \
        hits = CASE WHEN counter.window_ends <= (SELECT now_ms FROM clock) THEN 1 ELSE counter.hits + 1 END, \
        window_ends = CASE WHEN counter.window_ends <= (SELECT now_ms FROM clock) THEN EXCLUDED.window_ends \
        ELSE counter.window_ends END \
        RETURNING hits, window_ends - (SELECT now_ms FROM clock)
        """

    /// `upsert` also returning the tier version: a scalar subquery on a one-row table in the
    /// same statement (no second round trip).
    static let upsertReadingTierVersion = upsert + ", (" + RateLimitTierMigrations.versionQuery + ")"

    /// Counts one request in one statement.
    public func count(key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        let statement = SQLStatement(
            readsTierVersion ? Self.upsertReadingTierVersion : Self.upsert, [.text(key), .integer(Int64(policy.window) * 1_000)])
        let rows = try await database.runAutocommit(statement)
        guard let row = rows.first, row.values.count == (readsTierVersion ? 3 : 2), case .integer(let hits) = row.values[0],
            case .integer(let milliseconds) = row.values[1]
        else { throw DatabaseError(code: .other, message: "the rate-limit counter returned no hits") }
        var version: Int64?
        if readsTierVersion, case .integer(let seen) = row.values[2] { version = seen }
        return RateLimitDecision(policy: policy, hits: Int(hits), resetSeconds: Int((milliseconds + 999) / 1_000), tierVersion: version)
    }
}
