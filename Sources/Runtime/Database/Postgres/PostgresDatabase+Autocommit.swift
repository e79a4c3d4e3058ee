extension PostgresDatabase {
    /// Runs one writing statement on its own (autocommit: PostgreSQL commits it as it ends), in
    /// one round trip and under the request deadlines, and returns its `RETURNING` rows.
    ///
    /// For counters whose loss on a crash is harmless (`PostgresRateLimitCounter`): `write`
    /// would add `BEGIN` and `COMMIT`, two more round trips per request.
    public func runAutocommit(_ statement: SQLStatement) async throws -> [SQLRow] {
        let logger = self.logger
        return try await withDeadlines { connection in
            try await PostgresStatementRunner.run(statement, on: connection, logger: logger).rows
        }
    }
}
