import APIContract
import CodeGenerator
import SchemaModel

/// Which path tells `loom dev` that a new server is ready: the app's readiness probe where the
/// app serves it (`routes` may move or switch off system operations), else its health check,
/// else none (accepting connections counts as ready). The system routes are laid out as the
/// server and the document lay them out (`ContractLayout`), so the probe cannot drift from them.
enum DevReadiness {
    /// The probe's path for `app` (`nil`: the project's `defaultApp`) in `schemas`; the default
    /// `/health/ready` when the schemas cannot be read (the first generation reports why).
    static func path(app: String?, schemas: ParsedSchemas?) -> String? {
        let name = app ?? schemas?.project.defaultApp
        let overrides = schemas?.apps.first(where: { $0.config.name == name })?.config.servedSystemRoutes ?? [:]
        let served = SystemContract.routes(layout: ContractLayout(prefix: "", routes: AuthContractOptions.overrides(overrides)))
        for operation in [SystemOperation.healthReady, .health] {
            if let route = served.first(where: { $0.operation == operation }) { return route.path }
        }
        return nil
    }
}
