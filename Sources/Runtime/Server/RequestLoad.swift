import Synchronization

/// How many requests this server is answering right now: those through Hummingbird, counted by
/// `LoomMiddleware` (an inline key read finishes on the event loop at once and is not counted).
///
/// Why: background work that may wait (webhook delivery) reads it to leave the CPU to clients
/// while they are being served, and catches up when the server is quiet. One relaxed atomic
/// increment and decrement per request.
public final class RequestLoad: Sendable {
    private let inFlight = Atomic<Int>(0)

    /// A load of none.
    public init() {}

    /// Requests being answered at this moment.
    public var current: Int { inFlight.load(ordering: .relaxed) }

    /// A request entered the server.
    public func enter() { inFlight.add(1, ordering: .relaxed) }

    /// A request was answered (or failed).
    public func leave() { inFlight.subtract(1, ordering: .relaxed) }
}
