import Foundation

/// Reads and purges `audit_events` (the rows `AuditHook` writes).
struct AuditStore: Sendable {
    let database: any DatabaseClient

    /// One page of events matching `filter`, newest first, and how many match in all; both read
    /// from one snapshot so the total agrees with the page.
    func page(_ filter: AuditFilter) async throws -> (events: [AuditEvent], total: Int) {
        let auth = filter.authTrail
        let (condition, binds) = auth ? filter.authCondition(dialect: database.dialect) : filter.condition(dialect: database.dialect)
        var placeholders = PlaceholderSequence(dialect: database.dialect, after: binds.count)
        let (table, columns, order) = auth
            ? ("auth_audit_events", AuditEvent.authColumns, "occurred_at DESC, id DESC")
            : ("audit_events", AuditEvent.columns, "occurred_at DESC, sequence DESC")
        let select = SQLStatement(
            "SELECT \(columns) FROM \(table)\(condition) ORDER BY \(order) LIMIT \(placeholders.next()) OFFSET \(placeholders.next())",
            binds + [.integer(Int64(filter.limit)), .integer(Int64(filter.offset))])
        let count = SQLStatement("SELECT COUNT(*) FROM \(table)\(condition)", binds)
        let results = try await database.fetchSnapshot([select, count])
        let events = try results[0].map { row throws(RowDecodingError) in try auth ? AuditEvent(authRow: row) : AuditEvent(row: row) }
        var reader = RowReader(results[1].first ?? SQLRow(values: [.integer(0)]))
        return (events, Int(try reader.integer()))
    }

    /// Deletes the events of both trails that happened before `cutoff` (the auth trail only
    /// when `includesAuth`); returns how many.
    func purge(before cutoff: Date, includesAuth: Bool) async throws -> Int {
        var placeholders = PlaceholderSequence(dialect: database.dialect)
        let placeholder = placeholders.next()
        var statements = [SQLStatement(
            "DELETE FROM audit_events WHERE occurred_at < \(placeholder)", [.integer(AuditEvent.milliseconds(cutoff))])]
        if includesAuth {
            statements.append(SQLStatement("DELETE FROM auth_audit_events WHERE occurred_at < \(placeholder)", [.timestamp(cutoff)]))
        }
        return try await database.write(statements).reduce(0) { $0 + $1.changes }
    }
}
