/// The system route family: health probes, the OpenAPI document and the documentation page,
/// registered by `Runtime`'s `BuiltInRoutes` and documented by the OpenAPI builder.
public enum SystemContract {
    /// Name of the health body schema.
    public static let healthStatusSchema = "HealthStatus"

    /// Every route at the paths `layout` gives it (the app's `routes`; the prefix is empty:
    /// system routes are served at the root by default).
    public static func routes(layout: ContractLayout) -> [ContractRoute<SystemOperation>] {
        layout.apply(routes)
    }

    /// Every route at its default path, in registration order.
    public static let routes: [ContractRoute<SystemOperation>] = {
        let healthy = ContractResponse(200, .json(healthStatusSchema), "The server and its database are ready.")
        let unavailable = ContractResponse(
            503, .json(healthStatusSchema), "The database did not answer; the body says which check failed.")
        return [
            ContractRoute(
                .healthLive, .get, "/health/live", summary: "Liveness probe",
                description: "Answers 200 as long as the process serves requests; checks no dependency.",
                responses: [ContractResponse(200, .json(healthStatusSchema), "The process is alive.")], credentials: .none),
            ContractRoute(
                .health, .get, "/health", summary: "Health check",
                description: "Checks the database; answers 503 when it does not respond. Same as `/health/ready`.",
                responses: [healthy, unavailable], credentials: .none),
            ContractRoute(
                .healthReady, .get, "/health/ready", summary: "Readiness probe",
                description: "Checks the database; answers 503 when it does not respond, so load balancers stop routing here.",
                responses: [healthy, unavailable], credentials: .none),
            ContractRoute(
                .openAPIDocument, .get, "/openapi.json", summary: "OpenAPI document", description: "This OpenAPI 3.1 document.",
                responses: [ContractResponse(200, .anyJSONObject, "The OpenAPI document.")], credentials: .none),
            ContractRoute(
                .docs, .get, "/docs", summary: "API documentation",
                description: "Interactive HTML documentation rendered from `/openapi.json`.",
                responses: [ContractResponse(200, .html, "The documentation page.")], credentials: .none),
        ]
    }()
}
