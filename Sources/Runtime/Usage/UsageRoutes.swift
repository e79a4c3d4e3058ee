import APIContract
import Hummingbird

/// Serves the usage family (`UsageContract`): `GET <base><usage path>`, read only.
///
/// It needs the `usage:read` scope (`*` and `usage:*` grant it). A caller bound to an
/// organization (an organization admin's token or key) sees only that organization's rows; an
/// unbound caller holding the scope (an app admin) sees every row. Before reading it adds this
/// instance's counts (`UsageStore.flush`), so a caller sees its own traffic at once.
struct UsageRoutes: Sendable {
    let contract: UsageContract
    let store: UsageStore
    /// This server's counts; `nil` when the server counts nothing (the route then reads what others added).
    let recorder: UsageRecorder?
    /// How the app spells JSON members.
    let naming: JSONNaming
    /// How the page is wrapped (the app's envelopes when `envelopes.families` names `usage`).
    let envelopes: FamilyEnvelopes

    /// Adds the family under the app's base path.
    func register(in registry: inout RouteRegistry, basePath: String) {
        registry.add(contract.routes, prefix: basePath, handler: handler)
    }

    /// The handler of each usage operation (the switch is exhaustive).
    func handler(for operation: UsageOperation) -> RouteRegistry.Handler {
        switch operation {
        case .listUsage:
            return { request, context in try await list(request, context: context) }
        }
    }

    /// One page of rows the caller may see.
    private func list(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let identity = try context.requireScope(UsageContract.readScope)
        let filter = try UsageFilter(request, contract: contract, organization: identity.organizationID)
        if let recorder { try await store.flush(recorder) }
        let (rows, total) = try await store.page(filter)
        return JSONResponse.make(
            status: .ok, value: EnvelopedList(rows, page: .init(total: total, limit: filter.limit, offset: filter.offset), in: envelopes),
            naming: naming, ids: contract.ids)
    }
}
