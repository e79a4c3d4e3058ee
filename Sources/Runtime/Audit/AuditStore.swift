import Foundation

/// Reads and purges `audit_events` (the rows `AuditHook` writes).
struct AuditStore: Sendable {
    let database: any DatabaseClient

    /// One page of events matching `filter`, newest first, and how many match in all; both read
    /// from one snapshot so the total agrees with the page.
    func page(_ filter: AuditFilter) async throws -> (events: [AuditEvent], total: Int) {
        let (condition, binds) = filter.condition(dialect: database.dialect)
        var placeholders = PlaceholderSequence(dialect: database.dialect, after: binds.count)
        let select = SQLStatement(
            "SELECT \(AuditEvent.columns) FROM audit_events\(condition) ORDER BY occurred_at DESC, sequence DESC "
                + "LIMIT \(placeholders.next()) OFFSET \(placeholders.next())",
            binds + [.integer(Int64(filter.limit)), .integer(Int64(filter.offset))])
        let count = SQLStatement("SELECT COUNT(*) FROM audit_events\(condition)", binds)
        let results = try await database.fetchSnapshot([select, count])
        let events = try results[0].map { row throws(RowDecodingError) in try AuditEvent(row: row) }
        var reader = RowReader(results[1].first ?? SQLRow(values: [.integer(0)]))
        return (events, Int(try reader.integer()))
    }

    /// Deletes the events that happened before `cutoff`; returns how many.
    func purge(before cutoff: Date) async throws -> Int {
        var placeholders = PlaceholderSequence(dialect: database.dialect)
        let results = try await database.write([SQLStatement(
            "DELETE FROM audit_events WHERE occurred_at < \(placeholders.next())", [.integer(AuditEvent.milliseconds(cutoff))])])
        return results.first?.changes ?? 0
    }
}
