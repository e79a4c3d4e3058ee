import NIOConcurrencyHelpers
import NIOCore
import Runtime

/// Bounds concurrent bcrypt work: at most `concurrency` hashes run at once (one per core, as
/// NIO's blocking pool has threads), at most `queueLimit` more wait in line, and a request that
/// would wait beyond that is answered 503 with `Retry-After: 1` at once. Without it 64 parallel
/// logins queue on the pool and push a legitimate login to many seconds; with it a flood costs
/// the queue's length in waiting and every request past it is refused cheaply.
final class BcryptGate: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, any Error>] = []
    }

    private let state = NIOLockedValueBox(State())
    /// Most bcrypt runs at once.
    let concurrency: Int
    /// Most runs waiting for a slot.
    let queueLimit: Int

    /// Creates a gate.
    init(concurrency: Int = System.coreCount, queueLimit: Int = 8 * System.coreCount) {
        self.concurrency = max(1, concurrency)
        self.queueLimit = max(0, queueLimit)
    }

    /// Runs `work` once a slot is free; throws 503 when the queue is full.
    func run<Value: Sendable>(_ work: () async throws -> Value) async throws -> Value {
        try await acquire()
        defer { release() }
        return try await work()
    }

    private enum Admission { case admitted, waiting, refused }

    /// Takes a slot, waits in line for one, or refuses; decided under one lock, so the line
    /// never grows past `queueLimit`. (bcrypt takes far longer than the continuation costs.)
    private func acquire() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let admission = state.withLockedValue { state -> Admission in
                if state.running < concurrency {
                    state.running += 1
                    return .admitted
                }
                guard state.waiting.count < queueLimit else { return .refused }
                state.waiting.append(continuation)
                return .waiting
            }
            switch admission {
            case .admitted: continuation.resume()
            case .refused: continuation.resume(throwing: Self.busy)
            case .waiting: break
            }
        }
    }

    /// Hands the slot to the first waiter, or frees it.
    private func release() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, any Error>? in
            if state.waiting.isEmpty {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }

    /// How many runs wait for a slot (tests watch the line fill).
    var waitingCount: Int { state.withLockedValue { $0.waiting.count } }

    /// The answer past the queue: 503 in the app's format, retry in a second.
    static var busy: APIError {
        var error = APIError.unavailable
        error.detail = "Too many password checks are running; retry in a second."
        error.headers[.retryAfter] = "1"
        return error
    }
}
