import Foundation

/// Adds, reads and purges `usage_daily`.
struct UsageStore: Sendable {
    let database: any DatabaseClient

    /// The counted columns, in the order the upsert binds them.
    private static let counted = ["requests", "client_errors", "server_errors"] + UsageHistogram.columns

    /// Adds what `recorder` counted since its last flush, one additive upsert per row in one
    /// transaction; on failure the counts go back into `recorder` for the next flush.
    func flush(_ recorder: UsageRecorder) async throws {
        let counts = recorder.take()
        guard !counts.isEmpty else { return }
        do {
            _ = try await database.write(counts.map(upsert))
        } catch {
            recorder.restore(counts)
            throw error
        }
    }

    /// `INSERT ... ON CONFLICT DO UPDATE` adding `tally` to the row of `key` (the same text on
    /// SQLite and PostgreSQL).
    private func upsert(_ key: UsageKey, _ tally: UsageTally) -> SQLStatement {
        var placeholders = PlaceholderSequence(dialect: database.dialect)
        let columns = ["day", "api_key_id", "organization_id"] + Self.counted
        let values = placeholders.list(columns.count)
        let sums = Self.counted.map { "\($0) = usage_daily.\($0) + excluded.\($0)" }.joined(separator: ", ")
        let counts = [tally.requests, tally.clientErrors, tally.serverErrors] + tally.buckets
        return SQLStatement(
            "INSERT INTO usage_daily (\(columns.joined(separator: ", "))) VALUES (\(values)) "
                + "ON CONFLICT (day, api_key_id, organization_id) DO UPDATE SET \(sums)",
            [.integer(Int64(key.day)), .text(key.apiKeyID), .text(key.organizationID)] + counts.map(SQLValue.integer))
    }

    /// One page of rows matching `filter`, newest day first, and how many match in all; both
    /// read from one snapshot so the total agrees with the page.
    func page(_ filter: UsageFilter) async throws -> (rows: [UsageRow], total: Int) {
        let (condition, binds) = filter.condition(dialect: database.dialect)
        var placeholders = PlaceholderSequence(dialect: database.dialect, after: binds.count)
        let groups = filter.byOrganization ? "day, organization_id" : "day, api_key_id, organization_id"
        let select = SQLStatement(
            "SELECT \(UsageRow.columns(byOrganization: filter.byOrganization)) FROM usage_daily\(condition) GROUP BY \(groups) "
                + "ORDER BY day DESC, \(filter.byOrganization ? "organization_id" : "organization_id, api_key_id") "
                + "LIMIT \(placeholders.next()) OFFSET \(placeholders.next())",
            binds + [.integer(Int64(filter.limit)), .integer(Int64(filter.offset))])
        let count = SQLStatement("SELECT COUNT(*) FROM (SELECT 1 AS one FROM usage_daily\(condition) GROUP BY \(groups)) grouped", binds)
        let results = try await database.fetchSnapshot([select, count])
        let rows = try results[0].map { row throws(RowDecodingError) in try UsageRow(row: row) }
        var reader = RowReader(results[1].first ?? SQLRow(values: [.integer(0)]))
        return (rows, Int(try reader.integer()))
    }

    /// Deletes the rows of days before `day`; returns how many.
    func purge(before day: Int) async throws -> Int {
        var placeholders = PlaceholderSequence(dialect: database.dialect)
        let statement = SQLStatement("DELETE FROM usage_daily WHERE day < \(placeholders.next())", [.integer(Int64(day))])
        return try await database.write([statement]).reduce(0) { $0 + $1.changes }
    }
}
