import Foundation
import Synchronization
import Testing

@testable import Runtime

/// `PostgresDeadlines` with a stand-in pool: a lease is a closure that hands out an `Int`
/// "connection" when (and if) the test lets it.
@Suite("PostgreSQL deadlines")
struct PostgresDeadlinesTests {
    /// A pool of `size` connections whose leases wait in line; `unreachable` never hands one out.
    final class FakePool: Sendable {
        private let free: Mutex<Int>
        let unreachable: Bool

        init(size: Int, unreachable: Bool = false) {
            free = Mutex(size)
            self.unreachable = unreachable
        }

        func lease<T: Sendable>(_ work: @escaping @Sendable (Int) async throws -> T) async throws -> T {
            while true {
                try Task.checkCancellation()
                if !unreachable, take() { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            defer { free.withLock { $0 += 1 } }
            return try await work(0)
        }

        /// Takes a free connection if there is one.
        private func take() -> Bool {
            free.withLock { count in
                guard count > 0 else { return false }
                count -= 1
                return true
            }
        }
    }

    /// Fresh deadlines (each test its own "unreachable" memory), long enough that a loaded
    /// machine (the whole suite runs in parallel) delays timers by far less than they measure.
    static func deadlines(acquisition: Duration = .seconds(1), operation: Duration = .seconds(60)) -> PostgresDeadlines {
        PostgresDeadlines(acquisition: acquisition, acquisitionWhileUnreachable: .milliseconds(100), operation: operation)
    }

    @Test("an unreachable database is unavailable after the acquisition deadline, then after the shorter one until a success")
    func unreachable() async throws {
        let deadlines = Self.deadlines()
        let unreachable = FakePool(size: 1, unreachable: true)
        #expect(deadlines.currentAcquisitionDeadline == .seconds(1))
        let started = ContinuousClock.now
        await #expect(throws: DatabaseError.self) {
            try await deadlines.run(lease: { try await unreachable.lease($0) }) { _ in 1 }
        }
        // Only a lower bound: a loaded machine may fire the timer late, never early.
        #expect(ContinuousClock.now - started >= .seconds(1))
        #expect(deadlines.currentAcquisitionDeadline == .milliseconds(100), "found unreachable: later requests wait less")
        await #expect(throws: DatabaseError.self) {
            try await deadlines.run(lease: { try await unreachable.lease($0) }) { _ in 1 }
        }
        // The pool answers at once, but under the whole suite's load the task taking the
        // connection may not run within the outage's 100 ms: such an attempt is refused like
        // any late one (and keeps the outage), so the first success may take a few attempts.
        let reachable = FakePool(size: 1)
        var answered: Int?
        for _ in 0..<10 where answered == nil {
            do {
                answered = try await deadlines.run(lease: { try await reachable.lease($0) }) { _ in 2 }
            } catch is DatabaseError {
                continue
            }
        }
        #expect(answered == 2)
        #expect(deadlines.currentAcquisitionDeadline == .seconds(1), "a success ends the outage")
    }

    @Test("a busy pool that keeps serving others is no outage: a queued request waits past the acquisition deadline")
    func busyPool() async throws {
        let deadlines = Self.deadlines(acquisition: .seconds(3))
        let pool = FakePool(size: 1)
        // Forty operations of 100 ms on one connection: the last waits about 4 s for it, more
        // than the 3 s acquisition deadline, while others are served all along.
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    (try? await deadlines.run(lease: { try await pool.lease($0) }) { _ in
                        try await Task.sleep(for: .milliseconds(100))
                        return true
                    }) ?? false
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 40))
    }

    @Test("an operation holding its connection past the operation deadline times out")
    func operationDeadline() async throws {
        let deadlines = Self.deadlines(operation: .seconds(2))
        let pool = FakePool(size: 1)
        try await Self.expectHungOperationTimedOut(deadlines, pool, "a hung operation was not ended")
    }

    @Test("one task watches every operation's deadlines while any is under way, ends when none is, and starts again with the next")
    func oneWatcher() async throws {
        let deadlines = Self.deadlines(operation: .seconds(1))
        let pool = FakePool(size: 4)
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<20 {
                group.addTask { try await deadlines.run(lease: { try await pool.lease($0) }) { _ in index } }
            }
            return try await group.reduce(0, +)
        }
        #expect(results == 190)
        var waited = Duration.zero
        while deadlines.watch.isWatching, waited < .seconds(10) {
            try await Task.sleep(for: PostgresDeadlines.Watch.interval)
            waited += PostgresDeadlines.Watch.interval
        }
        #expect(deadlines.watch.isWatching == false, "no operation under way: the watcher ended")
        try await Self.expectHungOperationTimedOut(deadlines, pool, "a hung operation was not ended by a watcher started again")
    }

    /// Runs an operation that holds its connection for 30 s and expects the operation deadline
    /// to end it (`timedOut`); `failure` is recorded when it returns.
    static func expectHungOperationTimedOut(_ deadlines: PostgresDeadlines, _ pool: FakePool, _ failure: Comment) async throws {
        do {
            _ = try await deadlines.run(lease: { try await pool.lease($0) }) { _ in
                try await Task.sleep(for: .seconds(30))
                return 1
            }
            Issue.record(failure)
        } catch let error as DatabaseError {
            #expect(error.code == .timedOut)
        }
    }
}
