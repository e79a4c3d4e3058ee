import OpenAPIKit

/// The routes every Loom server has whatever its schema (`Runtime`'s `BuiltInRoutes`):
/// health probes, this document and the docs page. They live at the root, not under the base path.
enum SystemOperations {
    /// Name of the health body schema.
    static let healthStatusName = "HealthStatus"

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

    /// The built-in routes, each tagged `system`.
    static func routes() -> [DocumentedRoute] {
        let health = SchemaFactory.reference(healthStatusName)
        let healthy = ResponseFactory.json("The server and its database are ready.", schema: health)
        let unavailable = ResponseFactory.json("The database did not answer; the body says which check failed.", schema: health)
        return [
            route(
                "/health", "health", summary: "Health check",
                description: "Checks the database; answers 503 when it does not respond. Same as `/health/ready`.",
                responses: [(200, healthy), (503, unavailable)]),
            route(
                "/health/live", "healthLive", summary: "Liveness probe",
                description: "Answers 200 as long as the process serves requests; checks no dependency.",
                responses: [(200, ResponseFactory.json("The process is alive.", schema: health))]),
            route(
                "/health/ready", "healthReady", summary: "Readiness probe",
                description: "Checks the database; answers 503 when it does not respond, so load balancers stop routing here.",
                responses: [(200, healthy), (503, unavailable)]),
            route(
                "/openapi.json", "openapiDocument", summary: "OpenAPI document",
                description: "This OpenAPI 3.1 document.",
                responses: [(200, ResponseFactory.json("The OpenAPI document.", schema: SchemaFactory.object([])))]),
            route(
                "/docs", "docs", summary: "API documentation",
                description: "Interactive HTML documentation rendered from `/openapi.json`.",
                responses: [(200, htmlPage())]),
        ]
    }

    private static func route(
        _ path: String, _ operationID: String, summary: String, description: String,
        responses: [(Int, Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>)]
    ) -> DocumentedRoute {
        let operation = OpenAPI.Operation(
            tags: [OpenAPINames.systemTag], summary: summary, description: description, operationId: operationID,
            responses: ResponseFactory.map(success: responses, errors: []))
        return DocumentedRoute(path: path, method: .get, operation: operation, file: nil)
    }

    private static func htmlPage() -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
        let content = OpenAPI.Content(schema: SchemaFactory.string("An HTML page."))
        return .response(ResponseFactory.response("The documentation page.", content: [.html: content]))
    }
}
