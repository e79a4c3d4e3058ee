/// Where a family's routes are served and how their members are spelled: the family's prefix
/// for the default paths, the app's naming style, and the app's overrides by operation name.
///
/// The generator builds it from the schema and the runtime from the generated settings; both
/// lay out the same routes with `apply`, so the routes served and the routes documented agree.
public struct ContractLayout: Sendable, Hashable {
    /// Prefix of the default paths (`/v1/auth`).
    public var prefix: String
    /// How members named in `snake_case` are spelled.
    public var naming: JSONNaming
    /// Overrides by operation name (`ContractOperation.routeKey`).
    public var routes: [String: ContractRouteOverride]
    /// How the ids of auth resources are written (`auth.ids`).
    public var ids: ResourceIDs

    /// Creates a layout.
    public init(
        prefix: String, naming: JSONNaming = .snakeCase, routes: [String: ContractRouteOverride] = [:], ids: ResourceIDs = ResourceIDs()
    ) {
        self.prefix = prefix
        self.naming = naming
        self.routes = routes
        self.ids = ids
    }

    /// `routes` laid out: paths complete (the override's, or the prefix and the declared path),
    /// switched-off operations left out, members and parameters spelled in the app's style, ids
    /// of auth resources in the app's format.
    /// Links of the answers follow their targets: a link to a switched-off operation is left
    /// out, and the parameter and member it names are spelled as the target's path and the
    /// app's naming spell them.
    public func apply<Operation>(_ routes: [ContractRoute<Operation>]) -> [ContractRoute<Operation>] {
        let laidOut = routes.compactMap { route -> ContractRoute<Operation>? in
            let override = self.routes[route.operation.routeKey]
            if let override, override.paths.isEmpty { return nil }
            return route.laidOut(
                paths: override?.paths ?? [prefix + route.path], method: override?.method ?? route.method, naming: naming,
                members: override?.members ?? [:], ids: ids, success: override?.success)
        }
        let targets = Dictionary(laidOut.map { ($0.operation.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        return laidOut.map { route in
            guard route.responses.contains(where: { !$0.links.isEmpty }) else { return route }
            let responses = route.responses.map { response in
                ContractResponse(response.status, response.body, response.description, links: response.links.compactMap { link in
                    guard let target = targets[link.operationID] else { return nil }
                    var fills: [ContractLink.Fill] = []
                    for fill in link.fills {
                        guard let parameter = target.parameters.first(where: { $0.location == .path && $0.key == fill.parameter }) else { return nil }
                        fills.append(ContractLink.Fill(parameter: parameter.name, member: naming.name(fill.member)))
                    }
                    return ContractLink(name: link.name, operationID: link.operationID, fills: fills)
                })
            }
            return ContractRoute(
                copying: route, method: route.method, path: route.path, aliases: route.aliases, request: route.request,
                parameters: route.parameters, responses: responses)
        }
    }
}
