import NIOConcurrencyHelpers
import Runtime
import Testing

@testable import Auth

/// The bound on concurrent bcrypt work: a slot per core, a line of limited length, 503 beyond.
@Suite("bcrypt gate")
struct BcryptGateTests {
    @Test("past the running slots and the line, a request is refused at once with 503 and Retry-After; the line is served in turn")
    func boundedQueue() async throws {
        let gate = BcryptGate(concurrency: 1, queueLimit: 1)
        let release = AsyncStream<Void>.makeStream()
        let order = NIOLockedValueBox<[Int]>([])
        async let first: Void = gate.run {
            order.withLockedValue { $0.append(1) }
            for await _ in release.stream { break }
        }
        while order.withLockedValue({ $0 }).isEmpty { await Task.yield() }
        async let second: Void = gate.run { order.withLockedValue { $0.append(2) } }
        while gate.waitingCount == 0 { await Task.yield() }
        var refused: APIError?
        do {
            try await gate.run { order.withLockedValue { $0.append(3) } }
        } catch let error as APIError {
            refused = error
        }
        let error = try #require(refused)
        #expect(error.status == .serviceUnavailable)
        #expect(error.headers[.retryAfter] == "1")
        release.continuation.yield()
        release.continuation.finish()
        _ = try await (first, second)
        #expect(order.withLockedValue { $0 } == [1, 2], "the waiting run went next; the refused one never ran")
    }
}
