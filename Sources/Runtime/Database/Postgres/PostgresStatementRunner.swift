import Logging
import NIOCore
import PostgresNIO

/// Runs one `SQLStatement` on a postgres-nio connection and converts its result.
///
/// Statements use the extended query protocol (parse, bind, execute in one round trip), so bind
/// values always travel apart from the SQL text.
enum PostgresStatementRunner {
    /// Runs `statement`, returning its rows and the number of rows it changed (from the
    /// command tag; 0 for statements that report none, such as DDL).
    /// A cancelled task (its deadline passed) runs no further statement unless
    /// `checkingCancellation` is false (the `ROLLBACK` that ends its transaction).
    static func run(
        _ statement: SQLStatement, on connection: PostgresConnection, logger: Logger, checkingCancellation: Bool = true
    ) async throws -> WriteResult {
        if checkingCancellation { try Task.checkCancellation() }
        let query = PostgresQuery(unsafeSQL: statement.sql, binds: PostgresValueConversion.bindings(for: statement.binds))
        do {
            let future: EventLoopFuture<PostgresQueryResult> = connection.query(query, logger: logger)
            let result = try await future.get()
            let rows = try PostgresValueConversion.sqlRows(result.rows, sql: statement.sql)
            let changes = ["INSERT", "UPDATE", "DELETE"].contains(result.metadata.command) ? (result.metadata.rows ?? 0) : 0
            return WriteResult(rows: rows, changes: changes)
        } catch {
            throw PostgresErrorMapping.map(error)
        }
    }
}
