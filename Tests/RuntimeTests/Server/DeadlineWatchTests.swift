import Hummingbird
import Testing

@testable import Runtime

/// The process-wide deadline watch behind `TimeBudget`: one sleeping watcher serves budgets of
/// different lengths, so a short budget that arrives while the watcher sleeps towards a long
/// one's deadline still ends on time, and the long one is left alone.
@Suite("Deadline watch")
struct DeadlineWatchTests {
    /// A task that sleeps far past any budget here, ended early only by cancellation.
    static func sleeper() -> Task<Response, any Error> {
        Task {
            try await Task.sleep(for: .seconds(7_200))
            return Response(status: .ok)
        }
    }

    @Test(
        "a short budget watched after a long one is cancelled at its own deadline; the long one is not",
        .timeLimit(.minutes(40)))
    func shorterBudgetRestartsWatcher() async throws {
        // Naps as long as the long budget (an hour): only restarting for the short one can end it
        // in time. The bound is loose because a whole suite on two busy cores has delayed the
        // watcher's wake-up by minutes (145 s once): it tells "its own deadline" from "the long
        // one's" and nothing finer.
        let watch = DeadlineWatch(longestNap: .seconds(3_600))
        let long = TimeBudget(limit: .seconds(3_600)), longTask = Self.sleeper()
        let short = TimeBudget(limit: .milliseconds(200)), shortTask = Self.sleeper()
        watch.watch(long, cancelling: longTask)
        watch.watch(short, cancelling: shortTask)
        let started = ContinuousClock.now
        await #expect(throws: CancellationError.self) { try await shortTask.value }
        #expect(ContinuousClock.now - started < .seconds(1_200), "ended by its 200 ms budget (and a loaded machine), not the hour-long one")
        #expect(short.hasExpired)
        #expect(!long.hasExpired)
        #expect(!longTask.isCancelled)
        watch.release(long)
        watch.release(short)
        longTask.cancel()
    }

    @Test("a released budget is never cancelled, and a budget watched after the watcher ended is")
    func releasedBudgetLeftAlone() async throws {
        let watch = DeadlineWatch()
        let done = TimeBudget(limit: .milliseconds(100)), doneTask = Self.sleeper()
        watch.watch(done, cancelling: doneTask)
        watch.release(done)
        try await Task.sleep(for: .milliseconds(400))
        #expect(!doneTask.isCancelled)
        #expect(!done.hasExpired)
        doneTask.cancel()
        let later = TimeBudget(limit: .milliseconds(100)), laterTask = Self.sleeper()
        watch.watch(later, cancelling: laterTask)
        await #expect(throws: CancellationError.self) { try await laterTask.value }
        #expect(later.hasExpired)
        watch.release(later)
    }
}
