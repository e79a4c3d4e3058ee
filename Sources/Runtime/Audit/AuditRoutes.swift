import APIContract
import Foundation
import Hummingbird
import ValueFormats

/// Serves the audit family (`AuditContract`): `GET <base>/audit`, read only.
///
/// It needs the `audit:read` scope (`*` and `audit:*` grant it). A caller bound to an
/// organization (an organization admin's token or key) sees only that organization's events;
/// an unbound caller holding the scope (an app admin) sees every event, and alone may read the
/// `Auth` module's trail (`source=auth`), whose events belong to no organization.
struct AuditRoutes: Sendable {
    let store: AuditStore
    /// The app's page sizes (`limits.defaultPageSize`, `limits.maxPageSize`).
    let page: ContractPageSize
    /// How the app spells JSON members.
    let naming: JSONNaming
    /// How the page is wrapped (the app's envelopes when `envelopes.families` names `audit`).
    let envelopes: FamilyEnvelopes

    /// Adds the family under the app's base path.
    func register(in registry: inout RouteRegistry, basePath: String) {
        registry.add(AuditContract.routes(page: page), prefix: basePath, handler: handler)
    }

    /// The handler of each audit operation (the switch is exhaustive).
    func handler(for operation: AuditOperation) -> RouteRegistry.Handler {
        switch operation {
        case .listAuditEvents:
            return { request, context in try await list(request, context: context) }
        case .getAuditEvent:
            return { _, context in try await event(context: context) }
        }
    }

    /// One event the caller may see (the list's rules), or 404.
    private func event(context: LoomRequestContext) async throws -> Response {
        let identity = try context.requireScope(AuditContract.readScope)
        let text = context.parameters.get("id") ?? ""
        guard let id = ValueFormats.uuid(text) else {
            throw APIError.invalidParameters([.init(field: "id", message: "must be a UUID (got \"\(text.prefix(64))\")")], in: "path")
        }
        guard let found = try await store.event(id: id, organization: identity.organizationID) else {
            throw APIError(status: .notFound, code: "NOT_FOUND", detail: "No audit event has id \(ValueFormats.lowercaseText(of: id)).")
        }
        return JSONResponse.make(status: .ok, value: EnvelopedRecord(found, in: envelopes), naming: naming)
    }

    /// One page of events the caller may see.
    private func list(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let identity = try context.requireScope(AuditContract.readScope)
        let filter = try AuditFilter(request, page: page, organization: identity.organizationID)
        if filter.authTrail, identity.organizationID != nil {
            throw APIError.forbidden(
                "The auth trail belongs to no organization; only a caller bound to none (an app admin) may read it.")
        }
        let (events, total) = try await store.page(filter)
        return JSONResponse.make(
            status: .ok,
            value: EnvelopedList(
                events, page: .init(total: total, limit: filter.limit, offset: filter.offset), in: envelopes),
            naming: naming)
    }
}
