import APIContract
import Foundation
import ValueFormats

/// One recorded table write or auth event, as `GET <base>/audit` answers it (the `AuditEvent`
/// component).
struct AuditEvent: Sendable, JSONWritable {
    /// The columns of `audit_events` in the order `init(row:)` reads them.
    static let columns =
        "id, occurred_at, actor, credential, organization_id, action, resource, resource_id, request_id, client_ip, changed_fields"

    let id: String
    let occurredAt: Date
    let actor: String?
    let credential: String?
    let organizationID: String?
    let action: String
    let resource: String
    let resourceID: String?
    let requestID: String?
    let clientIP: String?
    /// The JSON array of changed member names, as stored.
    let changedFields: RawJSON

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws(RowDecodingError) {
        var reader = RowReader(row)
        id = try reader.string()
        occurredAt = Date(timeIntervalSince1970: Double(try reader.integer()) / 1000)
        actor = try reader.optionalString()
        credential = try reader.optionalString()
        organizationID = try reader.optionalString()
        action = try reader.string()
        resource = try reader.string()
        resourceID = try reader.optionalString()
        requestID = try reader.optionalString()
        clientIP = try reader.optionalString()
        changedFields = RawJSON(validatedText: try reader.string())
    }

    /// The columns of `auth_audit_events` in the order `init(authRow:)` reads them.
    static let authColumns = "id, occurred_at, actor_id, action, target_id, detail, ip_address"

    /// Reads a row of the `Auth` module's trail selected with `authColumns`: the event's
    /// `detail` becomes the names of the facts it records (never their values).
    init(authRow row: SQLRow) throws(RowDecodingError) {
        var reader = RowReader(row)
        id = try ValueFormats.lowercaseText(of: reader.uuid())
        occurredAt = try reader.timestamp()
        actor = try reader.optionalString()
        credential = nil
        organizationID = nil
        action = try reader.string()
        resource = AuditContract.authResource
        resourceID = try reader.optionalString()
        requestID = nil
        let detail = try reader.string()
        clientIP = try reader.optionalString()
        let object = (try? JSONSerialization.jsonObject(with: Data(detail.utf8))) as? [String: Any] ?? [:]
        var writer = JSONWriter(capacity: 64)
        writer.beginArray()
        for key in object.keys.sorted() { writer.value(key) }
        writer.endArray()
        changedFields = RawJSON(validatedText: writer.string)
    }

    /// Whole milliseconds since 1970, as `occurred_at` stores times.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id)
        writer.member("occurred_at", occurredAt)
        writer.member("actor", actor)
        writer.member("credential", credential)
        writer.member("organization_id", organizationID)
        writer.member("action", action)
        writer.member("resource", resource)
        writer.member("resource_id", resourceID)
        writer.member("request_id", requestID)
        writer.member("client_ip", clientIP)
        writer.member("changed_fields", changedFields)
        writer.endObject()
    }
}
