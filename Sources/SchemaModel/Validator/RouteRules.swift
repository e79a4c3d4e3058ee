/// Checks that no two routes of an app share a method and path: neither two endpoints, nor an
/// endpoint and a route of a table, nor two table routes (tables may be mounted anywhere and
/// have aliases). Auth, platform and system routes are checked by the generator.
enum RouteRules {
    /// A route a table serves.
    struct TableRoute: Hashable {
        /// HTTP method.
        let method: EndpointMethod
        /// The complete path with parameters written `{}`.
        let shape: String
        /// The table.
        let table: String
        /// The route.
        let key: TableRouteKey
    }

    /// The HTTP method of a table route.
    static func method(of key: TableRouteKey) -> EndpointMethod {
        switch key {
        case .list, .get: return .GET
        case .create, .batch, .upsert, .restore: return .POST
        case .replace: return .PUT
        case .update: return .PATCH
        case .delete: return .DELETE
        }
    }

    /// Every path of every route of `table` (aliases included).
    static func routes(of table: TableSchema, basePath: String) -> [TableRoute] {
        TableRoutes(table: table, basePath: basePath).paths.flatMap { key, paths in
            paths.map { TableRoute(method: method(of: key), shape: EndpointPath($0, declared: true).routeShape, table: table.name, key: key) }
        }
    }

    /// Reports `route-conflict` on every route whose method and path are already taken.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        let basePath = app.config.basePath
        var tableRoutes: [String: TableRoute] = [:]
        for table in app.tables {
            for route in routes(of: table, basePath: basePath) {
                let key = "\(route.method.rawValue) \(route.shape)"
                if let taken = tableRoutes[key] {
                    diagnostics.error(
                        .routeConflict, file: table.file, path: table.routes[route.key] == nil ? "path" : JSONPath.member(route.key.rawValue, of: "routes"),
                        "\(key) of \(route.key.rawValue) is already served by table \"\(taken.table)\" (\(taken.key.rawValue)); move one of them")
                } else {
                    tableRoutes[key] = route
                }
            }
        }
        var endpointRoutes: [String: EndpointSchema] = [:]
        for endpoint in app.endpoints {
            let path = EndpointPath(basePath + endpoint.path)
            guard path.problems.isEmpty else { continue }
            let key = "\(endpoint.method.rawValue) \(path.routeShape)"
            let route = "\(endpoint.method.rawValue) \(endpoint.path)"
            if let taken = tableRoutes[key] {
                diagnostics.error(
                    .routeConflict, file: endpoint.file, path: "path",
                    "\(route) is already served by table \"\(taken.table)\" (operation \"\(taken.key.rawValue)\"); "
                        + "change \"path\" or \"method\", or move or remove the table's \"\(taken.key.rawValue)\" route")
            } else if let other = endpointRoutes[key] {
                diagnostics.error(
                    .routeConflict, file: endpoint.file, path: "path",
                    "\(route) is also declared by endpoint \"\(other.name)\" (\(other.file)); each method and path "
                        + "may be declared once, so change \"path\" or \"method\"")
            } else {
                endpointRoutes[key] = endpoint
            }
        }
    }
}
