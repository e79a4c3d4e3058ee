import HTTPTypes
import Hummingbird

/// A way to exercise an app's own time budgets (`limits.timeoutSeconds`,
/// `limits.batchTimeoutSeconds`) on a live server in seconds rather than minutes: every route's
/// budget is multiplied by `scale`, and `delay` pauses a route's handler inside its budget, as a
/// slow database or a large batch would. Off by default (`LoomServer.Configuration.timeBudgetTesting`
/// is `nil`, and `serve` never sets it); for tests only.
public struct TimeBudgetTesting: Sendable {
    /// The factor applied to every route's budget (0.01 turns 30 s into 300 ms, keeping the
    /// ratio of the standard and batch budgets).
    public var scale: Double
    /// How long to pause before the handler of `request` runs (within its budget); `nil`: no pause.
    public var delay: @Sendable (HTTPRequest) -> Duration?

    /// Budgets multiplied by `scale`; handlers paused by `delay`.
    public init(scale: Double, delay: @escaping @Sendable (HTTPRequest) -> Duration? = { _ in nil }) {
        self.scale = scale
        self.delay = delay
    }

    /// `budget` scaled.
    func budget(_ budget: Duration) -> Duration { budget * scale }

    /// `handler`, paused first by `delay` (a cancellable sleep: the budget's end interrupts it).
    func handler(_ handler: @escaping RouteRegistry.Handler) -> RouteRegistry.Handler {
        let delay = self.delay
        return { request, context in
            if let pause = delay(request.head) { try await Task.sleep(for: pause) }
            return try await handler(request, context)
        }
    }
}
