/// Told about a database's writes, for the metrics (`RequestMetrics`): how long each write
/// waited before its transaction began (for the SQLite writer's queue, or a PostgreSQL pool
/// connection), and how many writes each transaction committed together (SQLite's group commit;
/// always 1 on PostgreSQL). Called on the SQLite writer's queue or the writing task: it must be
/// quick and must not block.
public protocol DatabaseObserver: Sendable {
    /// One write waited `wait` between being asked for and its transaction beginning.
    func writeWaited(_ wait: Duration)
    /// One transaction committed `count` writes together.
    func writesCommitted(together count: Int)
}
