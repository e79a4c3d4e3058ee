/// What generated storage code needs from a database engine.
///
/// Every call is one round trip of whole statements, so the same contract serves GRDB (whose
/// transactions are synchronous closures on its own threads) and postgres-nio (asynchronous).
/// Implementations run blocking work off the event loop.
public protocol DatabaseClient: Sendable {
    /// The dialect statements for this client must be written in.
    var dialect: SQLDialect { get }

    /// Runs one read-only statement and returns its rows.
    func fetch(_ statement: SQLStatement) async throws -> [SQLRow]

    /// Runs one read-only statement whose work is bounded by a primary-key lookup (at most one
    /// row), which a client may run without leaving the calling thread. The default runs `fetch`.
    func fetchByKey(_ statement: SQLStatement) async throws -> [SQLRow]

    /// Whether `fetchByKeyInline` can ever answer (the server then answers key reads on the
    /// event loop that read the request; see `InlineReads`). The default is `false`.
    var readsKeysInline: Bool { get }

    /// Runs a primary-key lookup synchronously on the calling thread, without waiting for
    /// anything, or returns `nil` when it cannot right now (the caller then takes the ordinary
    /// path). The default always returns `nil`.
    func fetchByKeyInline(_ statement: SQLStatement) throws -> [SQLRow]?

    /// Runs several read-only statements against one consistent snapshot
    /// (a page and its total count must agree).
    func fetchSnapshot(_ statements: [SQLStatement]) async throws -> [[SQLRow]]

    /// `fetchSnapshot` of statements whose work SQLite counts in virtual machine steps
    /// (`boundedBySteps`: no `COUNT(*)` without a condition, which counts b-tree pages in one
    /// step, and no full-text match, whose index is read outside them), which a client may run
    /// on the calling thread within a step budget. The default runs `fetchSnapshot`.
    func fetchSnapshot(_ statements: [SQLStatement], boundedBySteps: Bool) async throws -> [[SQLRow]]

    /// The statements of a list page in one snapshot, like `fetchSnapshot(_:boundedBySteps:)`;
    /// a client may start the page at a row whose place it remembers (`PageRead`). The default
    /// runs `fetchSnapshot(_:boundedBySteps:)`.
    func fetchPage(_ read: PageRead) async throws -> [[SQLRow]]

    /// Runs a write plan in one transaction, all or nothing: fixed steps as they are, derived
    /// steps worked out from the results before them, inside the transaction (see `WritePlan`).
    /// Returns, for each statement, the rows it returned (`RETURNING`) and the number of rows it
    /// changed. The transaction is committed durably before this returns; when any statement
    /// fails or a derivation throws, nothing of the plan is written and the error is rethrown.
    func write(_ plan: WritePlan) async throws -> WriteResults

    /// Checks that the database answers (used by `/health/ready`).
    func ping() async throws

    /// Brings the database schema to `schema`, recording what was applied. See `SchemaDefinition`.
    func migrate(to schema: SchemaDefinition) async throws -> MigrationReport

    /// What `migrate(to:)` would apply now, worked out inside a transaction that is rolled back,
    /// so nothing changes (`loom-server migrate --status`).
    /// - Throws: `MigrationError` when `migrate(to:)` would refuse.
    func plannedMigration(to schema: SchemaDefinition) async throws -> MigrationReport

    /// Closes connections; the client is unusable afterwards.
    func close() async throws

    /// Reports every later write to `observer` (the metrics' database wait and batch sizes).
    func observeWrites(_ observer: any DatabaseObserver)
}

extension DatabaseClient {
    /// Reports every later write to `observer` (the metrics' database wait and batch sizes);
    /// clients that do not measure their writes ignore it.
    public func observeWrites(_ observer: any DatabaseObserver) {}

    /// Clients without a faster way to run a key lookup run it like any other read.
    public func fetchByKey(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await fetch(statement)
    }

    /// Clients without a bounded path read every snapshot the ordinary way.
    public func fetchSnapshot(_ statements: [SQLStatement], boundedBySteps: Bool) async throws -> [[SQLRow]] {
        try await fetchSnapshot(statements)
    }

    /// Clients that remember no positions read every page from its conditions.
    public func fetchPage(_ read: PageRead) async throws -> [[SQLRow]] {
        try await fetchSnapshot(read.statements, boundedBySteps: read.boundedBySteps)
    }

    /// Clients that cannot read without waiting never read inline.
    public var readsKeysInline: Bool { false }

    /// Clients that cannot read without waiting never read inline.
    public func fetchByKeyInline(_ statement: SQLStatement) throws -> [SQLRow]? { nil }

    /// Runs fixed write statements in one transaction, all or nothing; one result per statement.
    public func write(_ statements: [SQLStatement]) async throws -> [WriteResult] {
        guard !statements.isEmpty else { return [] }
        return try await write(WritePlan(statements)).all
    }
}

/// The outcome of one write statement.
public struct WriteResult: Sendable {
    /// Rows returned by a `RETURNING` clause (empty otherwise).
    public var rows: [SQLRow]
    /// Number of rows inserted, updated or deleted.
    public var changes: Int
    /// Creates a result.
    public init(rows: [SQLRow], changes: Int) {
        self.rows = rows
        self.changes = changes
    }
}
