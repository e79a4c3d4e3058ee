import Foundation
import Runtime

/// The transactional outbox: for every change the app declares an event that an active
/// subscription receives, one message row, written by the statements that run in the change's
/// own transaction (`WriteHook`), with the deliveries to stored subscriptions (matched in SQL);
/// the deliveries to static subscriptions are written after the commit by `DeliveryFanOut`
/// from the message's `fan_out` mark, which names them: this instance decides who receives its
/// events, whichever instance writes the rows. A committed change always has its event; a
/// rolled-back one never has.
struct OutboxHook: CustomEventHook {
    /// The app's webhooks section.
    let settings: WebhookSettings
    /// Per declared event type that a static subscription active in this process receives, the
    /// message's `fan_out` mark naming them (`receivers(of:among:)`), made once: the
    /// subscriptions and types are fixed for the process.
    let receivers: [String: String]
    /// Wakes the delivery service after commit.
    let signal: DeliverySignal
    /// The clock (tests move it).
    let clock: WebhookClock
    /// Whether subscriptions stored through the management API receive events too.
    let stored: Bool

    /// The hook of `settings` for `subscriptions`, the static ones active in this process (URL
    /// and secret configured).
    init(settings: WebhookSettings, subscriptions: [ActiveSubscription], signal: DeliverySignal, clock: WebhookClock, stored: Bool) {
        (self.settings, self.signal, self.clock, self.stored) = (settings, signal, clock, stored)
        let types = settings.events.map(\.type) + settings.customEvents.map(\.type)
        receivers = Dictionary(types.compactMap { type in Self.receivers(of: type, among: subscriptions).map { (type, $0) } }) { first, _ in first }
    }

    /// Updates report the earlier values of the changed members (`previous`).
    var needsPreviousRecord: Bool { true }

    func statements(for change: RecordChange, dialect: SQLDialect) throws -> [SQLStatement] {
        guard let type = settings.eventType(table: change.table.name, operation: change.operation) else { return [] }
        let organization = settings.tenantScoped && change.table.access?.tenant != nil ? change.identity?.organizationID : nil
        return try statements(type: type, organization: organization, dialect: dialect) { messageID, now in
            try EventPayload.json(
                id: messageID, type: type, change: change, at: now, organizationID: organization, tenantScoped: settings.tenantScoped,
                format: settings.payload)
        }
    }

    /// A custom event a handler emits: recorded like a table event, in the handler's write
    /// transaction; it belongs to the caller's organization in a tenant-scoped app. An
    /// undeclared type (code that bypassed the generated structs) fails the write.
    func statements(for event: EmittedEvent, dialect: SQLDialect) throws -> [SQLStatement] {
        guard let declared = settings.customEvents.first(where: { $0.type == event.type }) else {
            throw WebhookEventError(type: event.type)
        }
        let organization = settings.tenantScoped ? event.identity?.organizationID : nil
        if let target = declared.target {
            guard let receiver = event.target else { throw WebhookEventError(type: event.type, code: .missingTarget) }
            return targeted(event, target: target, receiver: receiver, organization: organization, dialect: dialect)
        }
        if event.target != nil { throw WebhookEventError(type: event.type, code: .unexpectedTarget) }
        return try statements(type: event.type, organization: organization, dialect: dialect) { messageID, now in
            EventPayload.custom(id: messageID, event: event, at: now, organizationID: organization, tenantScoped: settings.tenantScoped)
        }
    }

    /// The message row of one event of `type` whose payload `payload` writes (given the message
    /// id and the time), marked for `DeliveryFanOut` when a static subscription receives it,
    /// and its deliveries to stored subscriptions; nothing when no subscription may receive it.
    private func statements(
        type: String, organization: String?, dialect: SQLDialect, payload makePayload: (String, Date) throws -> String
    ) throws -> [SQLStatement] {
        let receivers = self.receivers[type]
        guard receivers != nil || stored else { return [] }
        let now = clock.now()
        let milliseconds = WebhookClock.milliseconds(now)
        let messageID = EventPayload.newMessageID(at: milliseconds)
        let payload = try makePayload(messageID, now)
        let messageValues: [SQLValue] = [.text(messageID), .text(type), organization.map(SQLValue.text) ?? .null, .text(payload), .integer(milliseconds)]
        var statements: [SQLStatement] = []
        if let receivers {
            statements.append(SQLStatement(OutboxInserts.messageToFanOut[dialect]!, messageValues + [.text(receivers)]))
        } else {
            // Only stored subscriptions may receive it: the message is written only when one does.
            var placeholders = PlaceholderSequence(dialect: dialect)
            let values = Self.casts.map { "CAST(\(placeholders.next()) AS \($0))" }.joined(separator: ", ")
            let (match, matchValues) = Self.storedReceivers(type: type, organization: organization, placeholders: &placeholders)
            statements.append(SQLStatement(
                "INSERT INTO webhook_messages (id, event_type, organization_id, payload, created_at) SELECT \(values) WHERE EXISTS (SELECT 1 \(match))",
                messageValues + matchValues))
        }
        if stored { statements.append(Self.storedDeliveries(messageID: messageID, type: type, organization: organization, at: milliseconds, dialect: dialect)) }
        return statements
    }

    /// The message and its one delivery to the emitted target (`target:<type>`, the URL and
    /// secret stored with the delivery); subscriptions never receive it.
    private func targeted(
        _ event: EmittedEvent, target: WebhookSettings.Target, receiver: WebhookTarget, organization: String?, dialect: SQLDialect
    ) -> [SQLStatement] {
        let now = clock.now()
        let milliseconds = WebhookClock.milliseconds(now)
        let messageID = EventPayload.newMessageID(at: milliseconds)
        let payload = target.body == .flat
            ? EventPayload.flat(event: event, at: now)
            : EventPayload.custom(id: messageID, event: event, at: now, organizationID: organization, tenantScoped: settings.tenantScoped)
        return [
            SQLStatement(OutboxInserts.message[dialect]!, [
                .text(messageID), .text(event.type), organization.map(SQLValue.text) ?? .null, .text(payload), .integer(milliseconds),
            ]),
            SQLStatement(OutboxInserts.targetedDelivery[dialect]!, [
                .text(UniqueIdentifiers.timeOrdered(at: milliseconds)), .text(messageID), .text(WebhookSettings.targetSubscriptionName(event.type)),
                .text(DeliveryStatus.pending.rawValue), .integer(0), .integer(milliseconds), .integer(milliseconds), .text(receiver.url),
                .text(receiver.secret),
            ]),
        ]
    }

    /// The names of the static subscriptions of `subscriptions` that receive `type`, as the JSON
    /// array a message's `fan_out` holds; `nil` when none does.
    static func receivers(of type: String, among subscriptions: [ActiveSubscription]) -> String? {
        var writer: JSONWriter?
        for subscription in subscriptions where subscription.receives(type) {
            if writer == nil {
                writer = JSONWriter(capacity: 64)
                writer?.beginArray()
            }
            writer?.value(subscription.name)
        }
        guard var writer else { return nil }
        writer.endArray()
        return writer.string
    }

    /// SQL types of the message's five values, cast so PostgreSQL knows them in a `SELECT` list.
    private static let casts = ["TEXT", "TEXT", "TEXT", "TEXT", "BIGINT"]

    static func storedDeliveries(messageID: String, type: String, organization: String?, at milliseconds: Int64, dialect: SQLDialect) -> SQLStatement {
        var placeholders = PlaceholderSequence(dialect: dialect)
        let (prefix, message, pending, time, updated) = (
            placeholders.next(), placeholders.next(), placeholders.next(), placeholders.next(), placeholders.next()
        )
        let (match, matchValues) = storedReceivers(type: type, organization: organization, placeholders: &placeholders)
        return SQLStatement(
            """
            INSERT INTO webhook_deliveries (id, message_id, subscription, status, attempts, next_attempt_at, updated_at) \
            SELECT CAST(\(prefix) AS TEXT) || s.id, CAST(\(message) AS TEXT), s.id, CAST(\(pending) AS TEXT), 0, CAST(\(time) AS BIGINT), \
            CAST(\(updated) AS BIGINT) \(match)
            """,
            [.text(messageID + ":"), .text(messageID), .text(DeliveryStatus.pending.rawValue), .integer(milliseconds), .integer(milliseconds)]
                + matchValues)
    }

    /// `FROM webhook_subscriptions s WHERE ...`: enabled, of no organization or of the event's,
    /// with a pattern covering `type` (`*`, the type itself, or one of its `<prefix>.*`).
    static func storedReceivers(type: String, organization: String?, placeholders: inout PlaceholderSequence) -> (String, [SQLValue]) {
        var values: [SQLValue] = []
        var sql = "FROM webhook_subscriptions s WHERE s.enabled = 1 AND "
        if let organization {
            sql += "(s.organization_id IS NULL OR s.organization_id = \(placeholders.next()))"
            values.append(.text(organization))
        } else {
            sql += "s.organization_id IS NULL"
        }
        let patterns = coveringPatterns(of: type)
        let list = placeholders.list(patterns.count)
        sql += " AND EXISTS (SELECT 1 FROM webhook_subscription_events e WHERE e.subscription_id = s.id AND e.pattern IN (\(list)))"
        return (sql, values + patterns.map(SQLValue.text))
    }

    /// Every pattern that covers `type` as `WebhookSettings.pattern(_:matches:)` decides:
    /// `*`, the type, and `<prefix>.*` for each prefix ending before a dot.
    static func coveringPatterns(of type: String) -> [String] {
        var patterns = ["*", type]
        for index in type.indices where type[index] == "." {
            patterns.append(String(type[..<index]) + ".*")
        }
        return patterns
    }

    func committed(_ changes: [RecordChange]) async {
        signal.wake()
    }
}
