import Foundation
import Generated
import Runtime
import ValueFormats

/// One consumer's fetch: read its position, read the next events, move the position with a
/// compare-and-swap so two concurrent fetches never hand out the same events twice.
struct ConsumerFetch {
    let context: HandlerContext
    let consumerID: UUID
    let limit: Int

    typealias Item = Eventflow.Operations.ConsumerEvents.OutputEventsItems
    private typealias Events = Eventflow.Events.Columns

    /// The events, or `nil` when another fetch moved the position first.
    func attempt(settledBefore settled: Date) async throws -> [Item]? {
        let consumers = try context.store(Eventflow.Consumers.Record.self)
        let events = try context.store(Eventflow.Events.Record.self)
        guard let consumer = try await consumers.find(consumerID) else {
            throw APIError.recordNotFound(table: "consumers", id: ValueFormats.lowercaseText(of: consumerID))
        }
        var next = Events.createdAt <= settled
        if let at = consumer.lastEventAt, let id = consumer.lastEventId {
            next = next && (Events.createdAt > at || (Events.createdAt == at && Events.eventId > id))
        }
        let types = try subscribedTypes(consumer)
        if !types.isEmpty { next = next && Events.eventType.isIn(types) }
        let batch = try await events.read(
            events.records(where: next, orderBy: [Events.createdAt.ascending, Events.eventId.ascending], limit: limit))
        guard let last = batch.last else { return [] }
        // Only if the consumer is still exactly as read: a concurrent fetch moved it otherwise.
        let moved = try await consumers.update(
            consumer.consumerId, .init(lastEventAt: .some(last.createdAt), lastEventId: .some(last.eventId)), ifUnchanged: consumer)
        guard moved != nil else { return nil }
        return batch.map {
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
}
