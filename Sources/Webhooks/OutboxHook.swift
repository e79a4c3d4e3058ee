import Foundation
import Runtime

/// The transactional outbox: for every change the app declares an event that an active
/// subscription receives, one message row and one delivery row per such subscription, written by the statements
/// that run in the change's own transaction (`WriteHook`). A committed change always has its
/// event; a rolled-back one never has.
struct OutboxHook: WriteHook {
    /// The app's webhooks section.
    let settings: WebhookSettings
    /// The subscriptions active in this process (URL and secret configured).
    let subscriptions: [ActiveSubscription]
    /// Wakes the delivery service after commit.
    let signal: DeliverySignal
    /// The clock (tests move it).
    let clock: WebhookClock

    /// Updates report the earlier values of the changed members (`previous`).
    var needsPreviousRecord: Bool { true }

    func statements(for change: RecordChange, dialect: SQLDialect) throws -> [SQLStatement] {
        guard let type = settings.eventType(table: change.table.name, operation: change.operation) else { return [] }
        let receivers = subscriptions.filter { $0.receives(type) }
        guard !receivers.isEmpty else { return [] }
        let now = clock.now()
        let milliseconds = WebhookClock.milliseconds(now)
        let messageID = "msg_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let organization = settings.tenantScoped && change.table.access?.tenant != nil ? change.identity?.organizationID : nil
        let payload = try EventPayload.json(
            id: messageID, type: type, change: change, at: now, organizationID: organization, tenantScoped: settings.tenantScoped)
        var placeholders = PlaceholderSequence(dialect: dialect)
        let message = (0..<5).map { _ in placeholders.next() }.joined(separator: ", ")
        var statements = [SQLStatement(
            "INSERT INTO webhook_messages (id, event_type, organization_id, payload, created_at) VALUES (\(message))",
            [.text(messageID), .text(type), organization.map(SQLValue.text) ?? .null, .text(payload), .integer(milliseconds)])]
        for subscription in receivers {
            var placeholders = PlaceholderSequence(dialect: dialect)
            let values = (0..<7).map { _ in placeholders.next() }.joined(separator: ", ")
            statements.append(SQLStatement(
                """
                INSERT INTO webhook_deliveries (id, message_id, subscription, status, attempts, next_attempt_at, updated_at) \
                VALUES (\(values))
                """,
                [.text(UUID().uuidString.lowercased()), .text(messageID), .text(subscription.name), .text(DeliveryStatus.pending.rawValue),
                 .integer(0), .integer(milliseconds), .integer(milliseconds)]))
        }
        return statements
    }

    func committed(_ changes: [RecordChange]) async {
        signal.wake()
    }
}
