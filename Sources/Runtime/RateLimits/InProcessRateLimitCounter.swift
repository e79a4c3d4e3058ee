import NIOConcurrencyHelpers
import NIOCore

/// Rate-limit counters in this process's memory, for a single server on SQLite: one lock and
/// one dictionary entry per counted key, no I/O, so counting never waits on the database.
///
/// Windows are timed on the monotonic clock (`NIODeadline`), so changing the wall clock does
/// not reopen or stretch them. Expired windows are swept once the dictionary has grown by
/// `sweepInterval` keys since the last sweep, which bounds memory by the keys active in one
/// window plus that slack.
public final class InProcessRateLimitCounter: RateLimitCounter {
    private struct Window {
        var endsAt: NIODeadline
        var hits: Int
    }

    private struct State {
        var windows: [String: Window] = [:]
        var sizeAfterLastSweep = 0
    }

    private let state = NIOLockedValueBox(State())
    private let now: @Sendable () -> NIODeadline
    /// How many new keys trigger a sweep of expired windows.
    let sweepInterval: Int

    /// Creates an empty counter; `now` is replaceable so tests can move time.
    public init(sweepInterval: Int = 4_096, now: @escaping @Sendable () -> NIODeadline = { .now() }) {
        self.sweepInterval = sweepInterval
        self.now = now
    }

    /// Counts one request (synchronously: callers on the event loop may use `countNow`).
    public func count(key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        countNow(key: key, policy: policy)
    }

    /// Counts one request without suspending.
    public func countNow(key: String, policy: RateLimitPolicy) -> RateLimitDecision {
        let now = self.now()
        let window = state.withLockedValue { state -> Window in
            var window = state.windows[key] ?? Window(endsAt: now, hits: 0)
            if window.endsAt <= now { window = Window(endsAt: now + .seconds(Int64(policy.window)), hits: 0) }
            window.hits += 1
            state.windows[key] = window
            if state.windows.count >= state.sizeAfterLastSweep + sweepInterval {
                state.windows = state.windows.filter { $0.value.endsAt > now }
                state.sizeAfterLastSweep = state.windows.count
            }
            return window
        }
        let nanoseconds = (window.endsAt - now).nanoseconds
        let seconds = Int((nanoseconds + 999_999_999) / 1_000_000_000)
        return RateLimitDecision(policy: policy, hits: window.hits, resetSeconds: seconds)
    }

    /// How many keys have a window in memory (tests check the sweep).
    public var trackedKeys: Int { state.withLockedValue { $0.windows.count } }
}
