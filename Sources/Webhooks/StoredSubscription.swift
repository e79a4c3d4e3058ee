import APIContract
import Foundation
import Runtime

/// A subscription stored through the management API, as a row of `webhook_subscriptions` with
/// its event patterns, and as the API writes it (`WebhookSubscription` in the document; the
/// secrets are never written, except the new one in a create or rotate answer).
struct StoredSubscription: Sendable, JSONWritable {
    /// `whsub_<32 hex>`.
    let id: String
    /// The organization whose events it receives; `nil`: every event.
    let organizationID: String?
    /// Where deliveries go.
    let url: String
    /// What it is for.
    let description: String?
    /// The current signing secret.
    let secret: String
    /// The secret before the last rotation, while it still signs.
    let previousSecret: String?
    /// Until when `previousSecret` signs (milliseconds).
    let previousSecretExpiresAt: Int64?
    /// Whether deliveries are made.
    let enabled: Bool
    /// Why the server disabled it (a `410 Gone`).
    let disabledReason: String?
    /// Created and last changed (milliseconds).
    let createdAt: Int64
    let updatedAt: Int64
    /// Event type patterns, sorted.
    var eventTypes: [String] = []
    /// The new secret, written only in the answer that made it.
    var shownSecret: String?

    /// The columns `init(row:)` reads, in order.
    static let columns = """
        id, organization_id, url, description, secret, previous_secret, previous_secret_expires_at, enabled, disabled_reason, \
        created_at, updated_at
        """

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws(RowDecodingError) {
        var reader = RowReader(row)
        id = try reader.string()
        organizationID = try reader.optionalString()
        url = try reader.string()
        description = try reader.optionalString()
        secret = try reader.string()
        previousSecret = try reader.optionalString()
        previousSecretExpiresAt = try reader.optionalInteger()
        enabled = try reader.integer() != 0
        disabledReason = try reader.optionalString()
        createdAt = try reader.integer()
        updatedAt = try reader.integer()
    }

    /// The subscription as the delivery service uses it at `now`: the previous secret signs
    /// beside the current one until its grace period ends.
    func active(at now: Int64) -> ActiveSubscription? {
        guard let url = URL(string: url), let current = try? WebhookSecret(secret) else { return nil }
        var secrets = [current]
        if let previousSecret, let until = previousSecretExpiresAt, until > now, let previous = try? WebhookSecret(previousSecret) {
            secrets.append(previous)
        }
        var active = ActiveSubscription(name: id, url: url, secrets: secrets, events: eventTypes)
        active.organizationID = organizationID
        return active
    }

    /// A new id: `whsub_` and 32 hex digits.
    static func newID() -> String {
        WebhookContract.idPrefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id)
        writer.member("url", url)
        writer.member("description", description)
        writer.member("event_types", eventTypes)
        writer.member("enabled", enabled)
        writer.member("disabled_reason", disabledReason)
        writer.member("organization_id", organizationID)
        writer.member("previous_secret_expires_at", previousSecretExpiresAt.map(Self.date))
        writer.member("created_at", Self.date(createdAt))
        writer.member("updated_at", Self.date(updatedAt))
        if let shownSecret { writer.member("secret", shownSecret) }
        writer.endObject()
    }

    /// Milliseconds since 1970 as a date.
    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
