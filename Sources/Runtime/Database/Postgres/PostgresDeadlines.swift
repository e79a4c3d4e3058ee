import Foundation
import Synchronization

/// Every request's database work on PostgreSQL is answered by a deadline, whatever happens to
/// its connection.
///
/// Operators found requests stranded forever when a connection dropped under them (PostgreSQL
/// restarted, `pg_terminate_backend`, a network blip): the driver's reply never came, the
/// handler never answered, and graceful shutdown then waited for them without end. The server's
/// own timeouts (`statement_timeout`, `idle_in_transaction_session_timeout`) end slow work on
/// the server side but cannot answer a request whose connection is gone. So each operation runs
/// in a task of its own and the caller waits for whichever comes first: its result, or
/// - the **acquisition deadline** while it still waits for a pooled connection (the URL's
///   `connect_timeout`, 10 s by default; 1 s while the database was found unreachable and
///   nothing has succeeded since, so an outage is answered 503 at once rather than after the
///   pool's 60 s circuit breaker), unless the pool handed a connection to other work meanwhile:
///   then the database answers and the pool is only busy, so the request keeps its place; or
/// - the **operation deadline**, `statement_timeout` plus 5 s after the acquisition deadline,
///   which ends every operation, waiting or running.
///
/// The operation task is then cancelled: a pending lease is withdrawn, and a transaction stops
/// before its next statement and rolls back. The caller gets `unavailable` or `timedOut`, which
/// the middleware answers with 503 in the app's error format.
final class PostgresDeadlines: Sendable {
    /// Longest wait for a pooled connection while the database answers.
    let acquisition: Duration
    /// Longest wait for a pooled connection while the database was last found unreachable.
    let acquisitionWhileUnreachable: Duration
    /// Longest an operation may take once the acquisition deadline has passed.
    let operation: Duration
    /// When the database was last found unreachable with nothing succeeding since, else `nil`.
    private let unreachableSince = Mutex<ContinuousClock.Instant?>(nil)
    /// When the pool last handed a connection to any operation, else `nil`.
    private let lastLease = Mutex<ContinuousClock.Instant?>(nil)

    /// Deadlines for a pool that waits `connectTimeout` for a connection and whose statements may
    /// run for `statementTimeout`.
    convenience init(statementTimeout: Duration, connectTimeout: Duration) {
        self.init(acquisition: connectTimeout, acquisitionWhileUnreachable: .seconds(1), operation: statementTimeout + .seconds(5))
    }

    /// Deadlines as given (tests use short ones).
    init(acquisition: Duration, acquisitionWhileUnreachable: Duration, operation: Duration) {
        self.acquisition = acquisition
        self.acquisitionWhileUnreachable = acquisitionWhileUnreachable
        self.operation = operation
    }

    /// Runs `body` with a connection from `lease`, answering by the deadlines above.
    /// `lease` calls its argument with a leased connection (`PostgresClient.withConnection`).
    func run<Connection, T: Sendable>(
        lease: @escaping @Sendable (@escaping @Sendable (Connection) async throws -> T) async throws -> T,
        _ body: @escaping @Sendable (Connection) async throws -> T
    ) async throws -> T {
        let race = Race<T>()
        let started = ContinuousClock.now
        let waitForConnection = currentAcquisitionDeadline
        let work = Task {
            do {
                let value = try await lease { connection in
                    // A lease granted after the deadline fired must not run anything.
                    try Task.checkCancellation()
                    race.acquired()
                    self.lastLease.withLock { $0 = .now }
                    return try await body(connection)
                }
                race.finish(.success(value))
            } catch {
                race.finish(.failure(PostgresErrorMapping.map(error)))
            }
        }
        let timer = Task { [acquisition = waitForConnection, operation] in
            try? await Task.sleep(for: acquisition)
            if !self.leased(since: started), race.expire(unlessAcquired: true, DatabaseError(
                code: .unavailable, message: "no PostgreSQL connection within \(acquisition) (the server is unreachable or the pool is exhausted)"))
            {
                work.cancel()
                return
            }
            try? await Task.sleep(for: operation)
            if race.expire(unlessAcquired: false, DatabaseError(code: .timedOut, message: "the operation did not finish within \(acquisition + operation)")) {
                work.cancel()
            }
        }
        defer { timer.cancel() }
        do {
            let value = try await race.value()
            unreachableSince.withLock { $0 = nil }
            return value
        } catch let error as DatabaseError where error.code == .unavailable {
            unreachableSince.withLock { $0 = $0 ?? .now }
            throw error
        }
    }

    /// How long an operation starting now may wait for a connection: shorter while the database
    /// was last found unreachable.
    var currentAcquisitionDeadline: Duration {
        unreachableSince.withLock { $0 } == nil ? acquisition : acquisitionWhileUnreachable
    }

    /// Whether the pool handed a connection to any operation at or after `instant`.
    private func leased(since instant: ContinuousClock.Instant) -> Bool {
        lastLease.withLock { last in last.map { $0 >= instant } ?? false }
    }

    /// The first of an operation's result and its deadlines, handed once to one waiter.
    private final class Race<T: Sendable>: Sendable {
        private struct State {
            var acquired = false
            var outcome: Result<T, any Error>?
            var waiter: CheckedContinuation<T, any Error>?
        }
        private let state = Mutex(State())

        func acquired() { state.withLock { $0.acquired = true } }

        /// Settles the race with the operation's outcome unless a deadline already did.
        func finish(_ outcome: Result<T, any Error>) { settle(outcome) }

        /// Settles the race with `error` unless it is settled (or, with `unlessAcquired`, the
        /// operation holds a connection); returns whether it did.
        func expire(unlessAcquired: Bool, _ error: DatabaseError) -> Bool {
            let acquired = state.withLock { $0.acquired }
            if unlessAcquired && acquired { return false }
            return settle(.failure(error))
        }

        /// The race's outcome, once there is one.
        func value() async throws -> T {
            try await withCheckedThrowingContinuation { continuation in
                let outcome: Result<T, any Error>? = state.withLock { state in
                    if let outcome = state.outcome { return outcome }
                    state.waiter = continuation
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        }

        @discardableResult
        private func settle(_ outcome: Result<T, any Error>) -> Bool {
            let (settled, waiter): (Bool, CheckedContinuation<T, any Error>?) = state.withLock { state in
                guard state.outcome == nil else { return (false, nil) }
                state.outcome = outcome
                defer { state.waiter = nil }
                return (true, state.waiter)
            }
            waiter?.resume(with: outcome)
            return settled
        }
    }
}
