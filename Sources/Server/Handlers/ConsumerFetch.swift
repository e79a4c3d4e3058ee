import Foundation
import Generated
import Runtime

/// One consumer's fetch: read its position, read the next events, move the position with a
/// compare-and-set so two concurrent fetches never hand out the same events twice.
struct ConsumerFetch {
    let database: any DatabaseClient
    let consumerID: UUID
    let limit: Int

    private typealias Item = Eventflow.Operations.ConsumerEvents.OutputEventsItems

    /// The events, or `nil` when another fetch moved the position first.
    func attempt(settledBefore settled: Date) async throws -> [Eventflow.Operations.ConsumerEvents.OutputEventsItems]? {
        let dialect = database.dialect
        let consumerRows = try await database.fetch(
            SQLStatement(Eventflow.Consumers.descriptor.statements.selectByID.text(for: dialect), [.uuid(consumerID)]))
        guard let consumerRow = consumerRows.first else {
            throw APIError.recordNotFound(table: "consumers", id: consumerID.uuidString.lowercased())
        }
        let consumer = try Eventflow.Consumers.Record(row: consumerRow)
        let types = try subscribedTypes(consumer)
        let events = try await database.fetch(nextEvents(after: consumer, types: types, settled: settled, dialect: dialect))
            .map { try Eventflow.Events.Record(row: $0) }
        guard let last = events.last else { return [] }
        let moved = try await database.write([advance(consumer, to: last, dialect: dialect)])
        guard moved.first?.changes == 1 else { return nil }
        return events.map {
            Item(
                eventId: $0.eventId, eventType: $0.eventType, eventVersion: $0.eventVersion, producerId: $0.producerId,
                payload: $0.payload, receivedAt: $0.createdAt)
        }
    }

    private func subscribedTypes(_ consumer: Eventflow.Consumers.Record) throws -> [String] {
        guard case .array(let elements) = try consumer.subscribedEventTypes.parsed() else {
            throw APIError(
                status: .conflict, code: "INVALID_SUBSCRIPTION",
                detail: "The consumer's subscribed_event_types is not an array of strings; fix it with PATCH.")
        }
        return try elements.map { element in
            guard case .string(let type) = element else {
                throw APIError(
                    status: .conflict, code: "INVALID_SUBSCRIPTION",
                    detail: "The consumer's subscribed_event_types holds a non-string; fix it with PATCH.")
            }
            return type
        }
    }

    private func nextEvents(after consumer: Eventflow.Consumers.Record, types: [String], settled: Date, dialect: SQLDialect) -> SQLStatement {
        var placeholders = PlaceholderSequence(dialect: dialect)
        let statements = Eventflow.Events.descriptor.statements
        var sql = "SELECT \(statements.selectColumns) FROM \(statements.table) WHERE \"created_at\" <= \(placeholders.next())"
        var binds: [SQLValue] = [.timestamp(settled)]
        if let at = consumer.lastEventAt, let id = consumer.lastEventId {
            sql += " AND (\"created_at\" > \(placeholders.next()) OR (\"created_at\" = \(placeholders.next()) AND \"event_id\" > \(placeholders.next())))"
            binds += [.timestamp(at), .timestamp(at), .uuid(id)]
        }
        if !types.isEmpty {
            sql += " AND \"event_type\" IN (" + types.map { _ in placeholders.next() }.joined(separator: ", ") + ")"
            binds += types.map { .text($0) }
        }
        sql += " ORDER BY \"created_at\", \"event_id\" LIMIT \(placeholders.next())"
        binds.append(.integer(Int64(limit)))
        return SQLStatement(sql, binds)
    }

    private func advance(_ consumer: Eventflow.Consumers.Record, to last: Eventflow.Events.Record, dialect: SQLDialect) -> SQLStatement {
        var placeholders = PlaceholderSequence(dialect: dialect)
        let set = "UPDATE \"consumers\" SET \"last_event_at\" = \(placeholders.next()), \"last_event_id\" = \(placeholders.next()), \"updated_at\" = \(placeholders.next())"
        let key = " WHERE \"consumer_id\" = \(placeholders.next())"
        let same = dialect == .sqlite ? " AND \"last_event_id\" IS \(placeholders.next())" : " AND \"last_event_id\" IS NOT DISTINCT FROM \(placeholders.next())"
        let previous: SQLValue = consumer.lastEventId.map { .uuid($0) } ?? .null
        return SQLStatement(
            set + key + same,
            [.timestamp(last.createdAt), .uuid(last.eventId), .timestamp(TimestampFormat.now()), .uuid(consumer.consumerId), previous])
    }
}
