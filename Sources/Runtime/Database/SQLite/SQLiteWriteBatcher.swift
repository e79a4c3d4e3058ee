import Foundation
import GRDB

/// Group commit for the SQLite writer: writes that arrive while a commit is running are
/// committed together in the next transaction, so one `fsync` (the cost that bounds writes
/// with `synchronous = FULL`) acknowledges many requests.
///
/// What each caller is promised is unchanged from one transaction per call:
/// - its statements are all or nothing: each caller's statements run inside their own
///   savepoint, rolled back alone when one of them fails, so a failing request never fails
///   its neighbours;
/// - it is answered only after the transaction holding its statements has committed (and
///   synced), never before: continuations are resumed after `COMMIT` returns;
/// - if the shared transaction itself cannot commit (or SQLite aborts it, as on a full disk),
///   nothing of it was acknowledged, and every request of the batch is retried alone in its
///   own transaction, so each gets its own true outcome.
///
/// There is no timer and no added latency: an idle writer commits a lone write at once; batches
/// form only while a commit is in progress, exactly when callers would have waited anyway.
///
/// `@unchecked Sendable`: `pool` is `Sendable`; `pending`, `draining` and `observer` are read
/// and written only while holding `lock`.
final class SQLiteWriteBatcher: @unchecked Sendable {
    /// One caller's statements and the continuation that answers it.
    private struct PendingWrite: Sendable {
        let plan: WritePlan
        let continuation: CheckedContinuation<WriteResults, any Error>
        /// When it was asked for, read only while a `DatabaseObserver` listens.
        let asked: ContinuousClock.Instant?
    }

    /// Most requests committed in one transaction, so one transaction stays short.
    static let maximumBatchSize = 128

    private let pool: DatabasePool
    private let lock = NSLock()
    private var pending: [PendingWrite] = []
    /// Whether a drain loop is running on the writer queue.
    private var draining = false
    /// Calls answered from a transaction shared with other calls (tests read it to know the
    /// shared path ran; it is cheap enough to keep in production).
    private var sharedCommits = 0
    /// Told each write's wait and each transaction's size (the metrics); `nil`: nothing is timed.
    private var observer: (any DatabaseObserver)?

    /// Reports every later write to `observer`.
    func observe(_ observer: any DatabaseObserver) {
        lock.withLock { self.observer = observer }
    }

    /// How many calls so far were committed in a transaction shared with other calls.
    var sharedCommitCount: Int { lock.withLock { sharedCommits } }

    /// Creates the batcher over `pool`'s writer connection.
    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Runs `plan` in one savepoint of the next group commit and returns once it is durable.
    /// - Throws: the GRDB error of the statement that failed (the caller maps it), or what a
    ///   derivation of the plan threw.
    func write(_ plan: WritePlan) async throws -> WriteResults {
        try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            pending.append(PendingWrite(plan: plan, continuation: continuation, asked: observer == nil ? nil : ContinuousClock.now))
            let startsDraining = !draining
            draining = true
            lock.unlock()
            if startsDraining {
                pool.asyncWriteWithoutTransaction { db in self.drain(db) }
            }
        }
    }

    /// Commits batches on the writer queue until no write is pending.
    private func drain(_ db: GRDB.Database) {
        while true {
            lock.lock()
            let batch = Array(pending.prefix(Self.maximumBatchSize))
            pending.removeFirst(batch.count)
            if batch.isEmpty { draining = false }
            let observer = self.observer
            lock.unlock()
            if batch.isEmpty { return }
            let began = observer == nil ? nil : ContinuousClock.now
            commit(batch, in: db)
            if let observer, let began { Self.report(batch, began: began, to: observer) }
        }
    }

    /// Tells `observer` how long each write of `batch` waited for the transaction that `began`,
    /// and the batch's size; after its callers are answered, so it delays none of them, but on
    /// the writer's queue, so the next batch starts after it (a few histogram updates).
    private static func report(_ batch: [PendingWrite], began: ContinuousClock.Instant, to observer: any DatabaseObserver) {
        for write in batch {
            if let asked = write.asked { observer.writeWaited(began - asked) }
        }
        observer.writesCommitted(together: batch.count)
    }

    private func commit(_ batch: [PendingWrite], in db: GRDB.Database) {
        if batch.count == 1 {
            let write = batch[0]
            write.continuation.resume(with: Result { try Self.alone(write.plan, in: db) })
            return
        }
        var outcomes: [Result<WriteResults, any Error>] = []
        outcomes.reserveCapacity(batch.count)
        do {
            try SQLiteTransaction.immediate(db) {
                for write in batch {
                    outcomes.append(Self.inSavepoint(write.plan, in: db))
                    // SQLite rolled the whole transaction back (e.g. disk full): stop here.
                    if !db.isInsideTransaction { throw TransactionAborted() }
                }
            }
        } catch {
            // Nothing of this batch is committed: give each write its own transaction.
            for write in batch {
                write.continuation.resume(with: Result { try Self.alone(write.plan, in: db) })
            }
            return
        }
        lock.withLock { sharedCommits += batch.count }
        for (write, outcome) in zip(batch, outcomes) {
            write.continuation.resume(with: outcome)
        }
    }

    private static func inSavepoint(_ plan: WritePlan, in db: GRDB.Database) -> Result<WriteResults, any Error> {
        Result {
            try SQLiteTransaction.savepoint(db) {
                try plan.run { try SQLiteStatementRunner.write($0, in: db) }
            }
        }
    }

    private static func alone(_ plan: WritePlan, in db: GRDB.Database) throws -> WriteResults {
        try SQLiteTransaction.immediate(db) {
            try plan.run { try SQLiteStatementRunner.write($0, in: db) }
        }
    }

    /// Marks a batch whose shared transaction SQLite ended on its own.
    private struct TransactionAborted: Error {}
}
