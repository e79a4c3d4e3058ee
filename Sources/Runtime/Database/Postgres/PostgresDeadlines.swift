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
///
/// The deadlines are watched by one task for every operation under way (`Watch`), which looks
/// every `Watch.interval` (so a deadline fires up to that much late): a timer per operation
/// (`Task.sleep`) armed and cancelled a dispatch timer for every statement, a wake-up of
/// libdispatch's manager thread each, about a tenth of the server's CPU on a primary-key read.
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
    /// The operations under way and the one task that ends those past a deadline.
    let watch = Watch()

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
        let watched = watch.add(
            Watch.Entry(
                acquisitionEnds: started + waitForConnection, operationEnds: started + waitForConnection + operation,
                expireAcquisition: { [acquisition = waitForConnection] in
                    guard !self.leased(since: started) else { return false }
                    return race.expire(unlessAcquired: true, DatabaseError(
                        code: .unavailable, message: "no PostgreSQL connection within \(acquisition) (the server is unreachable or the pool is exhausted)"))
                },
                expireOperation: { [acquisition = waitForConnection, operation] in
                    race.expire(unlessAcquired: false, DatabaseError(code: .timedOut, message: "the operation did not finish within \(acquisition + operation)"))
                },
                cancel: { work.cancel() }))
        defer { watch.remove(watched) }
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

    /// The operations under way, each with its deadlines, and the task that ends those past
    /// them: it runs while any operation is under way, waking every `interval`.
    final class Watch: Sendable {
        /// How often the deadlines are looked at, and so how late one may fire at most.
        static let interval = Duration.milliseconds(50)

        struct Entry: Sendable {
            let acquisitionEnds: ContinuousClock.Instant
            let operationEnds: ContinuousClock.Instant
            /// Settles the operation as unavailable unless it holds (or the pool has recently
            /// handed out) a connection; whether it did.
            let expireAcquisition: @Sendable () -> Bool
            /// Settles the operation as timed out unless it is settled; whether it did.
            let expireOperation: @Sendable () -> Bool
            /// Cancels the operation's task.
            let cancel: @Sendable () -> Void
        }

        private struct State {
            var next: UInt64 = 0
            /// Each entry, and whether its acquisition deadline passed while it held a connection
            /// (only its operation deadline is left to look at).
            var entries: [UInt64: (entry: Entry, acquired: Bool)] = [:]
            var watching = false
        }
        private let state = Mutex(State())

        /// Watches `entry` until `remove`; returns its key.
        func add(_ entry: Entry) -> UInt64 {
            let (key, start) = state.withLock { state in
                state.next += 1
                state.entries[state.next] = (entry, false)
                defer { state.watching = true }
                return (state.next, !state.watching)
            }
            // Detached: the watcher outlives the operation that started it and takes none of its
            // priority or task-local values.
            if start { Task.detached { await self.watchWhileBusy() } }
            return key
        }

        /// Whether the watching task runs (it ends once no operation is under way).
        var isWatching: Bool { state.withLock { $0.watching } }

        /// Stops watching the entry of `key` (its operation is settled).
        func remove(_ key: UInt64) {
            _ = state.withLock { $0.entries.removeValue(forKey: key) }
        }

        /// Looks at the deadlines every `interval` until no operation is under way.
        private func watchWhileBusy() async {
            while true {
                try? await Task.sleep(for: Self.interval)
                let now = ContinuousClock.now
                let due: [(UInt64, Entry, operation: Bool)]? = state.withLock { state in
                    if state.entries.isEmpty {
                        state.watching = false
                        return nil
                    }
                    return state.entries.compactMap { key, watched in
                        // The acquisition deadline is looked at first, even on a tick late past both.
                        if now >= watched.entry.acquisitionEnds, !watched.acquired { return (key, watched.entry, false) }
                        if now >= watched.entry.operationEnds { return (key, watched.entry, true) }
                        return nil
                    }
                }
                guard let due else { return }
                for (key, entry, operation) in due {
                    if operation ? entry.expireOperation() : entry.expireAcquisition() {
                        entry.cancel()
                        remove(key)
                    } else if !operation {
                        // Nothing to mark when the operation ended meanwhile (its entry is gone).
                        state.withLock { $0.entries[key]?.acquired = true }
                    }
                }
            }
        }
    }
}
