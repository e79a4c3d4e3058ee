import NIOConcurrencyHelpers

/// Wakes the delivery loops when a transaction holding events committed, so a delivery starts
/// at once instead of at the next poll. Losing a wake-up only delays delivery: the loops poll
/// as well.
///
/// A counter, not continuations: each loop remembers the count it last saw and checks it in
/// short steps, so no wake-up can fall between a check and a wait, and any number of loops
/// see each one.
public final class DeliverySignal: Sendable {
    private let count = NIOLockedValueBox<UInt64>(0)
    /// How often a waiting loop looks at the counter.
    private static let step = Duration.milliseconds(20)

    /// Creates a signal.
    public init() {}

    /// Wakes every loop.
    public func wake() {
        count.withLockedValue { $0 &+= 1 }
    }

    /// The current count, to pass to `wait(after:timeout:)`.
    var current: UInt64 { count.withLockedValue { $0 } }

    /// Returns once the count differs from `seen`, after `timeout`, or when the task is cancelled.
    func wait(after seen: UInt64, timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while current == seen, ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: min(Self.step, deadline - ContinuousClock.now))
        }
    }
}
