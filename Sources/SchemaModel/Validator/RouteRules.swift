/// Checks that no two routes of an app share a method and path: neither two endpoints, nor an
/// endpoint and a route generated for a table.
enum RouteRules {
    /// A route generated for a table operation.
    struct TableRoute: Hashable {
        /// HTTP method.
        let method: EndpointMethod
        /// Path shape relative to the base path, parameters written `{}`.
        let shape: String
        /// The table.
        let table: String
        /// The operation the route serves.
        let operation: TableOperation
    }

    /// The routes a table exposes: `GET|POST /<table>` and `GET|PUT|PATCH|DELETE /<table>/{id}`.
    static func routes(of table: TableSchema) -> [TableRoute] {
        table.operations.map { operation in
            let (method, shape): (EndpointMethod, String) =
                switch operation {
                case .list: (.GET, "/\(table.name)")
                case .create: (.POST, "/\(table.name)")
                case .get: (.GET, "/\(table.name)/{}")
                case .replace: (.PUT, "/\(table.name)/{}")
                case .update: (.PATCH, "/\(table.name)/{}")
                case .delete: (.DELETE, "/\(table.name)/{}")
                }
            return TableRoute(method: method, shape: shape, table: table.name, operation: operation)
        }
    }

    /// Reports `route-conflict` on every endpoint whose method and path are already taken.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        var tableRoutes: [String: TableRoute] = [:]
        for route in app.tables.flatMap(routes(of:)) { tableRoutes["\(route.method.rawValue) \(route.shape)"] = route }
        var endpointRoutes: [String: EndpointSchema] = [:]
        for endpoint in app.endpoints {
            let path = EndpointPath(endpoint.path)
            guard path.problems.isEmpty else { continue }
            let key = "\(endpoint.method.rawValue) \(path.routeShape)"
            let route = "\(endpoint.method.rawValue) \(endpoint.path)"
            if let taken = tableRoutes[key] {
                diagnostics.error(
                    .routeConflict, file: endpoint.file, path: "path",
                    "\(route) is already served by table \"\(taken.table)\" (operation \"\(taken.operation.rawValue)\"); "
                        + "change \"path\" or \"method\", or remove \"\(taken.operation.rawValue)\" from the table's "
                        + "\"operations\"")
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
