import Foundation

/// Reads and writes `loom_idempotency` outside the writes' transactions: the claim, the replay
/// lookup, the answer of a request whose write could not carry it, the release and the purge.
///
/// The claim is its own short transaction (autocommit on PostgreSQL: one round trip), so every
/// instance sees it at once and answers a second request with the key 409 while the first runs.
public struct IdempotencyStore: Sendable {
    /// The app's database.
    let database: any DatabaseClient
    /// The app's section.
    let settings: IdempotencySettings
    /// The clock (tests move it).
    let now: @Sendable () -> Date
    let statements: IdempotencyStatements

    /// Creates the store of `database`.
    public init(database: any DatabaseClient, settings: IdempotencySettings, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.settings = settings
        self.now = now
        self.statements = IdempotencyStatements(dialect: database.dialect)
    }

    /// What a request with a key meets.
    enum Admission: Sendable {
        /// The key is this request's now.
        case claimed(IdempotencyClaim)
        /// The key's first request was answered: this is its answer.
        case replay(IdempotentAnswer)
    }

    /// Claims `key` for a request of `fingerprint`, or finds its stored answer; throws 422 for a
    /// key used with another request and 409 while the first request runs.
    func admit(scope: String, key: String, fingerprint: String, headerName: String) async throws -> Admission {
        // A record deleted between the claim and the lookup (released) is claimed again.
        for _ in 0..<3 {
            let token = UUID().uuidString
            let claim = IdempotencyClaim(
                identity: .init(scope: scope, key: key, token: token), statements: statements, headerName: headerName)
            let milliseconds = Self.milliseconds(now())
            let statement = statements.claim(
                claim.identity, fingerprint: fingerprint, nowMilliseconds: milliseconds,
                lease: Int64(settings.claimTimeoutSeconds) * 1000, retention: Int64(settings.retentionSeconds) * 1000)
            if try await runAlone(statement).isEmpty == false { return .claimed(claim) }
            guard let row = try await database.fetch(statements.lookup(scope: scope, key: key)).first else { continue }
            return try answer(row, fingerprint: fingerprint, headerName: headerName)
        }
        throw IdempotencyError.inProgress(headerName: headerName)
    }

    /// The admission a found record gives.
    private func answer(_ row: SQLRow, fingerprint: String, headerName: String) throws -> Admission {
        var reader = RowReader(row)
        let storedFingerprint = try reader.string()
        let state = try reader.string()
        guard storedFingerprint == fingerprint else { throw IdempotencyError.reused(headerName: headerName) }
        switch state {
        case "done":
            let status = reader.takeNull() ? 200 : try reader.integer()
            let headers = reader.takeNull() ? "" : try reader.string()
            let body = reader.takeNull() ? "" : try reader.string()
            return .replay(IdempotentAnswer(status: Int(status), headers: IdempotentAnswer.headers(stored: headers), body: Array(body.utf8)))
        case "applied":
            throw IdempotencyError.answerLost(headerName: headerName)
        default:
            throw IdempotencyError.inProgress(headerName: headerName)
        }
    }

    /// Stores the answer of a request whose writes did not carry it.
    func complete(_ claim: IdempotencyClaim, with answer: IdempotentAnswer) async throws {
        _ = try await runAlone(statements.complete(claim.identity, with: answer))
    }

    /// Gives the key back (nothing of its request committed).
    func release(_ claim: IdempotencyClaim) async throws {
        _ = try await runAlone(statements.release(claim.identity))
    }

    /// Deletes expired records; returns how many.
    public func purge() async throws -> Int {
        try await database.write(WritePlan([statements.purge(nowMilliseconds: Self.milliseconds(now()))])).all.first?.changes ?? 0
    }

    /// Runs one writing statement in its own transaction: autocommit on PostgreSQL (one round
    /// trip), a write of its own on SQLite. Returns its rows.
    private func runAlone(_ statement: SQLStatement) async throws -> [SQLRow] {
        if let postgres = database as? PostgresDatabase { return try await postgres.runAutocommit(statement) }
        return try await database.write(WritePlan([statement])).all.first?.rows ?? []
    }

    /// Milliseconds since 1970.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
