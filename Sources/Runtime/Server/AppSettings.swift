import APIContract

/// An app's conventions from its `app.json`, as the runtime uses them.
public struct AppSettings: Sendable {
    /// App name (`tracker`).
    public let name: String
    /// Base path of generated routes (`/v1`).
    public let basePath: String
    /// Error body format.
    public let errorFormat: ErrorBodyFormat
    /// Largest accepted request body.
    public let maxBodyBytes: Int
    /// List paging limits.
    public let pageLimits: PageLimits
    /// Most operations in one batch request.
    public let maxBatchSize: Int
    /// How JSON members derived from schema names are spelled (`naming`).
    public let naming: JSONNaming
    /// Loom's error codes as the app answers them (`errors.codes`).
    public let errors: ErrorVocabulary
    /// Whether tables answer a refused caller 404 instead of 403 (`errors.forbiddenAsNotFound`;
    /// the generator applies each table's own choice).
    public let forbiddenAsNotFound: Bool
    /// The names of the headers the app reads and writes (`headers`).
    public let headers: HeaderNames
    /// Where the system routes are served (`routes` of `app.json`).
    public let systemRoutes: ContractLayout

    // MARK: Rate limits
    /// The app's `rateLimits` section; `nil`: nothing is limited.
    public let rateLimits: RateLimitSettings?
    /// Who the client of a request is (`trustedProxies` of `app.json`); rate limits, the access
    /// log and the audit ask it.
    public let clientAddresses: ClientAddressResolver

    // MARK: Protections (`security`, issue 14)

    /// The security header fields every answer carries (`security` of `app.json`).
    public let security: SecurityHeaders

    // MARK: Idempotency (issue 14)

    /// The app's `idempotency` section; `nil`: keys are neither read nor stored.
    public let idempotency: IdempotencySettings?

    // MARK: Limits (request size and time budgets, issue 14)

    /// URL, header and query parameter limits and time budgets (`limits` of `app.json`); a
    /// `var` so tests can tighten them.
    public var requestLimits: RequestLimits

    // MARK: CORS (issue 14)

    /// The app's `cors` section; `nil`: no CORS field is ever sent. A `var` so tests can
    /// declare it on an app that does not.
    public var cors: CORSSettings?

    // MARK: Observability: metrics (issue 14)

    /// The app's `metrics` section; `nil`: nothing is measured. A `var` so tests can declare it.
    public var metrics: MetricsSettings?

    // MARK: Observability: usage (issue 14)

    /// The app's `usage` section; `nil`: nothing is counted. A `var` so tests can declare it.
    public var usage: UsageSettings?

    /// How the API key, audit and usage families answer (`envelopes.families`): the app's
    /// envelopes for the families it names, Loom's own answers for the others.
    public var familyEnvelopes: FamilyEnvelopes

    /// The table catalog the generator wrote (`GET <routes.tableCatalog>`), when the app serves it.
    public let tableCatalog: String?

    /// The members of the health probes' answers (`health.members`).
    public let health: HealthBody

    /// Creates settings; the defaults are Loom's conventions.
    public init(
        name: String, basePath: String, errorFormat: ErrorBodyFormat, maxBodyBytes: Int, pageLimits: PageLimits,
        maxBatchSize: Int = 100, naming: JSONNaming = .snakeCase, errors: ErrorVocabulary = .loom, forbiddenAsNotFound: Bool = false,
        headers: HeaderNames = .standard, systemRoutes: [String: ContractRouteOverride] = [:],
        rateLimits: RateLimitSettings? = nil, trustedProxies: [String] = [], security: SecurityHeaders = .standard,
        idempotency: IdempotencySettings? = nil, requestLimits: RequestLimits = .standard,
        cors: CORSSettings? = nil, metrics: MetricsSettings? = nil, usage: UsageSettings? = nil,
        familyEnvelopes: FamilyEnvelopes = .loom, tableCatalog: String? = nil, health: HealthBody = .loom
    ) {
        self.health = health
        self.tableCatalog = tableCatalog
        self.familyEnvelopes = familyEnvelopes
        self.usage = usage
        self.metrics = metrics
        self.cors = cors
        self.idempotency = idempotency
        self.requestLimits = requestLimits
        self.rateLimits = rateLimits
        self.clientAddresses = ClientAddressResolver(trustedProxies: trustedProxies)
        self.name = name
        self.basePath = basePath
        self.errorFormat = errorFormat
        self.maxBodyBytes = maxBodyBytes
        self.pageLimits = pageLimits
        self.maxBatchSize = maxBatchSize
        self.naming = naming
        self.errors = errors
        self.forbiddenAsNotFound = forbiddenAsNotFound
        self.headers = headers
        self.systemRoutes = ContractLayout(prefix: "", routes: systemRoutes)
        self.security = security
    }
}
