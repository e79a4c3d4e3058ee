/// The translate stage's output: every Swift name, type, literal, SQL statement (per dialect)
/// and route decided, so templates only place text.
public struct RenderModel: Sendable, Hashable {
    /// Apps sorted by name.
    public var apps: [AppRenderModel]
    /// `Schemas/loom.json`, named in the project file's header.
    public var sourceFile: String
    /// The default app's name as a Swift literal.
    public var defaultAppLiteral: String

    /// One `case` of `LoomProject.app(named:handlers:)` per app, sorted by name (stored:
    /// templates read members by reflection).
    public var catalog: [CatalogEntry]
    /// One member of `LoomProjectHandlers` per app with custom endpoints, sorted by app name.
    public var handlerMembers: [HandlerMember]

    /// Creates the model; the catalog and the handler members follow from `apps`.
    public init(apps: [AppRenderModel], sourceFile: String, defaultAppLiteral: String) {
        self.apps = apps
        self.sourceFile = sourceFile
        self.defaultAppLiteral = defaultAppLiteral
        catalog = apps.map(CatalogEntry.init)
        handlerMembers = apps.filter(\.hasEndpoints).map(HandlerMember.init)
    }
}

/// How `LoomProject.app(named:handlers:)` builds one app: the generated catalog, so an app
/// without custom endpoints needs nothing but its schema files to be served.
public struct CatalogEntry: Sendable, Hashable {
    /// The app's name as a Swift literal (the `case` label).
    public var nameLiteral: String
    /// The call that builds it: `Bench.app()` or `Tracker.app(handlers: handlers.tracker)`.
    public var factoryCall: String

    init(_ app: AppRenderModel) {
        nameLiteral = app.nameLiteral
        factoryCall = app.hasEndpoints
            ? "\(app.namespace).app(handlers: handlers.\(HandlerMember(app).member))"
            : "\(app.namespace).app()"
    }
}

/// A member of the generated `LoomProjectHandlers` protocol: the handwritten handlers of one
/// app's custom endpoints, which the `Server` target must provide (the compiler says so).
public struct HandlerMember: Sendable, Hashable {
    /// The app's schema name, for the member's documentation.
    public var appName: String
    /// The member's Swift name (`tracker`, `` `default` ``).
    public var member: String
    /// The handlers protocol it returns (`TrackerHandlers`).
    public var handlersProtocol: String

    init(_ app: AppRenderModel) {
        appName = app.name
        member = SwiftNames.camelCase(app.name)
        handlersProtocol = app.handlersProtocol
    }
}

/// One app, rendered into `Generated/<Namespace>/`.
public struct AppRenderModel: Sendable, Hashable {
    /// Schema name (`tracker`).
    public var name: String
    /// Swift namespace and output directory (`Tracker`).
    public var namespace: String
    /// The `app.json` path, named in file headers.
    public var sourceFile: String
    public var nameLiteral: String
    /// The title as a Swift string literal.
    public var titleLiteral: String
    /// The base path as a Swift string literal.
    public var basePathLiteral: String
    /// Argument lines of the app's `AppSettings(...)`.
    public var settingsArguments: [ListItem]
    /// Documentation lines of the namespace.
    public var docLines: [String]
    /// Tables, referenced tables before the tables that reference them.
    public var tables: [TableRenderModel]
    /// Custom endpoints sorted by name.
    public var endpoints: [EndpointRenderModel]
    /// Whether the app has custom endpoints (and so a handlers protocol).
    public var hasEndpoints: Bool
    /// Name of the generated handlers protocol (`TrackerHandlers`).
    public var handlersProtocol: String
    /// The OpenAPI document (JSON text), filled by the OpenAPI builder.
    public var openAPIDocument: String
    /// The OpenAPI document as a Swift multi-line raw literal.
    public var openAPILiteral: String
    /// Argument lines of the app's `AuthSettings(...)`; empty when the app has no `auth` section.
    public var authArguments: [ListItem] = []
    /// Whether the app has an `auth` section (stored: templates read members by reflection).
    public var hasAuth = false
    /// Argument lines of the app's `WebhookSettings(...)`; empty when the app has no `webhooks` section.
    public var webhookArguments: [ListItem] = []
    /// Whether the app has a `webhooks` section.
    public var hasWebhooks = false
    /// The payload structs of the app's custom event types (`webhooks.events`), or `nil`.
    public var events: EventsRenderModel?
    // MARK: audit
    /// The arguments of the app's `AuditSettings(...)`; empty when the app has no `audit` section.
    public var auditArguments = ""
    /// Whether the app has an `audit` section.
    public var hasAudit = false
    /// The `AccessLogSettings.Format` case of the app's `accessLog` section; empty without one.
    public var accessLogFormat = ""
    /// Whether the app has an `accessLog` section.
    public var hasAccessLog = false
    /// Whether an endpoint declares `webhook` (the app then lists their declarations).
    public var hasIncomingWebhooks = false
}

/// One table, rendered into `Generated/<Namespace>/Tables/<TypeName>.swift`.
public struct TableRenderModel: Sendable, Hashable {
    /// The app namespace the type is nested in.
    public var namespace: String
    /// Swift type name.
    public var typeName: String
    /// Schema file named in the generated header.
    public var sourceFile: String
    /// Documentation comment lines.
    public var docLines: [String]
    /// The name as a Swift string literal.
    public var nameLiteral: String
    /// Route path as a Swift string literal.
    public var pathLiteral: String
    /// Primary key name as a Swift string literal.
    public var primaryKeyNameLiteral: String
    /// The `PrimaryKeyKind` case.
    public var primaryKeyKind: String
    /// Expression turning the key property into URL text.
    public var primaryKeyTextExpression: String
    /// Whether `created_at`/`updated_at` exist.
    public var timestamps: Bool
    /// Record properties in column order: primary key, fields, timestamps.
    public var properties: [PropertyRenderModel]
    /// `FieldRule(...)` expressions of the declared fields, in order.
    public var rules: [ListItem]
    /// `FilterColumn(...)` expressions.
    public var filters: [ListItem]
    /// `RelationCheck(...)` expressions.
    public var relations: [ListItem]
    /// `ReverseRelation(...)` expressions: relations of other tables pointing here.
    public var reverseRelations: [ListItem] = []
    /// Operations as `TableOperationKind` cases (`.list, .get`).
    public var operations: String
    /// SQL, each a Swift literal.
    public var tableLiteral: String
    /// Quoted select list as a Swift literal.
    public var selectColumnsLiteral: String
    /// Quoted primary key column as a Swift literal.
    public var primaryKeyColumnLiteral: String
    /// Point statements per dialect with their bind slots.
    public var statements: [StatementRenderModel]
    /// The `If-Match` forms of replace, patch and delete.
    public var guardedStatements: [StatementRenderModel]
    /// Member names in select-list order, as Swift string literals.
    public var members: [ListItem]
    /// The primary key's Swift type (`UUID`, `Int64`).
    public var keySwiftType: String
    /// The primary key's Swift property name.
    public var primaryKeySwiftName: String
    /// Typed columns for handwritten queries.
    public var columnAccessors: [ColumnAccessorRenderModel]
    /// Members of `New`.
    public var newMembers: [InputMemberRenderModel]
    /// Members of `Changes`.
    public var changeMembers: [InputMemberRenderModel]
    /// The table's `upsertKey` as a Swift literal, or `nil`.
    public var upsertKeyLiteral: String = "nil"
    /// Whether `DELETE` only marks rows deleted.
    public var softDelete: Bool = false
    /// Whether server-owned members in write bodies are dropped instead of rejected.
    public var ignoresServerOwnedFields: Bool = false
    /// `DialectSQL(...)` of the full-text condition, or `nil`.
    public var searchExpression: String = "nil"
    /// `RowAccess(...)` of a tenant or owner table, or `nil`.
    public var rowAccessExpression: String = "nil"
    /// `TableAccess(...)` of an app with an `auth` section, or `nil` (public routes).
    public var tableAccessExpression: String = "nil"
    /// Further `TableDescriptor` arguments (routes, envelopes, list parameters, names), only
    /// those that differ from the runtime's defaults.
    public var descriptorExtras: [ListItem] = []
    /// Whether there are any (stored: templates read members by reflection).
    public var hasDescriptorExtras = false
}

/// A Swift expression in a comma-separated list (templates cannot decide where commas go).
public struct ListItem: Sendable, Hashable {
    /// The Swift expression.
    public var expression: String
    /// Whether this is the last item.
    public var isLast: Bool
}

/// A typed column of a table for handwritten queries (`TableColumn`).
public struct ColumnAccessorRenderModel: Sendable, Hashable {
    /// Swift name of the static constant.
    public var swiftName: String
    /// The Swift value type.
    public var valueType: String
    /// The JSON name as a Swift literal.
    public var nameLiteral: String
    /// The quoted column name as a Swift literal.
    public var columnLiteral: String
    /// The bind closure.
    public var bind: String
    /// The read closure.
    public var read: String
}

/// A member of a table's `New` or `Changes` input.
public struct InputMemberRenderModel: Sendable, Hashable {
    /// Swift property name.
    public var swiftName: String
    /// Swift type.
    public var swiftType: String
    /// The initializer parameter (`name: String? = nil`).
    public var parameter: String
    /// The statement adding the member to `members` when it is set.
    public var emit: String
    /// Documentation comment lines.
    public var docLines: [String]
    /// Whether this is the last member.
    public var isLast: Bool
}

/// A generated statement: its SQL per dialect as Swift literals and its `BindSlot`s.
public struct StatementRenderModel: Sendable, Hashable {
    /// Parameter label in `TableStatements.init`.
    public var label: String
    /// SQLite form as a Swift literal.
    public var sqlite: String
    /// PostgreSQL form as a Swift literal.
    public var postgres: String
    /// The slots as Swift expressions, comma-separated (`.key, .value(0)`).
    public var slots: String
}

/// A stored property of a generated struct with how to read and write it.
public struct PropertyRenderModel: Sendable, Hashable {
    /// Swift property name.
    public var swiftName: String
    /// Swift type, optional when the value may be absent.
    public var swiftType: String
    /// JSON member name as a Swift literal.
    public var jsonNameLiteral: String
    /// Documentation comment lines.
    public var docLines: [String]
    /// Expression reading it from a `RowReader` named `reader` (records) or from a
    /// `ValidatedObject` named `values` (endpoint structs).
    public var readExpression: String
    /// Whether this is the last item.
    public var isLast: Bool
    /// The value as a `SQLValue` expression, as stored (records only).
    public var rowValue: String = ""
    /// Position among the record's members (select-list order), for `fields=` selection.
    public var position: Int = 0
    /// Never written to JSON (a `writeOnly` field).
    public var writeOnly: Bool = false
    /// The name (a literal) of the member the declared fields are nested in, on the property before which it opens.
    public var nestLiteral: String = ""
    /// Whether the nested member opens before this property (stored: templates read members by reflection).
    public var opensNest = false
    /// Whether the nested member closes after this property.
    public var closesNest: Bool = false
}

/// A custom endpoint, rendered into `Generated/<Namespace>/Endpoints/<TypeName>.swift`.
public struct EndpointRenderModel: Sendable, Hashable {
    /// The app namespace the type is nested in.
    public var namespace: String
    /// Swift type name.
    public var typeName: String
    /// Schema file named in the generated header.
    public var sourceFile: String
    /// Handler method name.
    public var methodName: String
    /// The HTTP method as a Swift literal (`"GET"`).
    public var methodLiteral: String
    /// Route path as a Swift string literal.
    public var pathLiteral: String
    /// Documentation comment lines.
    public var docLines: [String]
    /// Path then query parameters, as properties of `Input`.
    public var parameters: [PropertyRenderModel]
    /// Rules of the path parameters.
    public var pathRules: [ListItem]
    /// Rules of the query parameters.
    public var queryRules: [ListItem]
    /// Whether the operation takes a JSON body.
    public var hasBody: Bool
    /// Whether the response has a body (not 204).
    public var hasOutput: Bool
    /// Success status code (200, 201, 202, 204).
    public var statusCode: Int
    /// Human name of the status for doc comments.
    public var status: String
    /// `Body.rules` or `nil`.
    public var bodyRules: String
    /// `AccessRequirement` case the route checks (`.everyone` without an `auth` section).
    public var requirementExpression: String = ".everyone"
    /// `, idempotency: .optional` (or `.required`) for an endpoint that takes the app's
    /// idempotency key; empty otherwise.
    public var idempotencyArgument: String = ""
    /// `, budget: .seconds(n)` when the endpoint declares `timeoutSeconds`, else empty.
    public var budgetArgument: String = ""
    /// Whether the endpoint declares `webhook`.
    public var hasWebhook = false
    /// The `IncomingWebhook(...)` expression of its `webhook` declaration; empty without one.
    public var webhookExpression: String = ""
    /// `, webhook: webhook` for a webhook endpoint; empty otherwise.
    public var webhookArgument: String = ""
    /// Body/Output structs and their nested object structs, flattened.
    public var structs: [StructRenderModel]
}

/// A generated value struct (an endpoint body, response or nested object).
public struct StructRenderModel: Sendable, Hashable {
    /// Swift type name.
    public var typeName: String
    /// Documentation comment lines.
    public var docLines: [String]
    /// Stored properties in order.
    public var properties: [PropertyRenderModel]
    /// `FieldRule(...)` expressions of the members, in order.
    public var rules: [ListItem]
}
