import Foundation
import Runtime

/// A message and its delivery to one subscription, as the message log lists it
/// (`WebhookMessage` in the document).
struct MessageRecord: Sendable, JSONWritable {
    let id: String
    let eventType: String
    let createdAt: Int64
    let status: String
    let attempts: Int64
    let nextAttemptAt: Int64
    let lastStatus: Int64?
    let lastError: String?

    /// The columns `init(row:)` reads, `m` the message and `d` the delivery.
    static let columns = "m.id, m.event_type, m.created_at, d.status, d.attempts, d.next_attempt_at, d.last_status, d.last_error"

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws(RowDecodingError) {
        var reader = RowReader(row)
        id = try reader.string()
        eventType = try reader.string()
        createdAt = try reader.integer()
        status = try reader.string()
        attempts = try reader.integer()
        nextAttemptAt = try reader.integer()
        lastStatus = try reader.optionalInteger()
        lastError = try reader.optionalString()
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id)
        writer.member("event_type", eventType)
        writer.member("created_at", StoredSubscription.date(createdAt))
        writer.member("status", status)
        writer.member("attempts", attempts)
        writer.member("next_attempt_at", status == DeliveryStatus.pending.rawValue ? StoredSubscription.date(nextAttemptAt) : nil)
        writer.member("last_status", lastStatus)
        writer.member("last_error", lastError)
        writer.endObject()
    }
}

/// One delivery attempt, as the attempt log lists it (`WebhookAttempt` in the document).
struct AttemptRecord: Sendable, JSONWritable {
    let id: String
    let attemptedAt: Int64
    let responseStatus: Int64?
    let durationMilliseconds: Int64
    let responseBody: String?
    let error: String?

    /// The columns `init(row:)` reads, `a` the attempt.
    static let columns = "a.id, a.attempted_at, a.response_status, a.duration_ms, a.response_body, a.error"

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws(RowDecodingError) {
        var reader = RowReader(row)
        id = try reader.string()
        attemptedAt = try reader.integer()
        responseStatus = try reader.optionalInteger()
        durationMilliseconds = try reader.integer()
        responseBody = try reader.optionalString()
        error = try reader.optionalString()
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id)
        writer.member("attempted_at", StoredSubscription.date(attemptedAt))
        writer.member("response_status", responseStatus)
        writer.member("duration_ms", durationMilliseconds)
        writer.member("response_body", responseBody)
        writer.member("error", error)
        writer.endObject()
    }
}
