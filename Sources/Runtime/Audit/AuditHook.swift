import Foundation

/// Records every change of a generated table as one `audit_events` row, written by a statement
/// of the change's own transaction (`WriteHook`): a committed write always has its event, a
/// rolled-back one never has.
///
/// It asks for the record before updates (`needsPreviousRecord`) to name the changed fields;
/// that costs each replace and update one locking read of the row in its transaction.
struct AuditHook: WriteHook {
    /// The clock (tests may move it).
    let now: @Sendable () -> Date

    var needsPreviousRecord: Bool { true }

    func statements(for change: RecordChange, dialect: SQLDialect) throws -> [SQLStatement] {
        [Self.event(
            action: change.operation.rawValue, resource: change.table.name, resourceID: change.key, identity: change.identity,
            requestID: change.requestID, clientAddress: change.clientAddress, changedFields: Self.fields(of: change), at: now(),
            dialect: dialect)]
    }

    /// The `audit_events` row of one action, for the table hook and for modules that audit
    /// changes of their own tables in the change's transaction (webhook subscriptions).
    static func event(
        action: String, resource: String, resourceID: String?, identity: Identity?, requestID: String?, clientAddress: String?,
        changedFields: [String], at time: Date, dialect: SQLDialect
    ) -> SQLStatement {
        let optional = { (text: String?) in text.map(SQLValue.text) ?? .null }
        let occurred = AuditEvent.milliseconds(time)
        return SQLStatement(
            insert[dialect]!,
            [
                .text(UniqueIdentifiers.timeOrdered(at: occurred)), .integer(occurred),
                optional(identity.map { $0.userID ?? $0.subject }), optional(identity.map(Self.credential)),
                optional(identity?.organizationID), .text(action), .text(resource), optional(resourceID),
                optional(requestID), optional(clientAddress), .text(Self.fieldsJSON(changedFields)),
            ])
    }

    /// The insert of one event, rendered for each dialect once. The id is time-ordered
    /// (`UniqueIdentifiers`): audit rows are written with every table write, and a random UUID
    /// put each one on a random page of the id index and cost a read of the system's random
    /// source and a `printf` to format it.
    private static let insert = Dictionary(uniqueKeysWithValues: SQLDialect.allCases.map {
        ($0, PlaceholderSequence.render(
            """
            INSERT INTO audit_events (id, occurred_at, actor, credential, organization_id, action, resource, resource_id, \
            request_id, client_ip, changed_fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, for: $0))
    })

    /// The credential that made the change: its kind and the session (user tokens) or the
    /// credential's own id (API keys, services), e.g. `api_key:3f0c…`.
    static func credential(_ identity: Identity) -> String {
        identity.kind + ":" + (identity.sessionID ?? identity.subject)
    }

    /// The member names a change set: those with a value on create, those whose value differs on
    /// replace and update, none on delete and restore.
    static func fields(of change: RecordChange) -> [String] {
        switch change.operation {
        case .created:
            guard let after = change.after else { return [] }
            return zip(change.table.members, after.row.values).compactMap { $0.1 == .null ? nil : $0.0 }
        case .updated: return change.changedMembers
        case .deleted, .restored: return []
        }
    }

    /// `names` as a JSON array of strings.
    static func fieldsJSON(_ names: [String]) -> String {
        var writer = JSONWriter(capacity: 16 * names.count + 2)
        writer.beginArray()
        for name in names { writer.value(name) }
        writer.endArray()
        return writer.string
    }
}
