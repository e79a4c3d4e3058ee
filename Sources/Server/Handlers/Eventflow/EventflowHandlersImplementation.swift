import Foundation
import Generated
import Runtime
import ValueFormats

/// The EventFlow app's custom endpoints: ingestion, producer and consumer registration (with
/// their credentials), consumer fetch and the contract's health.
struct EventflowHandlersImplementation: EventflowHandlers {
    /// Events younger than this are not handed to consumers yet, so that every event written
    /// concurrently with a fetch (same millisecond, or committed after a later timestamp) is
    /// visible before a consumer's position moves past its receive time.
    let settleInterval: TimeInterval

    /// One second: far longer than any write transaction takes.
    static let defaultSettleInterval: TimeInterval = 1

    /// Creates the handlers.
    init(settleInterval: TimeInterval = Self.defaultSettleInterval) {
        self.settleInterval = settleInterval
    }

    /// Stores the event through the `events` store (validated, with the write hooks), for the
    /// producer the caller's key belongs to (see `EventflowProducerCheck`). A producer deleted
    /// meanwhile is 422 naming `producer_id`.
    func ingestEvent(
        _ input: Eventflow.Operations.IngestEvent.Input, context: HandlerContext
    ) async throws -> Eventflow.Operations.IngestEvent.Output {
        let body = input.body
        let producerID = try await EventflowProducerCheck(context: context).sendingProducer(named: body.producerId)
        let record = try await context.store(Eventflow.Events.Record.self).create(
            .init(producerId: producerID, eventType: body.eventType, eventVersion: body.eventVersion, payload: body.payload))
        return .init(eventId: record.eventId, status: "ACCEPTED", receivedAt: record.createdAt)
    }

    /// Stores a verified Standard Webhooks message (the route checked its signature, timestamp
    /// and id) as an event of the producer in the path: its `type` and `data` become the event's
    /// type and payload. The event's insert carries the message id, so a redelivery stores nothing.
    func receiveWebhook(
        _ input: Eventflow.Operations.ReceiveWebhook.Input, context: HandlerContext
    ) async throws -> Eventflow.Operations.ReceiveWebhook.Output {
        guard let producer = try await context.store(Eventflow.Producers.Record.self).find(input.id) else {
            throw APIError.recordNotFound(table: "producers", id: ValueFormats.lowercaseText(of: input.id))
        }
        guard producer.active else {
            throw APIError.conflict("The producer \(producer.name) is inactive; activate it to receive its messages.")
        }
        _ = try await context.store(Eventflow.Events.Record.self).create(
            .init(producerId: producer.producerId, eventType: input.body.type, eventVersion: 1, payload: input.body.data))
        return .init()
    }

    /// Registers a producer and answers its API key once.
    func registerProducer(
        _ input: Eventflow.Operations.RegisterProducer.Input, context: HandlerContext
    ) async throws -> Eventflow.Operations.RegisterProducer.Output {
        try await EventflowCredentials(context: context).registerProducer(input.body)
    }

    /// Registers a consumer and answers its service token once.
    func registerConsumer(
        _ input: Eventflow.Operations.RegisterConsumer.Input, context: HandlerContext
    ) async throws -> Eventflow.Operations.RegisterConsumer.Output {
        try await EventflowCredentials(context: context).registerConsumer(input.body)
    }

    /// Hands out the consumer's next events and moves its position past them.
    func consumerEvents(
        _ input: Eventflow.Operations.ConsumerEvents.Input, context: HandlerContext
    ) async throws -> Eventflow.Operations.ConsumerEvents.Output {
        // A service token (a consumer's) fetches only its own consumer; other callers holding
        // the scope (admins) fetch any.
        if let caller = context.identity, caller.kind == "service", caller.subject != EventflowCredentials.serviceName(input.id) {
            throw APIError.forbidden("This service token belongs to another consumer; it fetches only its own events.")
        }
        let fetcher = ConsumerFetch(context: context, consumerID: input.id, limit: Int(input.limit))
        for _ in 0..<3 {
            if let events = try await fetcher.attempt(settledBefore: Date().addingTimeInterval(-settleInterval)) {
                return .init(events: events)
            }
        }
        throw APIError(
            status: .conflict, code: "CONCURRENT_FETCH",
            detail: "Another fetch for this consumer moved its position at the same time; retry.")
    }

    /// `{"status": "UP"}` when the database answers; 503 otherwise.
    func systemHealth(
        _ input: Eventflow.Operations.SystemHealth.Input, context: HandlerContext
    ) async throws -> Eventflow.Operations.SystemHealth.Output {
        try await context.requireDatabase()
        return .init(status: "UP")
    }
}
