import Foundation
import Generated
import Runtime
import ValueFormats

/// Decides which producer an ingested event comes from. A producer's API key (a service key
/// whose service name is the producer id) sends as its own producer only; any other caller
/// holding the ingest scope (an admin) names the producer in `producer_id`. The producer must
/// exist and be active: one primary-key read per event.
struct EventflowProducerCheck {
    /// The handler's context (caller and database).
    let context: HandlerContext

    /// The producer id to store, after the checks above.
    /// - Throws: 403 for another producer's id, an unknown producer behind a key or an inactive
    ///   producer; 422 naming `producer_id` when a non-producer caller omits it or names no producer.
    func sendingProducer(named bodyProducer: UUID?) async throws -> UUID {
        let fromKey = try keyProducer()
        if let fromKey, let bodyProducer, bodyProducer != fromKey {
            throw APIError.forbidden("This API key belongs to another producer; it sends events as its own producer only.")
        }
        guard let producerID = fromKey ?? bodyProducer else {
            throw APIError.validation([.init(field: "producer_id", message: "is required unless you call with a producer's API key")])
        }
        guard let producer = try await context.store(Eventflow.Producers.Record.self).find(producerID) else {
            if fromKey != nil { throw APIError.forbidden("The producer this API key was issued for no longer exists.") }
            throw APIError.validation([.init(field: "producer_id", message: "references no record in producers")])
        }
        guard producer.active else {
            throw APIError(status: .forbidden, code: "PRODUCER_INACTIVE", detail: "The producer is inactive; its events are refused.")
        }
        return producerID
    }

    /// The producer of the caller's key; `nil` for callers that are not a service key.
    private func keyProducer() throws -> UUID? {
        guard let caller = context.identity, caller.kind == "service" else { return nil }
        guard let id = ValueFormats.uuid(caller.subject) else {
            throw APIError.forbidden("This service key was issued for no producer.")
        }
        return id
    }
}
