/// The system route family: health probes, the OpenAPI document, the documentation page and the
/// admin console, registered by `Runtime`'s `BuiltInRoutes` and documented by the OpenAPI builder.
public enum SystemContract {
    /// Name of the health body schema.
    public static let healthStatusSchema = "HealthStatus"
    /// Name of the table catalog's schema.
    public static let tableCatalogSchema = "TableCatalog"

    /// Every route at the paths `layout` gives it (the app's `routes`; the prefix is empty:
    /// system routes are served at the root by default).
    ///
    /// The console's script and style follow its page: they are served at `<page>/console.js`
    /// and `<page>/console.css` wherever the page is moved, and not at all when it is switched off.
    public static func routes(layout: ContractLayout) -> [ContractRoute<SystemOperation>] {
        let laidOut = layout.apply(routes.filter { !consoleAssets.keys.contains($0.operation) })
        guard let console = laidOut.first(where: { $0.operation == .adminConsole }) else { return laidOut }
        let assets = routes.compactMap { route -> ContractRoute<SystemOperation>? in
            guard let file = consoleAssets[route.operation] else { return nil }
            return ContractLayout(prefix: "", routes: [route.operation.routeKey: ContractRouteOverride(paths: [console.path + "/" + file])])
                .apply([route]).first
        }
        return laidOut + assets
    }

    /// The admin console's files besides its page, by operation: the name each is served at
    /// under the page's path (the page refers to them relatively, `AdminConsole`).
    public static let consoleAssets: [SystemOperation: String] = [.adminConsoleScript: "console.js", .adminConsoleStyle: "console.css"]

    /// Every route at its default path, in registration order.
    public static let routes: [ContractRoute<SystemOperation>] = {
        let healthy = ContractResponse(200, .json(healthStatusSchema), "The server and its database are ready.")
        let unchanged = ContractResponse(304, .empty, "The file has not changed since the version `If-None-Match` names (its `ETag`).")
        let ifNoneMatch = ContractParameter(
            "If-None-Match", in: .header, .string(maxLength: nil),
            "Entity tags of versions the browser holds (`*` for any); when one is this file's, the answer is 304 without a body.")
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
            ContractRoute(
                .tableCatalog, .get, "/tables", summary: "List the tables",
                description: "Every table of the app with its collection path, key, operations and fields (type, required, "
                    + "nullable, unique, read-only), as the schema declares them; the same for every caller. Served only where "
                    + "`routes.tableCatalog` places it.",
                responses: [ContractResponse(200, .json(tableCatalogSchema), "The tables.")], credentials: .none),
            ContractRoute(
                .adminConsole, .get, "/admin", summary: "Admin console",
                description: "The web console for the app's administrators: tables and records, API keys, webhooks, "
                    + "rate-limit tiers, the audit log and usage. It signs in with the app's own accounts and calls this API; "
                    + "on for apps with accounts (`routes.adminConsole` moves it, `false` switches it off).",
responses: [ContractResponse(200, .asset("text/html"), "The console's page."), unchanged], credentials: .none, parameters: [ifNoneMatch]),
            ContractRoute(
                .adminConsoleScript, .get, "/admin/console.js", summary: "Admin console script",
                description: "The console's script, served beside its page.",
                responses: [ContractResponse(200, .asset("text/javascript"), "The script."), unchanged], credentials: .none, parameters: [ifNoneMatch]),
            ContractRoute(
                .adminConsoleStyle, .get, "/admin/console.css", summary: "Admin console style sheet",
                description: "The console's style sheet, served beside its page.",
                responses: [ContractResponse(200, .asset("text/css"), "The style sheet."), unchanged], credentials: .none, parameters: [ifNoneMatch]),
        ]
    }()
}
