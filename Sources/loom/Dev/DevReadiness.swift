import APIContract
import SchemaModel

/// Which path tells `loom dev` that a new server is ready: the app's readiness probe where the
/// app serves it (`routes` may move or switch off system operations), else its health check,
/// else none (accepting connections counts as ready).
enum DevReadiness {
    /// The probe's path for `app` (`nil`: the project's `defaultApp`) in `schemas`; the default
    /// `/health/ready` when the schemas cannot be read (the first generation reports why).
    static func path(app: String?, schemas: ParsedSchemas?) -> String? {
        guard let schemas else { return defaultPath(.healthReady) }
        let name = app ?? schemas.project.defaultApp
        guard let config = schemas.apps.first(where: { $0.config.name == name })?.config else { return defaultPath(.healthReady) }
        for operation in [SystemOperation.healthReady, .health] {
            guard let override = config.routes[operation.rawValue] else { return defaultPath(operation) }
            if let path = override.paths.first { return path }
        }
        return nil
    }

    /// Where the system contract serves `operation` when the app does not move it.
    private static func defaultPath(_ operation: SystemOperation) -> String? {
        SystemContract.routes.first { $0.operation == operation }?.path
    }
}
