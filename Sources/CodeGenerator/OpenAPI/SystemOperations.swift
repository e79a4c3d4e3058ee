import APIContract
import OpenAPIKit

/// The system family (`APIContract`'s `SystemContract`: health probes, this document and the
/// docs page) as operations tagged `system`. They live at the root, not under the base path.
enum SystemOperations {
    /// Name of the health body schema.
    static let healthStatusName = SystemContract.healthStatusSchema

    /// `{status, app, checks?: {database}}`, as `BuiltInRoutes.statusBody` writes it.
    static func healthStatusSchema() -> JSONSchema {
        let checks = SchemaFactory.object(
            [.init("database", SchemaFactory.string("`ok`, or `unavailable` when the database did not answer."))],
            description: "Results of the dependency checks; absent from the liveness probe, which checks nothing.")
        return SchemaFactory.object(
            [
                .init("status", SchemaFactory.string("`ok`, or `unavailable` when a check failed.")),
                .init("app", SchemaFactory.string("Name of the app this server runs.")),
                .init("checks", checks, required: false),
            ],
            description: "Health of the server.")
    }

    /// The built-in routes, documented.
    static func routes(context: DocumentContext) -> [DocumentedRoute] {
        let documenter = ContractDocumenter(context: context)
        let layout = ContractLayout(prefix: "", routes: AuthContractOptions.overrides(context.config.servedSystemRoutes))
        return SystemContract.routes(layout: layout).flatMap { documenter.document($0, prefix: "", tag: OpenAPINames.systemTag) }
    }
}
