/// The usage family: `GET <base><path>` (`/usage` unless the app's `usage.path` says otherwise,
/// e.g. `/admin/usage`), the requests, errors and latency percentiles of each API key and
/// organization per UTC day. Served by `Runtime`'s `UsageRoutes` and documented by the OpenAPI
/// builder from this one declaration; an app has it when its `app.json` has a `usage` section.
public struct UsageContract: Sendable {
    /// The scope reading the statistics needs (`*` and `usage:*` grant it too).
    public static let readScope = "usage:read"
    /// Name of one row's schema component.
    public static let rowSchema = "UsageDay"
    /// Name of the page's schema component.
    public static let pageSchema = "UsagePage"
    /// Name of the latency percentiles' schema component.
    public static let latencySchema = "UsageLatency"
    /// The ways rows are grouped: one per day, key and organization, or one per day and
    /// organization (its keys and its members' tokens summed).
    public static let groupings = ["key", "organization"]

    /// The route under the base path.
    public let path: String
    /// The app's page sizes (`limits.defaultPageSize`, `limits.maxPageSize`).
    public let page: ContractPageSize
    /// How the app writes the ids of API keys and organizations (`auth.ids`), in the rows and
    /// in the filters alike.
    public let ids: ResourceIDs

    /// The family served at `path` under the base path, paged by `page`.
    public init(path: String, page: ContractPageSize, ids: ResourceIDs = ResourceIDs()) {
        self.path = path
        self.page = page
        self.ids = ids
    }

    /// The filters and the page of the list, in the order they are documented.
    public var queryParameters: [ContractParameter] {
        let groupings = Self.groupings
        let day = ContractParameter.Kind.date
        return [
            ContractParameter(
                "api_key_id", in: .query, .id(.apiKey, prefix: ids.prefix(.apiKey)), "Only the requests made with this API key (its id)."),
            ContractParameter(
                "organization_id", in: .query, .id(.organization, prefix: ids.prefix(.organization)),
                "Only the requests of callers bound to this organization."),
            ContractParameter("from", in: .query, day, "Only days on or after this UTC day (`YYYY-MM-DD`)."),
            ContractParameter("to", in: .query, day, "Only days on or before this UTC day (`YYYY-MM-DD`)."),
            ContractParameter(
                "group", in: .query, .enumeration(groupings),
                "`key` (default): one row per day, API key and organization. `organization`: one row per day and organization, "
                    + "its keys and its members' tokens summed (percentiles are computed from the summed histogram)."),
        ] + page.parameters("Rows")
    }

    /// The family's routes, relative to the base path.
    public var routes: [ContractRoute<UsageOperation>] {
        [
            ContractRoute(
                .listUsage, .get, path, summary: "List usage statistics",
                description: "Requests, client errors (4xx), server errors (5xx) and latency percentiles (p50, p95, p99, in "
                    + "milliseconds) per UTC day, API key and organization, newest day first. Requests are counted in memory and "
                    + "added to the database every few seconds by every instance, so the figures of the last seconds may still be "
                    + "on their way; this instance adds its own before answering. Only requests made with an API key or by a "
                    + "caller bound to an organization are counted. Needs the `\(Self.readScope)` scope; a caller bound to an "
                    + "organization sees only that organization's rows. Days older than the app's retention are purged.",
                responses: [ContractResponse(200, .json(Self.pageSchema), "One page of usage rows, newest day first.")],
                credentials: .userTokenOrKey, errors: [.badRequest], implied: ContractError.serverErrors, parameters: queryParameters)
        ]
    }
}
