import Foundation
import Runtime

/// Writes `auth_audit_events`: who did what to which account, session or key. Each event is
/// a statement added to the transaction of the change it records, so neither exists without
/// the other.
struct AuditLog: Sendable {
    let sql: AuthSQL

    /// An event; `detail` is a small JSON object of extra facts.
    func event(
        _ action: String, actor actorID: String?, target: String?, detail: [String: String] = [:], ipAddress: String?, now: Date
    ) -> SQLStatement {
        sql.statement(
            """
            INSERT INTO auth_audit_events (id, occurred_at, actor_id, action, target_id, detail, ip_address) \
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .uuid(UUID()), .timestamp(now), actorID.map(SQLValue.text) ?? .null, .text(action),
                target.map(SQLValue.text) ?? .null, .text(Self.detailJSON(detail)), ipAddress.map(SQLValue.text) ?? .null,
            ])
    }

    /// `detail` as a JSON object with sorted keys.
    static func detailJSON(_ detail: [String: String]) -> String {
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        for key in detail.keys.sorted() { writer.member(key, detail[key] ?? "") }
        writer.endObject()
        return writer.string
    }
}
