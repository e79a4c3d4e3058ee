import Logging
import NIOConcurrencyHelpers
import PostgresNIO
import ServiceLifecycle

/// Who runs a `PostgresDatabase`'s pool. `PostgresClient.run()` may be called once, so the
/// choice is made once and a second one is a programming error.
enum PoolLifecycle {
    /// Nobody yet: statements are refused, as they would otherwise wait for ever.
    case idle
    /// A task of the database's own (`start()`), cancelled by `close()`.
    case runningInTask(Task<Void, Never>)
    /// A `ServiceGroup` service (`makePoolService()`): statements wait for it to run.
    case runByService
    /// `close()` was called.
    case closed

    /// Why a statement cannot run now, or `nil` when it can.
    var refusal: String? {
        switch self {
        case .idle: return "the connection pool is not running (start() it, or run makePoolService() in a ServiceGroup)"
        case .runningInTask, .runByService: return nil
        case .closed: return "the connection pool is closed"
        }
    }
}

extension PostgresDatabase {
    /// Runs the pool in a task this object owns until `close()`, for code without a
    /// `ServiceGroup` (tests, `migrate`, `create-admin`). Starting twice is a programming error.
    public func start() {
        let client = self.client
        lifecycle.withLockedValue { state in
            guard case .idle = state else { preconditionFailure("the PostgreSQL pool was already started or closed") }
            state = .runningInTask(Task { await client.run() })
        }
    }

    /// The pool as a service: it runs until the group shuts it down (after the HTTP server and
    /// the workers listed after it) or cancels it, then its connections close. Asking twice,
    /// or after `start()`, is a programming error.
    public func makePoolService() -> any Service {
        lifecycle.withLockedValue { state in
            guard case .idle = state else { preconditionFailure("the PostgreSQL pool was already started or closed") }
            state = .runByService
        }
        return PostgresPoolService(
            client: client, lifecycle: lifecycle,
            description: "PostgreSQL pool \(settings.host):\(settings.port)/\(settings.database)")
    }
}

/// `PostgresClient.run()` as a service that also ends on graceful shutdown (cancelling
/// `run()` is how postgres-nio closes a pool); later statements are refused as closed.
struct PostgresPoolService: Service, CustomStringConvertible {
    let client: PostgresClient
    let lifecycle: NIOLockedValueBox<PoolLifecycle>
    /// How the group's log names it.
    let description: String

    func run() async {
        let client = self.client
        await cancelWhenGracefulShutdown { await client.run() }
        lifecycle.withLockedValue { $0 = .closed }
    }
}
