import APIContract
import Foundation
import Hummingbird
import Runtime

/// Serves the webhook management family (`WebhookContract`) at the app's declared path, on the
/// server's database (`ManagementFamily` builds it when the server registers its routes).
///
/// Every route needs the declared scope. In a tenant-scoped app a caller bound to an
/// organization works only on that organization's subscriptions (another's are 404) and the
/// subscriptions it creates receive only that organization's events; an unbound caller holding
/// the scope (an app admin) sees every subscription, and its own receive every event.
struct ManagementRoutes: Sendable {
    /// The app's webhooks section (management declared).
    let settings: WebhookSettings
    /// The declaration served.
    let contract: WebhookContract
    /// The database.
    let database: any DatabaseClient
    /// Compiled body rules.
    let validation: ContractValidation
    /// Address guard (loopback allowance), clock.
    let options: WebhookOptions
    /// Wakes the delivery service after a test event or a replay.
    let signal: DeliverySignal
    /// Wakes the delivery services after a subscription changed.
    let changes: DeliverySignal
    /// How the app spells JSON members.
    let naming: JSONNaming
    /// Largest request body.
    let maxBodyBytes: Int
    /// Whether subscription changes are written to the app's audit trail.
    let audited: Bool

    /// Builds the family of `settings`, which must declare `management`.
    init?(
        settings: WebhookSettings, database: any DatabaseClient, options: WebhookOptions, signal: DeliverySignal, changes: DeliverySignal,
        naming: JSONNaming, maxBodyBytes: Int, audited: Bool
    ) {
        guard let contractOptions = settings.contractOptions(naming: naming) else { return nil }
        self.settings = settings
        self.contract = WebhookContract(options: contractOptions)
        self.database = database
        // The update is declared partial: a member left out is absent, not null, so it keeps its value.
        self.validation = ContractValidation(
            bodies: contract.requestBodies, optional: contract.routes.filter(\.requestOptional).compactMap(\.request?.name))
        self.options = options
        self.signal = signal
        self.changes = changes
        self.naming = naming
        self.maxBodyBytes = maxBodyBytes
        self.audited = audited
    }

    var store: SubscriptionStore { SubscriptionStore(database: database) }
    var log: MessageLog { MessageLog(database: database) }

    /// Adds the family at its declared path.
    func register(in registry: inout RouteRegistry) {
        registry.add(contract.routes, prefix: contract.options.path, handler: handler)
    }

    /// The handler of each operation; the switch is exhaustive.
    func handler(for operation: WebhookOperation) -> RouteRegistry.Handler {
        switch operation {
        case .listSubscriptions: return { request, context in try await list(request, context) }
        case .createSubscription: return { request, context in try await create(request, context) }
        case .getSubscription: return { _, context in try await get(context) }
        case .updateSubscription: return { request, context in try await update(request, context) }
        case .deleteSubscription: return { _, context in try await delete(context) }
        case .rotateSecret: return { request, context in try await rotate(request, context) }
        case .sendTest: return { _, context in try await sendTest(context) }
        case .listMessages: return { request, context in try await messages(request, context) }
        case .listAttempts: return { request, context in try await attempts(request, context) }
        case .replayMessage: return { _, context in try await replay(context) }
        case .replayFailed: return { request, context in try await replayFailed(request, context) }
        }
    }

    /// The caller's identity (holding the scope) and the subscriptions it may see.
    func caller(_ context: LoomRequestContext) throws(APIError) -> (Identity, SubscriptionStore.Scope) {
        let identity = try context.requireScope(contract.options.scope)
        return (identity, SubscriptionStore.Scope(organization: settings.tenantScoped ? identity.organizationID : nil))
    }

    /// The subscription of the `{id}` path parameter the caller may see, or 404.
    func subscription(_ context: LoomRequestContext, scope: SubscriptionStore.Scope) async throws -> StoredSubscription {
        let id = context.parameters.get("id") ?? ""
        guard let found = try await store.find(id, in: scope) else { throw notFound("webhook subscription", id) }
        return found
    }

    /// 404: no `what` has `id` (for this caller).
    func notFound(_ what: String, _ id: String) -> APIError {
        APIError(status: .notFound, code: "NOT_FOUND", detail: "No \(what) has id \(id.prefix(64)).")
    }

    /// The validated body.
    func decode(_ request: Request, _ body: ContractBody) async throws -> ContractInput {
        try await validation.decode(request, as: body, limit: maxBodyBytes)
    }

    /// A JSON answer in the app's member spelling.
    func answer(_ status: HTTPResponse.Status, _ value: some JSONWritable) -> Response {
        JSONResponse.make(status: status, value: value, naming: naming)
    }

    /// Now, in milliseconds, on the module's clock.
    var now: Int64 { WebhookClock.milliseconds(options.clock.now()) }

    /// The audit row of a subscription change, when the app keeps a trail.
    func auditEvent(_ action: String, _ id: String, fields: [String], identity: Identity, context: LoomRequestContext) -> [SQLStatement] {
        guard audited else { return [] }
        return [AuditTrail.event(
            action: action, resource: "webhook_subscriptions", resourceID: id, identity: identity, requestID: context.requestID,
            clientAddress: RequestClientAddress.of(context), changedFields: fields, at: options.clock.now(), dialect: database.dialect)]
    }
}
