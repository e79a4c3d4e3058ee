import APIContract
import Foundation
import Runtime

/// The JSON body of a table event, as the OpenAPI document's `webhooks` object describes it
/// (`WebhookEvents` in the generator; `WebhookPayloadTests` validates delivered bodies against
/// the published document): `id`, `type`, `timestamp`, `organization_id` (tenant-scoped apps),
/// `data` (the record) and, for updates, `previous` (the earlier values of the changed members).
enum EventPayload {
    /// A new message id made at `milliseconds`, `msg_` and 32 hex digits (time-ordered: see
    /// `UniqueIdentifiers`), sent as `webhook-id`.
    static func newMessageID(at milliseconds: Int64) -> String {
        "msg_" + UniqueIdentifiers.timeOrderedHex(at: milliseconds)
    }

    /// The payload of a test message (`webhook.test`) to `subscription`: `data` names it.
    static func test(id: String, subscription: String, at time: Date, organizationID: String?, tenantScoped: Bool) -> String {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.member("id", id)
        writer.member("type", WebhookContract.testEventType)
        writer.member("timestamp", time)
        if tenantScoped { writer.member("organization_id", organizationID) }
        writer.key("data")
        writer.beginObject()
        writer.member("subscription_id", subscription)
        writer.endObject()
        writer.endObject()
        return writer.string
    }

    /// The payload of a custom event: `data` is the event struct's JSON.
    static func custom(id: String, event: EmittedEvent, at time: Date, organizationID: String?, tenantScoped: Bool) -> String {
        var writer = JSONWriter(capacity: 256 + event.data.text.utf8.count)
        writer.beginObject()
        writer.member("id", id)
        writer.member("type", event.type)
        writer.member("timestamp", time)
        if tenantScoped { writer.member("organization_id", organizationID) }
        writer.key("data")
        writer.value(event.data)
        writer.endObject()
        return writer.string
    }

    /// The flat body of a targeted custom event (`target.body: flat`):
    /// `{"event": <type>, <the data's members in order>, "timestamp"}`.
    static func flat(event: EmittedEvent, at time: Date) -> String {
        var head = JSONWriter(capacity: 64)
        head.beginObject()
        head.member("event", event.type)
        var text = head.string
        // The data is the generated struct's JSON object: its members go in as they are.
        let data = event.data.text.trimmingCharacters(in: .whitespaces)
        let members = data.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        if !members.isEmpty { text += "," + members }
        var tail = JSONWriter(capacity: 64)
        tail.value(time)
        return text + ",\"timestamp\":" + tail.string + "}"
    }

    /// The payload of `change`, reported as `type`, in `format`: the envelope
    /// (`{id, type, timestamp, [organization_id], data: <record>, [previous]}`) or the record
    /// payload (`{id, event: "record.update", table, timestamp, [organization_id], data: {record, [previous]}}`).
    static func json(
        id: String, type: String, change: RecordChange, at time: Date, organizationID: String?, tenantScoped: Bool,
        format: WebhookSettings.Payload = .envelope
    ) throws -> String {
        var writer = JSONWriter(capacity: 512)
        writer.beginObject()
        writer.key("id")
        writer.value(id)
        switch format {
        case .envelope:
            writer.member("type", type)
        case .record:
            writer.member("event", WebhookContract.recordEvent(change: change.operation.rawValue))
            writer.member("table", change.table.name)
        }
        writer.key("timestamp")
        writer.value(time)
        if tenantScoped {
            writer.key("organization_id")
            if let organizationID { writer.value(organizationID) } else { writer.null() }
        }
        writer.key("data")
        if format == .record {
            writer.beginObject()
            writer.key("record")
        }
        if let image = change.after ?? change.before {
            // Written straight into the payload (not through `image.json`, a buffer and two copies).
            image.record.writeJSON(to: &writer)
        } else {
            writer.null()
        }
        if change.operation == .updated, let before = change.before {
            writer.key("previous")
            try writePrevious(of: change, before: before, to: &writer)
        }
        if format == .record { writer.endObject() }
        writer.endObject()
        return writer.string
    }

    /// The changed members' values before the change, in the table's member order, shaped as the
    /// record is: a member the record nests (`envelopes.record.fields`: `{"fields": {...}}`) is
    /// under the same member here. Write-only members are absent from the record's JSON and so
    /// from here.
    private static func writePrevious(of change: RecordChange, before: RecordImage, to writer: inout JSONWriter) throws {
        guard case .object(let members) = try JSONInputParser.parse(before.json) else {
            writer.beginObject()
            writer.endObject()
            return
        }
        // The nest is the object member that is not a column of the table (a `json` field is one);
        // looked for only when a changed member is not at the top (a nested record).
        var nests: [(key: String, members: [String: JSONInput])]?
        func nest(holding name: String) -> (key: String, value: JSONInput)? {
            if nests == nil {
                let columns = Set(change.table.members)
                nests = members.compactMap { member in
                    guard !columns.contains(member.key), case .object(let nested) = member.value else { return nil }
                    return (member.key, nested)
                }
            }
            return nests?.lazy.compactMap { entry in entry.members[name].map { (entry.key, $0) } }.first
        }
        var nested: [(nest: String, name: String, value: JSONInput)] = []
        writer.beginObject()
        for name in change.changedMembers {
            if let value = members[name] {
                writer.key(name)
                writer.value(value)
            } else if let found = nest(holding: name) {
                nested.append((found.key, name, found.value))
            }
        }
        for nest in nested.map(\.nest).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            writer.key(nest)
            writer.beginObject()
            for entry in nested where entry.nest == nest {
                writer.key(entry.name)
                writer.value(entry.value)
            }
            writer.endObject()
        }
        writer.endObject()
    }
}
