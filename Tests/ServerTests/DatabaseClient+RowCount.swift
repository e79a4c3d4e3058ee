import Runtime

extension DatabaseClient {
    /// How many rows `table` holds (-1 when the answer is not a number), for tests that check
    /// what a write left behind.
    func rowCount(_ table: String) async throws -> Int {
        let rows = try await fetch(SQLStatement("SELECT COUNT(*) FROM \(table)"))
        guard case .integer(let count) = rows.first?.values.first else { return -1 }
        return Int(count)
    }
}
