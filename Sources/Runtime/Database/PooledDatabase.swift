import ServiceLifecycle

/// A database client with work of its own that must run while it is used: PostgreSQL's
/// connection pool (`PostgresDatabase`). SQLite has none (GRDB's queues need no task).
///
/// The pool runs one of two ways, chosen once: as a service of the server's `ServiceGroup`
/// (`makePoolService`, which `LoomServer.serviceGroup` calls, so the pool starts before
/// anything uses it and closes after every other service has stopped), or in a task of the
/// client's own for code that runs no group: tests and one-shot commands (`start`, ended by
/// `close`).
public protocol PooledDatabase: DatabaseClient {
    /// The service running the pool until graceful shutdown or cancellation, then closing it.
    /// From this call on, statements wait for that service to run.
    func makePoolService() -> any Service

    /// Runs the pool in a task of the client's own until `close()`.
    func start()
}
