import APIContract
import SchemaModel

/// No two routes of an app, whatever declares them (tables, endpoints, the system, auth and
/// platform families, aliases included), share a method and a path shape: the router could
/// serve only one of them.
enum RouteCollisionRules {
    /// One served path and where it is declared.
    private struct Origin {
        let file: String
        let path: String
        let what: String
        /// Declared by a contract family (the schema validator already compares tables and endpoints with each other).
        var contract = false
    }

    /// The collisions of `app`.
    static func check(_ app: AppSchema) -> [Diagnostic] {
        var seen: [String: Origin] = [:]
        var diagnostics: [Diagnostic] = []
        func serve(_ method: String, _ path: String, _ origin: Origin) {
            let key = method.uppercased() + " " + shape(path)
            if let first = seen[key], first.contract || origin.contract {
                diagnostics.append(Diagnostic(
                    code: SchemaDiagnosticCode.routeConflict.rawValue, file: origin.file, path: origin.path,
                    message: "\(method.uppercased()) \(path) of \(origin.what) is already served by \(first.what) (\(first.file)); move one of them"))
            } else if seen[key] == nil {
                seen[key] = origin
            }
        }
        let config = app.config
        let system = ContractLayout(prefix: "", routes: AuthContractOptions.overrides(config.servedSystemRoutes))
        for route in SystemContract.routes(layout: system) {
            for path in route.allPaths { serve(route.method.rawValue, path, Origin(file: config.file, path: "routes", what: route.operation.routeKey, contract: true)) }
        }
        if let auth = config.auth {
            let options = AuthContractOptions(auth: auth, app: config)
            for route in AuthContract(options: options).routes {
                let origin = Origin(file: config.file, path: auth.routes[route.operation.routeKey] == nil ? "auth.path" : "auth.routes." + route.operation.routeKey, what: "auth " + route.operation.routeKey, contract: true)
                for path in route.allPaths { serve(route.method.rawValue, path, origin) }
            }
            for route in PlatformContract(options: options).routes {
                let origin = Origin(file: config.file, path: "auth.platformAdmins", what: "platform " + route.operation.routeKey, contract: true)
                for path in route.allPaths { serve(route.method.rawValue, path, origin) }
            }
        }
        if let limits = config.rateLimits, !limits.tiers.isEmpty {
            let origin = Origin(file: config.file, path: "rateLimits.tiersPath", what: "the rate-limit tier routes", contract: true)
            for route in RateLimitTierContract(tiers: limits.tiers, ids: ResourceIDs()).routes {
                for path in route.allPaths { serve(route.method.rawValue, config.basePath + limits.tiersPath + path, origin) }
            }
        }
        if let webhooks = config.webhooks, let management = webhooks.management {
            let options = WebhookContractOptions(
                path: management.path, scope: management.scope, tenantScoped: webhooks.tenantScoped,
                maxRotationGraceSeconds: management.maxRotationGraceSeconds, eventTypes: webhooks.eventTypes, routes: management.routes)
            for route in WebhookContract(options: options).routes {
                let origin = Origin(
                    file: config.file, path: management.routes[route.operation.routeKey] == nil ? "webhooks.management.path" : "webhooks.management.routes." + route.operation.routeKey,
                    what: "webhook management " + route.operation.routeKey, contract: true)
                for path in route.allPaths { serve(route.method.rawValue, management.path + path, origin) }
            }
        }
        for table in app.tables {
            for (key, paths) in TableRoutes(table: table, basePath: config.basePath).paths {
                let origin = Origin(file: table.file, path: table.routes[key] == nil ? "path" : "routes." + key.rawValue, what: "table \(table.name) (\(key.rawValue))")
                for path in paths { serve(method(of: key), path, origin) }
            }
        }
        for endpoint in app.endpoints {
            serve(endpoint.method.rawValue, config.basePath + endpoint.path, Origin(file: endpoint.file, path: "path", what: "endpoint \(endpoint.name)"))
        }
        return diagnostics
    }

    private static func method(of key: TableRouteKey) -> String {
        switch key {
        case .list, .get: return "GET"
        case .create, .batch, .upsert, .restore: return "POST"
        case .replace: return "PUT"
        case .update: return "PATCH"
        case .delete: return "DELETE"
        }
    }

    /// `/v1/tasks/{id}` → `/v1/tasks/{}`.
    private static func shape(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { $0.hasPrefix("{") && $0.hasSuffix("}") ? "{}" : String($0) }
            .joined(separator: "/")
    }
}
