/// Everything the generator produced for one app, handed to `LoomServer` to serve.
public struct GeneratedApp: Sendable {
    /// Conventions from `app.json`.
    public let settings: AppSettings
    /// The tables the database must hold.
    public let schema: SchemaDefinition
    /// The runtime description of every table, referenced tables first.
    public let tables: [TableDescriptor]
    /// The OpenAPI 3.1 document, as served at `/openapi.json`.
    public let openAPIDocument: String
    /// Human title for `/docs`.
    public let title: String
    /// The app's `auth` section, when it has one; the server then mounts the `Auth` module.
    public let auth: AuthSettings?
    /// The app's `webhooks` section, when it has one; the server then mounts the `Webhooks` module.
    public let webhooks: WebhookSettings?
    /// The app's `audit` section, when it has one; the server then records every table write.
    public let audit: AuditSettings?
    /// The app's `accessLog` section, when it has one; the server then logs every request.
    public let accessLog: AccessLogSettings?
    /// The `webhook` declarations of the app's endpoints: the server needs their secrets and
    /// the receipts table (`IncomingWebhookReceipts`).
    public var incomingWebhooks: [IncomingWebhook] = []
    /// Registers the app's routes.
    public let registerRoutes: @Sendable (inout RouteRegistry) -> Void

    /// Creates an app.
    public init(
        settings: AppSettings, schema: SchemaDefinition, tables: [TableDescriptor], openAPIDocument: String, title: String,
        auth: AuthSettings? = nil, webhooks: WebhookSettings? = nil, audit: AuditSettings? = nil,
        accessLog: AccessLogSettings? = nil,
        registerRoutes: @escaping @Sendable (inout RouteRegistry) -> Void
    ) {
        self.webhooks = webhooks
        self.audit = audit
        self.accessLog = accessLog
        self.settings = settings
        self.schema = schema
        self.tables = tables
        self.openAPIDocument = openAPIDocument
        self.title = title
        self.auth = auth
        self.registerRoutes = registerRoutes
    }
}
