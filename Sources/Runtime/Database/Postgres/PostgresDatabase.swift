import Foundation
import Logging
import NIOConcurrencyHelpers
import PostgresNIO
import ServiceLifecycle

/// The PostgreSQL engine of Loom: a postgres-nio `PostgresClient` connection pool.
///
/// Everything is asynchronous on SwiftNIO's event loops, so no thread blocks on the network.
/// Failures are reported as `DatabaseError` (see `PostgresErrorMapping`) with the same codes as
/// SQLite, so handlers answer identically on both engines. The pool runs as a service of the
/// server's `ServiceGroup` (`makePoolService`) or, outside one, in a task started by `start()`
/// and ended by `close()` (`PooledDatabase`); a statement sent before either fails at once
/// rather than waiting for a pool nobody runs.
///
/// Nothing about requests is kept in this process: several server instances can share one
/// database, and migrations serialize through an advisory lock (see `PostgresMigrationHistory`).
public final class PostgresDatabase: PooledDatabase {
    /// Always `.postgres`.
    public let dialect: SQLDialect = .postgres
    /// Where the pool connects.
    public let settings: PostgresConnectionSettings
    /// The connection pool.
    let client: PostgresClient
    /// Who runs the pool (`PostgresClient.run()`, which may be called once).
    let lifecycle = NIOLockedValueBox(PoolLifecycle.idle)
    /// The deadlines that answer every request's database work (`PostgresDeadlines`).
    let deadlines: PostgresDeadlines
    /// Receives migration steps and driver messages.
    let logger: Logger
    /// Told each write's wait for a connection and each transaction's size (the metrics).
    let writeObserver = NIOLockedValueBox<(any DatabaseObserver)?>(nil)

    /// Creates a pool for `settings`, not yet running: `start()` it, or run `makePoolService()`
    /// in a `ServiceGroup`. Connections open lazily; call `ping()` to check the server.
    public init(settings: PostgresConnectionSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        // Connection failures reach callers as thrown `DatabaseError`s; postgres-nio's own
        // background messages (each failed connect attempt, a lease racing the start of `run()`)
        // would only repeat them, so its logger shows errors only.
        var backgroundLogger = logger
        backgroundLogger.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: settings.clientConfiguration, backgroundLogger: backgroundLogger)
        self.client = client
        self.deadlines = PostgresDeadlines(statementTimeout: settings.statementTimeout, connectTimeout: settings.connectTimeout)
    }

    /// A pool started and running in its own task until `close()`: for tests and commands.
    public static func started(settings: PostgresConnectionSettings, logger: Logger) -> PostgresDatabase {
        let database = PostgresDatabase(settings: settings, logger: logger)
        database.start()
        return database
    }

    /// Runs one read-only statement on a pooled connection.
    public func fetch(_ statement: SQLStatement) async throws -> [SQLRow] {
        let logger = self.logger
        return try await withDeadlines { connection in
            try await PostgresStatementRunner.run(statement, on: connection, logger: logger).rows
        }
    }

    /// Runs every statement in one `REPEATABLE READ READ ONLY` transaction, hence against one snapshot.
    public func fetchSnapshot(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        if statements.count == 1 { return [try await fetch(statements[0])] }
        let logger = self.logger
        return try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
            var results: [[SQLRow]] = []
            for statement in statements {
                results.append(try await PostgresStatementRunner.run(statement, on: connection, logger: logger).rows)
            }
            return results
        }
    }

    /// Runs the plan in one `READ COMMITTED` transaction; any failure rolls all of it back.
    public func write(_ plan: WritePlan) async throws -> WriteResults {
        guard !plan.isEmpty else { return WriteResults(steps: []) }
        let logger = self.logger
        let observer = writeObserver.withLockedValue { $0 }
        let asked = observer == nil ? nil : ContinuousClock.now
        // Refused before a connection is leased once the request's time budget is spent (`TimeBudget`).
        let results = try await TimeBudget.guardingWrite {
            try await transaction(begin: "BEGIN") { connection in
                if let observer, let asked { observer.writeWaited(ContinuousClock.now - asked) }
                return try await plan.runAsync { statement in
                    try await PostgresStatementRunner.run(statement, on: connection, logger: logger)
                }
            }
        }
        observer?.writesCommitted(together: 1)
        return results
    }

    /// Reports every later write's wait for a pooled connection (and its transaction, always
    /// one write) to `observer`.
    public func observeWrites(_ observer: any DatabaseObserver) {
        writeObserver.withLockedValue { $0 = observer }
    }

    /// How long `ping()` waits for an answer: the URL's `connect_timeout` (10 s by default). The
    /// pool keeps retrying an unreachable server for a long time; readiness checks and start-up
    /// must answer sooner, yet a merely busy server must not fail start-up.
    var pingTimeout: Duration { settings.connectTimeout }

    /// Runs `SELECT 1`, failing with `.unavailable` when no answer comes within `pingTimeout`.
    public func ping() async throws {
        let timeout = pingTimeout
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = try await self.fetch(SQLStatement("SELECT 1"))
                return true
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            let answered = try await group.next() ?? false
            group.cancelAll()
            guard answered else {
                throw Runtime.DatabaseError(
                    code: .unavailable,
                    message: "PostgreSQL at \(settings.host):\(settings.port) did not answer within \(timeout)")
            }
        }
    }

    /// Applies the pending numbered migrations of `schema`, each in its own transaction under
    /// the migration lock (see `PostgresDatabase+NumberedMigrations`).
    /// - Throws: `MigrationError`.
    public func migrate(to schema: SchemaDefinition) async throws -> MigrationReport {
        try await applyNumberedMigrations(of: schema)
    }

    /// What `migrate(to:)` would apply now, read in a transaction that is rolled back.
    /// - Throws: `MigrationError`.
    public func plannedMigration(to schema: SchemaDefinition) async throws -> MigrationReport {
        try await plannedNumberedMigrations(of: schema)
    }

    /// How long `close()` waits for the pool to finish (for connections still leased by work
    /// whose connection hangs) before returning anyway, so shutdown always completes.
    static let closeTimeout: Duration = .seconds(10)

    /// Stops a pool `start()`ed: open connections close and later calls fail, within
    /// `closeTimeout` even when a connection never comes back. A pool run by its service closes
    /// when the service stops; here it only refuses later statements.
    public func close() async throws {
        let task = lifecycle.withLockedValue { state -> Task<Void, Never>? in
            defer { state = .closed }
            if case .runningInTask(let task) = state { return task }
            return nil
        }
        guard let task else { return }
        task.cancel()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await task.value }
            group.addTask { try? await Task.sleep(for: Self.closeTimeout) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Runs `body` on a pooled connection under the request deadlines (`PostgresDeadlines`).
    func withDeadlines<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try checkRunning()
        let client = self.client
        return try await deadlines.run(lease: { work in try await client.withConnection(work) }, body)
    }

    /// Runs `body` between `begin` and `end` (`COMMIT`, or `ROLLBACK` for a dry run) on one
    /// connection, rolling back on any error, under the request deadlines unless `bounded` is
    /// false (migrations, which may legitimately run long, lift `statement_timeout` too).
    func transaction<T: Sendable>(
        begin: String, end: String = "COMMIT", bounded: Bool = true, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let logger = self.logger
        let work: @Sendable (PostgresConnection) async throws -> T = { connection in
            _ = try await PostgresStatementRunner.run(SQLStatement(begin), on: connection, logger: logger)
            let value: T
            do {
                if !bounded { _ = try await PostgresStatementRunner.run(SQLStatement("SET LOCAL statement_timeout = 0"), on: connection, logger: logger) }
                value = try await body(connection)
            } catch {
                await Self.rollback(connection, logger: logger)
                throw error
            }
            _ = try await PostgresStatementRunner.run(SQLStatement(end), on: connection, logger: logger)
            return value
        }
        if bounded { return try await withDeadlines(work) }
        return try await mappingErrors { try await client.withConnection(work) }
    }

    /// Ends a failed transaction, even in a cancelled task (a deadline passed). A connection
    /// that cannot roll back is closed, so the pool never hands out one still inside a
    /// transaction.
    private static func rollback(_ connection: PostgresConnection, logger: Logger) async {
        do {
            _ = try await PostgresStatementRunner.run(SQLStatement("ROLLBACK"), on: connection, logger: logger, checkingCancellation: false)
        } catch {
            try? await connection.close()
        }
    }

    /// Throws `unavailable` when nobody runs the pool (not yet started, or closed), as a
    /// statement would otherwise wait for ever.
    private func checkRunning() throws {
        if let refusal = lifecycle.withLockedValue({ $0.refusal }) {
            throw Runtime.DatabaseError(code: .unavailable, message: "PostgreSQL at \(settings.host):\(settings.port): \(refusal)")
        }
    }

    /// Runs `body`, reporting postgres-nio failures (such as a pool that cannot connect) as `DatabaseError`.
    func mappingErrors<T>(_ body: () async throws -> T) async throws -> T {
        try checkRunning()
        do {
            return try await body()
        } catch {
            throw PostgresErrorMapping.map(error)
        }
    }
}
