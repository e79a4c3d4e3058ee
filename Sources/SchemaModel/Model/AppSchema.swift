/// The error body format an app answers with.
public enum ErrorFormat: String, Codable, Sendable, CaseIterable, Hashable {
    /// RFC 9457 `application/problem+json` (the default).
    case problem
    /// `{"error": {"code", "message", "details"}}` as in the B2B reference API.
    case envelope
    /// `{"error_code", "message", "request_id"}` as in the EventFlow reference API.
    case flat
}

/// Request limits of an app.
public struct LimitsSchema: Codable, Sendable, Hashable {
    /// Largest accepted request body in bytes; larger bodies get 413.
    public var maxBodyBytes: Int
    /// Page size when a list request gives no `limit`.
    public var defaultPageSize: Int
    /// Largest accepted `limit`.
    public var maxPageSize: Int
    /// Most operations in one `POST /<table>/batch` request.
    public var maxBatchSize: Int

    // MARK: Limits (request size and time budgets, issue 14)

    /// Longest request target (path and query) in bytes; longer: 414.
    public var maxURLBytes: Int = 8_192
    /// Most bytes of request header field names and values; more: 431.
    public var maxHeaderBytes: Int = 32_768
    /// Most query parameters in one request; more: 400.
    public var maxQueryParameters: Int = 50
    /// Seconds an operation may run before it is answered 504.
    public var timeoutSeconds: Int = 30
    /// Seconds a batch operation may run before it is answered 504.
    public var batchTimeoutSeconds: Int = 120

    /// Creates limits; the defaults are the platform conventions.
    public init(maxBodyBytes: Int = 1_048_576, defaultPageSize: Int = 20, maxPageSize: Int = 100, maxBatchSize: Int = 100) {
        self.maxBodyBytes = maxBodyBytes
        self.defaultPageSize = defaultPageSize
        self.maxPageSize = maxPageSize
        self.maxBatchSize = maxBatchSize
    }
}

/// `Schemas/<app>/app.json`: an app's identity and conventions.
public struct AppConfig: Codable, Sendable, Hashable {
    /// Path of the schema file relative to the repository root.
    public var file: String
    /// App name: `snake_case`, equal to its directory name.
    public var name: String
    /// Human title (OpenAPI `info.title`).
    public var title: String
    /// API version (OpenAPI `info.version`).
    public var version: String
    /// Documentation of the API.
    public var description: String
    /// Versioned base path of every generated route, e.g. `/v1` or `/api/v1`.
    public var basePath: String
    /// Error body format.
    public var errorFormat: ErrorFormat
    /// Request limits.
    public var limits: LimitsSchema
    /// Accounts, tokens and API keys served by the `Auth` module; `nil` when the app has none.
    public var auth: AuthConfig?
    /// `droppedTables`: tables the migration generator may drop (with their rows) because the
    /// schema no longer declares them; a table missing from the schema and from this list is
    /// refused with a diagnostic.
    public var droppedTables: [String] = []
    /// `tablesFrom`: the app directory whose `tables/` this app serves as its own, so one set
    /// of tables runs under several configurations (the benchmark's protections on and off)
    /// without a copy to keep in step; `nil` for an app with its own tables.
    public var tablesFrom: String?
    /// Outgoing webhooks served by the `Webhooks` module; `nil` when the app emits none.
    public var webhooks: WebhooksConfig?
    /// The audit trail of table writes and its retention; `nil` when the app keeps none.
    public var audit: AuditConfig?
    /// One log line per request; `nil` when the app writes none.
    public var accessLog: AccessLogConfig?
    /// `naming`: how JSON members derived from schema names are spelled.
    public var naming: NamingStyle = .snakeCase
    /// `fieldNaming`: whether declared names follow `naming` or are written as declared.
    public var fieldNaming: FieldNaming = .naming
    /// `envelopes`: how records, lists and write bodies are wrapped (tables may override).
    public var envelopes = EnvelopesSchema()
    /// `errors`: the error vocabulary (codes, statuses, a custom body).
    public var errors = ErrorsSchema()
    /// `headers`: the names of the headers the app reads and writes.
    public var headers = HeaderNamesSchema()
    /// `routes`: system operation (`health`, `openAPIDocument`, `docs`, ...) → where it is served.
    public var routes: [String: RouteOverrideSchema] = [:]

    // MARK: Rate limits
    /// `rateLimits`: request quotas per caller, organization, client IP and route group; `nil`: none.
    public var rateLimits: RateLimitsConfig?
    /// `trustedProxies`: CIDR ranges of proxies whose `X-Forwarded-For`/`Forwarded` name the
    /// client; empty (the default): the peer's address is the client's.
    public var trustedProxies: [String] = []

    // MARK: Idempotency (issue 14)

    /// `idempotency`: idempotency keys on `POST` and `PATCH`; `nil`: none are read.
    public var idempotency: IdempotencyConfig?

    // MARK: Protections (issue 14)

    /// `security`: the security header fields every answer carries.
    public var security = SecuritySchema()

    // MARK: CORS (issue 14)

    /// `cors`: the browser origins allowed to call the API; `nil`: no CORS header is sent.
    public var cors: CORSConfig?

    // MARK: Observability: metrics (issue 14)

    /// `metrics`: Prometheus `/metrics` on a port of its own; `nil`: nothing is measured.
    public var metrics: MetricsConfig?

    // MARK: Observability: usage (issue 14)

    /// `usage`: requests, errors and latency per API key, organization and day, readable at
    /// `GET <base><path>`; `nil`: nothing is counted.
    public var usage: UsageConfig?

    /// `health`: the members of the health probes' answers.
    public var health = HealthConfig()

    /// `openapi`: servers, contact and license of the published document.
    public var document = DocumentInfoSchema()

    /// Creates an app declaration.
    public init(
        file: String, name: String, title: String, version: String, description: String,
        basePath: String = "/v1", errorFormat: ErrorFormat = .problem, limits: LimitsSchema = .init(),
        auth: AuthConfig? = nil
    ) {
        self.file = file
        self.name = name
        self.title = title
        self.version = version
        self.description = description
        self.basePath = basePath
        self.errorFormat = errorFormat
        self.limits = limits
        self.auth = auth
    }
}

/// One app: its config, tables and endpoints, each list sorted by name.
public struct AppSchema: Codable, Sendable, Hashable {
    /// The app's `app.json`.
    public var config: AppConfig
    /// Tables sorted by name.
    public var tables: [TableSchema]
    /// Custom endpoints sorted by name.
    public var endpoints: [EndpointSchema]
    /// Creates an app.
    public init(config: AppConfig, tables: [TableSchema], endpoints: [EndpointSchema]) {
        self.config = config
        self.tables = tables
        self.endpoints = endpoints
    }
}

/// `Schemas/loom.json`: repository-wide settings.
public struct ProjectConfig: Codable, Sendable, Hashable {
    /// App served by `loom-server` when no `--app` is given.
    public var defaultApp: String
    /// Creates the project settings.
    public init(defaultApp: String) { self.defaultApp = defaultApp }
}

/// Output of the parse stage: every schema file as typed values, apps sorted by name.
public struct ParsedSchemas: Codable, Sendable, Hashable {
    /// `Schemas/loom.json`.
    public var project: ProjectConfig
    /// Apps sorted by name.
    public var apps: [AppSchema]
    /// Creates the parse result.
    public init(project: ProjectConfig, apps: [AppSchema]) {
        self.project = project
        self.apps = apps
    }
}

extension AppConfig {
    /// The system operation key of the admin console's page (`SystemOperation.adminConsole`).
    public static let adminConsoleRoute = "adminConsole"

    /// Whether the app has what the admin console signs in with: accounts with a password login.
    public var offersAdminConsoleSignIn: Bool {
        guard let auth else { return false }
        return auth.routes["login"]?.isOff != true
    }

    /// The table catalog's operation name (`APIContract`'s `SystemOperation.tableCatalog`).
    public static let tableCatalogRoute = "tableCatalog"

    /// `routes` as served: the admin console is switched off in an app whose accounts cannot sign
    /// in to it (no `auth`, or its `login` switched off) unless `routes` says otherwise (which the
    /// generator refuses), and the table catalog is served only where `routes` places it. The
    /// runtime's routes, the document and the collision checks all read this.
    public var servedSystemRoutes: [String: RouteOverrideSchema] {
        var served = routes
        if routes[Self.tableCatalogRoute] == nil { served[Self.tableCatalogRoute] = RouteOverrideSchema(paths: []) }
        if !offersAdminConsoleSignIn, routes[Self.adminConsoleRoute] == nil { served[Self.adminConsoleRoute] = RouteOverrideSchema(paths: []) }
        return served
    }
}
