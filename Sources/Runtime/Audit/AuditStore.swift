import Foundation
import ValueFormats

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

    /// The event `id` of the tables' trail (within `organization` when the caller is bound to
    /// one), else, for a caller bound to none, of the `Auth` module's trail; `nil` when neither
    /// holds it for this caller.
    func event(id: UUID, organization: String?) async throws -> AuditEvent? {
        var placeholders = PlaceholderSequence(dialect: database.dialect)
        let byID = "id = \(placeholders.next())"
        let own = organization == nil ? "" : " AND organization_id = \(placeholders.next())"
        let rows = try await database.fetch(SQLStatement(
            "SELECT \(AuditEvent.columns) FROM audit_events WHERE \(byID)\(own)",
            [.text(ValueFormats.lowercaseText(of: id))] + (organization.map { [SQLValue.text($0)] } ?? [])))
        if let row = rows.first { return try AuditEvent(row: row) }
        guard organization == nil else { return nil }
        var authPlaceholders = PlaceholderSequence(dialect: database.dialect)
        let authRows = try await database.fetch(SQLStatement(
            "SELECT \(AuditEvent.authColumns) FROM auth_audit_events WHERE id = \(authPlaceholders.next())", [.uuid(id)]))
        return try authRows.first.map { row throws(RowDecodingError) in try AuditEvent(authRow: row) }
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
