import Foundation
import Generated
import Runtime
import ValueFormats

/// Registers EventFlow producers and consumers together with their credentials: a producer's
/// API key (service key, role `producer`) and a consumer's service token (role `consumer`),
/// each with the record's id as service name.
///
/// Atomicity: the credential is checked and prepared first (`CredentialIssuer.prepareAPIKey`:
/// the caller's rights, the role's scopes), then the record and the credential's statements are
/// written in one transaction through the table's store. A taken name rolls both back (409
/// naming `name`), and no record ever exists without its key, nor a key without its record.
struct EventflowCredentials {
    /// The handler's context (database, caller, issuer, stores).
    let context: HandlerContext

    /// Environment of the issued keys (`auth.apiKeys.prefixes`).
    static let environment = "live"

    /// Inserts the producer and issues its API key.
    func registerProducer(_ body: Eventflow.Operations.RegisterProducer.Body) async throws -> Eventflow.Operations.RegisterProducer.Output {
        let id = UUID()
        let credential = try await prepare(id: id, role: "producer", label: "EventFlow producer \(body.name)")
        let record = try await context.store(Eventflow.Producers.Record.self).create(
            .init(name: body.name, description: body.description, active: true), key: id, alongside: credential.plan)
        return .init(
            producerId: record.producerId, name: record.name, description: record.description, active: record.active,
            apiKey: credential.credential.key, apiKeyId: try Self.keyID(credential.credential), createdAt: record.createdAt)
    }

    /// Inserts the consumer and issues its service token.
    func registerConsumer(_ body: Eventflow.Operations.RegisterConsumer.Body) async throws -> Eventflow.Operations.RegisterConsumer.Output {
        // The body's rules (an array of non-empty strings) were checked before this runs; the
        // table stores the list as a json value.
        let subscription = RawJSON(validatedText: JSONInput.array(body.subscribedEventTypes.map(JSONInput.string)).canonicalText)
        let id = UUID()
        let credential = try await prepare(id: id, role: "consumer", label: "EventFlow consumer \(body.name)")
        let record = try await context.store(Eventflow.Consumers.Record.self).create(
            .init(name: body.name, subscribedEventTypes: subscription), key: id, alongside: credential.plan)
        return .init(
            consumerId: record.consumerId, name: record.name, subscribedEventTypes: record.subscribedEventTypes,
            serviceToken: credential.credential.key, serviceTokenId: try Self.keyID(credential.credential), createdAt: record.createdAt)
    }

    /// The credential of the record with `id` (service = `id`, `role`), checked and ready to
    /// write; 403 before anything is written unless the caller is a user (keys are issued on a
    /// user's behalf, never by another key).
    private func prepare(id: UUID, role: String, label: String) async throws -> PreparedCredential {
        guard let issuer = context.credentials else { throw APIError.internalError }
        guard let caller = context.identity, caller.kind == "user" else {
            throw APIError.forbidden("Register a \(role) with a user's access token: its credential is issued on that user's behalf.")
        }
        let request = CredentialRequest(name: label, environment: Self.environment, service: Self.serviceName(id), role: role)
        return try await issuer.prepareAPIKey(request, for: caller)
    }

    /// The service name of a producer's or consumer's credential: its id in lower case.
    static func serviceName(_ id: UUID) -> String { ValueFormats.lowercaseText(of: id) }

    /// The issued key's id as a UUID (the `Auth` module's ids are UUIDs).
    private static func keyID(_ issued: IssuedCredential) throws -> UUID {
        guard let id = ValueFormats.uuid(issued.id) else { throw APIError.internalError }
        return id
    }

}
