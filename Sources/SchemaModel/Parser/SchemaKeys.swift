/// The accepted keys of every object in the schema language.
enum SchemaKeys {
    /// The key any file may use to point editors at `Schemas/loom-schema.json`; ignored.
    static let schemaReference = "$schema"

    /// `Schemas/loom.json`.
    static let project = ObjectKeys(accepted: [schemaReference, "defaultApp"], required: ["defaultApp"])

    /// `Schemas/<app>/app.json`.
    static let app = ObjectKeys(
        accepted: [
            schemaReference, "name", "title", "version", "description", "basePath", "errorFormat", "limits", "auth", "droppedTables",
            "naming", "fieldNaming", "envelopes", "errors", "headers", "routes", "webhooks",
            "audit", "accessLog", "rateLimits", "trustedProxies", "security", "idempotency",
            "openapi", "tablesFrom",
            // MARK: CORS (issue 14)
            "cors",
            // MARK: Observability: metrics (issue 14)
            "metrics",
            // MARK: Observability: usage (issue 14)
            "usage",
            "health",
        ],
        required: ["name", "title", "version", "description"])

    // MARK: openapi
    /// The `openapi` object of `app.json`: document-only facts.
    static let openAPI = ObjectKeys(accepted: ["servers", "contact", "license"])
    /// An element of `openapi.servers`.
    static let openAPIServer = ObjectKeys(accepted: ["url", "description"], required: ["url"])
    /// `openapi.contact`.
    static let openAPIContact = ObjectKeys(accepted: ["name", "url", "email"])
    /// `openapi.license`.
    static let openAPILicense = ObjectKeys(accepted: ["name", "identifier", "url"], required: ["name"])

    /// The `limits` object of `app.json`.
    static let limits = ObjectKeys(accepted: [
        "maxBodyBytes", "defaultPageSize", "maxPageSize", "maxBatchSize",
        // MARK: Limits (request size and time budgets, issue 14)
        "maxURLBytes", "maxHeaderBytes", "maxQueryParameters", "timeoutSeconds", "batchTimeoutSeconds",
    ])

    /// The `security` object of `app.json`.
    static let security = ObjectKeys(accepted: ["servedOverTLS", "referrerPolicy", "hstsMaxAge"])

    /// The `auth` object of `app.json`.
    static let auth = ObjectKeys(
        accepted: [
            "path", "tokens", "passwords", "roles", "defaultRole", "endUserRole", "apiKeys", "cookies", "organizationRoles", "oauth", "mail",
            "platformAdmins", "routes", "signup", "ids", "roleSpelling",
            // MARK: b2b (issue 16): scopes that grant others
            "impliedScopes",
            // MARK: Account administration (issue 21)
            "accountAdmin",
        ],
        required: ["tokens", "roles", "defaultRole"])

    /// `auth.accountAdmin`: the account administration routes.
    static let authAccountAdmin = ObjectKeys(accepted: ["manageScope"], required: ["manageScope"])

    /// `auth.tokens`.
    static let authTokens = ObjectKeys(
        accepted: [
            "issuer", "audience", "secretVariable", "accessTokenSeconds", "refreshTokenSeconds", "refreshTokenFormat", "responseMembers",
            // MARK: auctoritas (issue 17): sessions longer than a refresh token
            "maxSessionSeconds",
        ],
        required: ["issuer", "audience", "secretVariable"])

    /// `auth.passwords`.
    static let authPasswords = ObjectKeys(accepted: ["minLength", "hashCost", "maxFailures", "lockoutSeconds"])

    /// `auth.ids`: the auth resources whose ids may take a prefix (`ResourceKind` in
    /// APIContract; a generator test keeps the two lists equal).
    static let authIDs = ObjectKeys(accepted: ["user", "organization", "project", "apiKey", "session", "invitation"])

    /// `auth.signup`.
    static let authSignup = ObjectKeys(accepted: ["answer"])

    /// `auth.cookies`.
    static let authCookies = ObjectKeys(accepted: ["sameSite", "secure", "accessName"])

    /// `auth.oauth`.
    static let authOAuth = ObjectKeys(accepted: ["publicURL", "redirectAllowlist", "stateSeconds", "providers"], required: ["publicURL", "providers"])

    /// One entry of `auth.oauth.providers`.
    static let authOAuthProvider = ObjectKeys(
        accepted: [
            "clientIdVariable", "clientSecretVariable", "authorizeURL", "tokenURL", "userInfoURL", "emailsURL", "scopes",
            "userIdField", "emailField", "emailVerifiedField", "nameField",
        ],
        required: ["clientIdVariable", "clientSecretVariable"])

    /// `auth.mail`.
    static let authMail = ObjectKeys(accepted: ["sender", "from", "directory", "smtp"], required: ["sender", "from"])

    /// `auth.mail.smtp`.
    static let authSMTP = ObjectKeys(
        accepted: ["host", "port", "security", "usernameVariable", "passwordVariable", "timeoutSeconds"], required: ["host"])

    /// `auth.platformAdmins`.
    static let authPlatformAdmins = ObjectKeys(accepted: ["path", "accessTokenSeconds", "refreshTokenSeconds", "impersonationSeconds", "routes"])

    /// `auth.apiKeys`.
    static let authAPIKeys = ObjectKeys(
        accepted: ["prefixes", "acceptBearer", "maxRotationGraceSeconds", "manageScope"], required: ["prefixes"])

    /// The `webhooks` object of `app.json`.
    static let webhooks = ObjectKeys(
        accepted: ["tenantScoped", "signature", "delivery", "tables", "subscriptions", "management", "events", "payload"])

    /// The `audit` object of `app.json`.
    static let audit = ObjectKeys(accepted: ["retentionDays", "purgeIntervalSeconds"])

    /// The `accessLog` object of `app.json`.
    static let accessLog = ObjectKeys(accepted: ["format"])

    /// `webhooks.signature`.
    static let webhookSignature = ObjectKeys(accepted: ["scheme", "header"], required: ["scheme"])

    /// `webhooks.delivery`.
    static let webhookDelivery = ObjectKeys(
        accepted: [
            "timeoutSeconds", "connectTimeoutSeconds", "retrySchedule", "jitterPercent", "maxConcurrencyPerEndpoint", "disableAfterFailingHours",
            "retentionDays",
        ])

    // MARK: Webhooks management (issue 13)

    /// `webhooks.management`: the subscription API.
    static let webhookManagement = ObjectKeys(accepted: ["path", "scope", "maxRotationGraceSeconds", "routes"], required: ["path", "scope"])

    /// One member of `webhooks.events`: a custom event type.
    static let webhookEvent = ObjectKeys(accepted: ["description", "payload", "target"], required: ["description", "payload"])

    /// `webhooks.events.<type>.target`: a per-record delivery target.
    static let webhookTarget = ObjectKeys(accepted: ["signature", "retrySchedule", "jitterPercent", "body"])

    /// `webhooks.events.<type>.payload`: fields or a table (the validator wants exactly one).
    static let webhookEventPayload = ObjectKeys(accepted: ["description", "fields", "table"], required: ["description"])

    /// One member of `webhooks.subscriptions`.
    static let webhookSubscription = ObjectKeys(
        accepted: ["description", "urlEnv", "secretEnv", "events"], required: ["description", "urlEnv", "secretEnv", "events"])

    /// `Schemas/<app>/tables/<name>.json`.
    static let table = ObjectKeys(
        accepted: [
            schemaReference, "name", "singular", "description", "primaryKey", "timestamps", "operations", "fields", "indexes",
            "upsertKey", "softDelete", "serverOwnedFields", "renamedFrom", "allowDataLoss", "permissions", "tenant", "owner",
            "path", "routes", "envelopes", "listParameters", "forbiddenAsNotFound",
        ],
        required: ["name", "description", "fields"])

    /// The `permissions` object of a table.
    static let permissions = ObjectKeys(accepted: PermissionKey.allCases.map(\.rawValue))

    /// The `owner` object of a table.
    static let owner = ObjectKeys(accepted: ["field", "exceptScope"], required: ["field"])

    /// The `primaryKey` object of a table.
    static let primaryKey = ObjectKeys(accepted: ["name", "type", "prefix"])

    /// The `routes` object of a table.
    static let tableRoutes = ObjectKeys(accepted: TableRouteKey.allCases.map(\.rawValue))

    /// A route override written as an object.
    static let routeOverride = ObjectKeys(accepted: ["path", "aliases", "members", "method", "status", "answer"], required: ["path"])

    /// One entry of a table's `listParameters`.
    static let listParameter = ObjectKeys(accepted: ["field", "compare", "description"], required: ["field", "compare", "description"])

    /// `envelopes` (in `app.json` and table files).
    static let envelopes = ObjectKeys(accepted: ["record", "list", "request", "batch", "families"])
    /// `envelopes.batch`.
    static let batchEnvelope = ObjectKeys(accepted: ["items", "created"], required: ["items", "created"])

    /// `envelopes.record`.
    static let recordEnvelope = ObjectKeys(accepted: ["wrap", "fields"])

    /// `envelopes.list`.
    static let listEnvelope = ObjectKeys(accepted: ["items", "metadata", "nest"])

    /// `envelopes.request`.
    static let requestEnvelope = ObjectKeys(accepted: ["wrap", "optional"], required: ["wrap"])

    /// `errors` in `app.json`.
    static let errors = ObjectKeys(accepted: ["body", "codes", "forbiddenAsNotFound"])

    /// One entry of `errors.codes` written as an object.
    static let errorCode = ObjectKeys(accepted: ["code", "status"])

    /// `headers` in `app.json`.
    static let headers = ObjectKeys(accepted: ["apiKey", "requestId", "rateLimitPolicy", "rateLimit", "idempotencyKey"])

    /// One element of a table's `indexes`.
    static let index = ObjectKeys(accepted: ["name", "fields", "unique"], required: ["fields"])

    /// A field object. `description` is required too, except in an array's `items`, where it
    /// defaults to the array's description; the field reader enforces that.
    static let field = ObjectKeys(
        accepted: [
            "type", "description", "required", "nullable", "unique", "readOnly", "writeOnly", "searchable", "filterable", "sortable", "default", "min", "max",
            "minLength", "maxLength", "pattern", "values", "table", "onDelete", "items", "fields", "example", "renamedFrom",
        ],
        required: ["type"])

    /// `Schemas/<app>/endpoints/<name>.json`.
    static let endpoint = ObjectKeys(
        accepted: [
            schemaReference, "name", "method", "path", "summary", "description", "pathParameters",
            "queryParameters", "requestBody", "response", "scope", "idempotency",
            // MARK: Limits (request size and time budgets, issue 14)
            "timeoutSeconds", "notFound",
            // MARK: Incoming webhooks (issue 13)
            "webhook",
        ],
        required: ["name", "method", "path", "description", "response"])

    /// The `webhook` object of an endpoint.
    static let incomingWebhook = ObjectKeys(accepted: ["scheme", "secretEnv", "toleranceSeconds", "header"], required: ["scheme", "secretEnv"])

    /// The `requestBody` object of an endpoint.
    static let requestBody = ObjectKeys(accepted: ["description", "fields"], required: ["description", "fields"])

    /// The `response` object of an endpoint.
    static let response = ObjectKeys(accepted: ["status", "description", "fields", "recordLinks"], required: ["description"])

    /// The `response.recordLinks` object of an endpoint.
    static let recordLinks = ObjectKeys(accepted: ["table", "member"], required: ["table"])

    // MARK: Idempotency (issue 14)

    /// The `idempotency` object of `app.json`.
    static let idempotency = ObjectKeys(accepted: ["enabled", "retentionHours", "required", "claimTimeoutSeconds", "purgeIntervalSeconds"])

    // MARK: Rate limits

    /// The `rateLimits` object of `app.json`.
    static let rateLimits = ObjectKeys(
        accepted: ["policies", "perCaller", "perOrganization", "perAnonymousIP", "perIP", "routeGroups", "legacyHeaders", "tiers", "defaultTier", "tiersPath"],
        required: ["policies"])

    /// One member of `rateLimits.policies`.
    static let rateLimitPolicy = ObjectKeys(accepted: ["quota", "window"], required: ["quota", "window"])

    /// One element of `rateLimits.routeGroups`.
    static let rateLimitGroup = ObjectKeys(accepted: ["policy", "paths"], required: ["policy", "paths"])

    // MARK: CORS (issue 14)

    /// The `cors` object of `app.json`.
    static let cors = ObjectKeys(accepted: ["origins", "methods", "headers", "exposedHeaders", "credentials", "maxAgeSeconds"], required: ["origins"])

    // MARK: Observability: metrics (issue 14)

    /// The `metrics` object of `app.json`.
    static let metrics = ObjectKeys(accepted: ["host", "port"], required: ["port"])

    // MARK: Observability: usage (issue 14)

    /// The `usage` object of `app.json`.
    static let usage = ObjectKeys(accepted: ["retentionDays", "path"])
    /// `health` of `app.json`.
    static let health = ObjectKeys(accepted: ["members"], required: ["members"])
}
