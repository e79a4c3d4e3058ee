import Hummingbird
import Synchronization

/// Watches the deadlines of every running `TimeBudget` with **one** sleeping task for the whole
/// process, instead of a timer per request.
///
/// A timer per request was the first design: a task group with the handler and a `Task.sleep`
/// child. On Linux a cancelled sleep's timer stays queued until its deadline, so a server at
/// 20,000 requests a second carried 600,000 dead 30 s timers, and each request paid about 15 µs
/// for the group, two child tasks and the timer (`Benchmarks/README.md`, "Protections A/B").
/// Here a request pays two short critical sections (watch, release), and the watcher wakes at the
/// earliest deadline of the budgets running when it went to sleep: with equal budgets about once
/// per second under any load (`longestNap`). A budget shorter than that target (an endpoint's own
/// `timeoutSeconds`) restarts the watcher, which is rare and costs one task.
final class DeadlineWatch: Sendable {
    /// The process's watch; budgets of every server in the process share it.
    static let shared = DeadlineWatch()

    /// A watch of its own (tests); servers use `shared`.
    init(longestNap: Duration = DeadlineWatch.longestNap) {
        self.nap = longestNap
    }

    /// A running budget and the task it cancels when its deadline passes.
    private struct Entry {
        let budget: TimeBudget
        let task: Task<Response, any Error>
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        /// When the watcher wakes next; `nil` when no watcher runs.
        var wakeAt: ContinuousClock.Instant?
        var watcher: Task<Void, Never>?
    }

    private let state = Mutex(State())

    /// Watches `budget` until `release(_:)`: past its deadline, and if the budget allows it
    /// (`TimeBudget.deadlinePassed()`), `task` is cancelled.
    func watch(_ budget: TimeBudget, cancelling task: Task<Response, any Error>) {
        state.withLock { state in
            state.entries[ObjectIdentifier(budget)] = Entry(budget: budget, task: task)
            if let wakeAt = state.wakeAt, wakeAt <= budget.deadline { return }
            state.watcher?.cancel()
            state.wakeAt = budget.deadline
            state.watcher = Task.detached { [weak self] in await self?.sleep(until: budget.deadline) }
        }
    }

    /// Stops watching `budget` (its handler ended).
    func release(_ budget: TimeBudget) {
        _ = state.withLock { $0.entries.removeValue(forKey: ObjectIdentifier(budget)) }
    }

    /// The longest the watcher sleeps at once while budgets run: a bound on how late any
    /// deadline is noticed even if a wake-up went astray (a full test suite once saw a 200 ms
    /// budget end at its 30 s neighbour's deadline), for one wake-up a second.
    static let longestNap = Duration.seconds(1)
    /// This watch's longest nap (`longestNap` for servers; tests lengthen it to see that only a
    /// restart ends a short budget in time).
    private let nap: Duration

    /// The watcher: sleeps until `instant` (at most `longestNap`), handles the budgets past their
    /// deadline, and goes to sleep again until the next deadline, or ends when no budget runs. A
    /// cancelled sleep means another watcher with an earlier target took over.
    private func sleep(until instant: ContinuousClock.Instant) async {
        var target = instant
        while true {
            do {
                try await Task.sleep(until: min(target, .now + nap), clock: .continuous)
            } catch {
                return
            }
            guard let next = expire() else { return }
            target = next
        }
    }

    /// Ends the budgets past their deadline and returns the earliest deadline still ahead, or
    /// `nil` (and the watcher ends) when none is. Cancelling under the lock keeps each task
    /// watched while it is cancelled; its cancellation handlers never take this lock.
    private func expire() -> ContinuousClock.Instant? {
        let now = ContinuousClock.now
        return state.withLock { state in
            var next: ContinuousClock.Instant?
            var expired: [ObjectIdentifier] = []
            for (key, entry) in state.entries {
                if entry.budget.deadline <= now {
                    expired.append(key)
                    if entry.budget.deadlinePassed() { entry.task.cancel() }
                } else if next.map({ entry.budget.deadline < $0 }) ?? true {
                    next = entry.budget.deadline
                }
            }
            for key in expired { state.entries.removeValue(forKey: key) }
            state.wakeAt = next
            if next == nil { state.watcher = nil }
            return next
        }
    }
}
