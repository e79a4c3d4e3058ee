import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import Runtime
import ServiceLifecycle

@testable import Server

/// Holds `POST` requests for `delay` inside the server and counts them, so a test can begin a
/// shutdown while writes are certainly in flight. Inline reads may skip it: it acts on `POST` only.
struct HeldWrites: ServerMiddleware {
    /// Requests being held and answers sent after shutdown began.
    final class Counters: Sendable {
        private let state = NIOLockedValueBox((holding: 0, shuttingDown: false, answeredBefore: 0, answeredDuringShutdown: 0))
        /// Writes inside the middleware now.
        var holding: Int { state.withLockedValue { $0.holding } }
        /// Writes answered before shutdown began.
        var answeredBeforeShutdown: Int { state.withLockedValue { $0.answeredBefore } }
        /// Writes that entered before shutdown began and were answered after.
        var answeredDuringShutdown: Int { state.withLockedValue { $0.answeredDuringShutdown } }
        /// Marks the start of shutdown.
        func shutdownBegins() { state.withLockedValue { $0.shuttingDown = true } }
        func enter() -> Bool {
            state.withLockedValue { state in
                state.holding += 1
                return state.shuttingDown
            }
        }
        func leave(enteredDuringShutdown: Bool) {
            state.withLockedValue { state in
                state.holding -= 1
                if !state.shuttingDown {
                    state.answeredBefore += 1
                } else if !enteredDuringShutdown {
                    state.answeredDuringShutdown += 1
                }
            }
        }
    }

    let counters: Counters
    let delay: Duration
    var inlineReadPolicy: InlineReadPolicy { .maySkip }

    func handle(
        _ request: Request, context: LoomRequestContext, next: (Request, LoomRequestContext) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        let enteredDuringShutdown = counters.enter()
        defer { counters.leave(enteredDuringShutdown: enteredDuringShutdown) }
        try await Task.sleep(for: delay)
        return try await next(request, context)
    }
}

/// A background service that reports when it starts and when it is asked to stop, and whether
/// the HTTP server still answered at that moment (it must not: the server stops first).
struct ProbeService: Service {
    enum Event: Sendable, Equatable {
        case started(prepared: Bool)
        case stopping(serverStillListening: Bool)
    }

    let events: AsyncStream<Event>.Continuation
    let prepared: @Sendable () -> Bool
    let port: @Sendable () -> Int?

    func run() async throws {
        events.yield(.started(prepared: prepared()))
        try? await gracefulShutdown()
        var listening = false
        if let port = port() {
            listening = (try? await RawHTTPExchange.exchange(port: port, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")) != nil
        }
        events.yield(.stopping(serverStillListening: listening))
    }
}

/// A value set once, read from any task.
final class Box<Value: Sendable>: Sendable {
    private let value: NIOLockedValueBox<Value?> = NIOLockedValueBox(nil)
    /// The value, once set.
    var current: Value? { value.withLockedValue { $0 } }
    /// Sets the value.
    func set(_ newValue: Value) { value.withLockedValue { $0 = newValue } }
}

extension TestDatabase {
    /// A client of the same database for a server's own `ServiceGroup`: on PostgreSQL a second
    /// pool on the test's schema, not yet running (the group runs it); on SQLite the same client.
    func clientForServiceGroup() -> any DatabaseClient {
        guard let postgres = client as? PostgresDatabase else { return client }
        return PostgresDatabase(settings: postgres.settings, logger: TestDatabase.logger)
    }
}
