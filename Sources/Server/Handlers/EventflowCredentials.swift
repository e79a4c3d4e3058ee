import Foundation
import Generated
import Runtime

/// Registers EventFlow producers and consumers together with their credentials: a producer's
/// API key (service key, role `producer`) and a consumer's service token (role `consumer`),
/// each with the record's id as service name, issued through `HandlerContext.credentials`.
///
/// Atomicity: the record and its key live in different stores written by different
/// transactions (the key through the `Auth` module's issuer). The record is inserted first, so
/// a taken name is a plain 409 and no key is ever issued for a record that does not exist; when
/// issuing then fails the record is deleted again (compensation) and the error is answered. A
/// crash between the two leaves a record without a key, which an admin deletes and registers
/// again (it can have no events: nobody holds a key for it).
struct EventflowCredentials {
    /// The handler's context (database, caller, issuer, listeners).
    let context: HandlerContext

    /// Environment of the issued keys (`auth.apiKeys.prefixes`).
    static let environment = "live"

    /// Inserts the producer and issues its API key.
    func registerProducer(_ body: Eventflow.Operations.RegisterProducer.Body) async throws -> Eventflow.Operations.RegisterProducer.Output {
        let id = UUID()
        let now = TimestampFormat.now()
        let (record, issued): (Eventflow.Producers.Record, IssuedCredential) = try await register(
            id: id, binds: [.uuid(id), .text(body.name), body.description.map { .text($0) } ?? .null, .bool(true), .timestamp(now), .timestamp(now)],
            role: "producer", label: "EventFlow producer \(body.name)")
        return .init(
            producerId: record.producerId, name: record.name, description: record.description, active: record.active,
            apiKey: issued.key, apiKeyId: try Self.keyID(issued), createdAt: record.createdAt)
    }

    /// Inserts the consumer and issues its service token.
    func registerConsumer(_ body: Eventflow.Operations.RegisterConsumer.Body) async throws -> Eventflow.Operations.RegisterConsumer.Output {
        try Self.checkSubscription(body.subscribedEventTypes)
        let id = UUID()
        let now = TimestampFormat.now()
        let (record, issued): (Eventflow.Consumers.Record, IssuedCredential) = try await register(
            id: id, binds: [.uuid(id), .text(body.name), .json(body.subscribedEventTypes.text), .null, .null, .timestamp(now), .timestamp(now)],
            role: "consumer", label: "EventFlow consumer \(body.name)")
        return .init(
            consumerId: record.consumerId, name: record.name, subscribedEventTypes: record.subscribedEventTypes,
            serviceToken: issued.key, serviceTokenId: try Self.keyID(issued), createdAt: record.createdAt)
    }

    /// Inserts a `Record` (the generated insert with `binds`, primary key `id` first), issues
    /// its credential (service = `id`, `role`), deleting the record again when that fails, and
    /// announces the record.
    private func register<Record: TableRecord>(
        id: UUID, binds: [SQLValue], role: String, label: String
    ) async throws -> (Record, IssuedCredential) {
        let (caller, issuer) = try requireUser(registering: role)
        let table = Record.table
        let record = try Record(row: try await insertRow(SQLStatement(table.statements.insert.text(for: context.database.dialect), binds)))
        let request = CredentialRequest(name: label, environment: Self.environment, service: Self.serviceName(id), role: role)
        let issued = try await issue(request, caller: caller, issuer: issuer, rollback: table, id: id)
        await context.listeners.announce(.created, record)
        return (record, issued)
    }

    /// The service name of a producer's or consumer's credential: its id in lower case.
    static func serviceName(_ id: UUID) -> String { id.uuidString.lowercased() }

    /// The caller and the issuer; 403 before anything is written unless the caller is a user
    /// (keys are issued on a user's behalf, never by another key).
    private func requireUser(registering what: String) throws -> (Identity, any CredentialIssuer) {
        guard let issuer = context.credentials else { throw APIError.internalError }
        guard let caller = context.identity, caller.kind == "user" else {
            throw APIError.forbidden("Register a \(what) with a user's access token: its credential is issued on that user's behalf.")
        }
        return (caller, issuer)
    }

    /// Runs the generated insert; a taken name is 409 naming `name`.
    private func insertRow(_ insert: SQLStatement) async throws -> SQLRow {
        do {
            guard let row = try await context.database.write([insert]).first?.rows.first else { throw APIError.internalError }
            return row
        } catch let error as DatabaseError {
            guard case .uniqueViolation = error.code else { throw error }
            throw APIError.conflict(
                "Another record already has this value of name.", fieldErrors: [.init(field: "name", message: "is already taken by another record")])
        }
    }

    /// Issues the credential; on failure deletes the record just inserted and rethrows.
    private func issue(
        _ request: CredentialRequest, caller: Identity, issuer: any CredentialIssuer, rollback table: TableDescriptor, id: UUID
    ) async throws -> IssuedCredential {
        do {
            return try await issuer.issueAPIKey(request, for: caller)
        } catch {
            do {
                _ = try await context.database.write([SQLStatement(table.statements.delete.text(for: context.database.dialect), [.uuid(id)])])
            } catch let cleanup {
                context.logger.error(
                    "could not remove a record whose credential was not issued",
                    metadata: ["table": "\(table.name)", "id": "\(id)", "error": "\(cleanup)"])
            }
            throw error
        }
    }

    /// The issued key's id as a UUID (the `Auth` module's ids are UUIDs).
    private static func keyID(_ issued: IssuedCredential) throws -> UUID {
        guard let id = UUID(uuidString: issued.id) else { throw APIError.internalError }
        return id
    }

    /// 422 naming `subscribed_event_types` unless it is an array of strings.
    private static func checkSubscription(_ value: RawJSON) throws {
        let problem = APIError.validation([.init(field: "subscribed_event_types", message: "must be an array of event type strings")])
        guard case .array(let elements) = try value.parsed() else { throw problem }
        for element in elements {
            guard case .string = element else { throw problem }
        }
    }
}
