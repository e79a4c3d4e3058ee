/// The stable `code` of every diagnostic the parser and validator report.
///
/// Codes are kebab-case and never change meaning, so tools and tests can match on them
/// while messages stay free to improve.
public enum SchemaDiagnosticCode: String, Sendable, Hashable, CaseIterable {
    // MARK: Files and syntax (parser)

    /// A file is not valid JSON; the message gives line and column.
    case invalidJSON = "invalid-json"
    /// A file lies outside the layout `Schemas/<app>/app.json`, `tables/` or `endpoints/`.
    case unexpectedFile = "unexpected-file"
    /// `Schemas/loom.json` or an app's `app.json` is missing.
    case missingFile = "missing-file"

    // MARK: Structure (parser)

    /// An object holds a key the schema language does not define.
    case unknownKey = "unknown-key"
    /// A required key is absent.
    case missingKey = "missing-key"
    /// A value has the wrong JSON kind (e.g. a string where an integer belongs).
    case wrongType = "wrong-type"
    /// A string is not one of the allowed words (field type, method, operation, ...).
    case unknownValue = "unknown-value"

    // MARK: Names (validator)

    /// A name is not `snake_case` or longer than 63 characters.
    case invalidName = "invalid-name"
    /// A declared name differs from its file or directory name.
    case nameMismatch = "name-mismatch"
    /// A table's `singular` is not `snake_case`, cannot be derived from its name, or names one
    /// record of another table too.
    case invalidSingular = "invalid-singular"
    /// A field reuses the name of the primary key or a generated timestamp.
    case reservedFieldName = "reserved-field-name"
    /// A required text (title, version) is empty.
    case emptyValue = "empty-value"
    /// A description is empty or only whitespace.
    case emptyDescription = "empty-description"

    // MARK: Project and app (validator)

    /// `defaultApp` names no app.
    case unknownApp = "unknown-app"
    /// An app declares neither tables nor endpoints.
    case emptyApp = "empty-app"
    /// `basePath` is not of the form `/v1` or `/api/v1`.
    case invalidBasePath = "invalid-base-path"
    /// A request limit is not positive or the default page size exceeds the maximum.
    case invalidLimit = "invalid-limit"
    /// `tablesFrom` names no app, the app itself, an app that borrows its tables too, or an app
    /// that has tables of its own.
    case invalidTablesFrom = "invalid-tables-from"

    // MARK: Auth (validator)

    /// A value of the `auth` section is out of range or malformed (path, lifetimes, cost, prefixes).
    case invalidAuthSetting = "invalid-auth-setting"
    /// A role grants a scope that is not `*`, `<table>:read|write|delete|*` or an app-declared word.
    case invalidScope = "invalid-scope"
    /// `defaultRole` names no role of `roles`.
    case unknownRole = "unknown-role"
    /// A table or endpoint takes a name or path the `Auth` module reserves (`auth_` tables, the auth path).
    case reservedByAuth = "reserved-by-auth"
    /// `permissions`, `tenant`, `owner` or an endpoint `scope` is declared in an app without an `auth` section.
    case accessNeedsAuth = "access-needs-auth"
    /// An endpoint of an app with an `auth` section does not say what calling it requires
    /// (`scope`), so nobody decided which records it may show.
    case endpointNeedsScope = "endpoint-needs-scope"
    /// A `permissions` value, `tenant`, or `owner` rule is malformed or cannot be combined with the table.
    case invalidAccessRule = "invalid-access-rule"
    /// An operation requires a scope that no role of `auth.roles` grants (warning).
    case ungrantedScope = "ungranted-scope"

    // MARK: Tables (validator)

    /// A table declares no fields.
    case emptyFields = "empty-fields"
    /// A table's `operations` is empty or lists an operation twice.
    case invalidOperations = "invalid-operations"
    /// `upsertKey` does not name a `unique` field of the table, or the table cannot create.
    case invalidUpsertKey = "invalid-upsert-key"
    /// An index has no fields or lists a field twice.
    case invalidIndex = "invalid-index"
    /// An index names a field the table does not have.
    case unknownIndexField = "unknown-index-field"
    /// Two indexes of an app (or an index and a table) share a name.
    case duplicateIndexName = "duplicate-index-name"
    /// An index duplicates one the database already creates (warning).
    case redundantIndex = "redundant-index"

    // MARK: Fields (validator)

    /// A field type is not allowed where the field is declared.
    case typeNotAllowed = "type-not-allowed"
    /// A constraint or flag does not apply to the field's type or placement.
    case constraintNotApplicable = "constraint-not-applicable"
    /// A constraint the field's type needs is absent (`values`, `items`, `fields`, `table`).
    case missingConstraint = "missing-constraint"
    /// Bounds are negative, fractional for integers, or `min` exceeds `max`.
    case invalidBounds = "invalid-bounds"
    /// `pattern` is not a valid regular expression.
    case invalidPattern = "invalid-pattern"
    /// An enum's `values` is empty or holds duplicates or empty strings.
    case invalidEnumValues = "invalid-enum-values"
    /// A relation's `table` names no table of the app.
    case unknownTable = "unknown-table"
    /// `"onDelete": "setNull"` on a field that is not nullable.
    case setNullRequiresNullable = "set-null-requires-nullable"
    /// A required field also declares a default.
    case requiredWithDefault = "required-with-default"
    /// An optional table field has neither a default nor `nullable`.
    case optionalWithoutDefault = "optional-without-default"
    /// A `readOnly` field is required or has no value to start from.
    case invalidReadOnly = "invalid-read-only"
    /// A `default` is given where none is allowed.
    case defaultNotAllowed = "default-not-allowed"
    /// A `default` does not fit the field's type or constraints.
    case invalidDefault = "invalid-default"
    /// An `example` does not fit the field's type or constraints.
    case invalidExample = "invalid-example"

    // MARK: Endpoints (validator)

    /// An endpoint path is malformed.
    case invalidPath = "invalid-path"
    /// The path names `{x}` but `pathParameters` does not declare `x`.
    case undeclaredPathParameter = "undeclared-path-parameter"
    /// `pathParameters` declares a parameter the path does not use.
    case unusedPathParameter = "unused-path-parameter"
    /// A GET or DELETE endpoint declares a request body.
    case requestBodyNotAllowed = "request-body-not-allowed"
    /// The response status is not 200, 201, 202 or 204, or a 204 response has fields.
    case invalidStatus = "invalid-status"
    /// `response.recordLinks` names a table without a read, or a response field that does not exist.
    case invalidRecordLinks = "invalid-record-links"
    /// Two routes share a method and path.
    case routeConflict = "route-conflict"
    // MARK: Reproducing an API (validator and generator)

    /// A `routes` entry is malformed: an unknown operation, a bad path, parameters that do not
    /// match the operation's, a member rename of an unknown member, a CRUD operation switched off here.
    case invalidRoute = "invalid-route"
    /// An `envelopes` member name is empty, clashes with another, or cannot be used with the table.
    case invalidEnvelope = "invalid-envelope"
    /// An `errors` entry maps an unknown code, gives a status outside 400-599 or a malformed code,
    /// or the body template is incomplete.
    case invalidErrorVocabulary = "invalid-error-vocabulary"
    /// A `headers` name is not an HTTP field name, or two of them are the same.
    case invalidHeaderName = "invalid-header-name"
    /// A `listParameters` entry names an unknown field or clashes with another query parameter.
    case invalidListParameter = "invalid-list-parameter"
    /// A primary key's `prefix` is missing, malformed or given to a key that is not `prefixed`.
    case invalidPrimaryKey = "invalid-primary-key"
    /// Two JSON names of the app coincide once written in its naming style.
    case namingConflict = "naming-conflict"
    /// `health.members` lacks `status`, lists a member twice, or mixes `app` with `app.name`/`app.version`.
    case invalidHealthMembers = "invalid-health-members"

    /// A `renamedFrom` or `droppedTables` entry is not a valid name, names the table or field
    /// itself, or names something the schema still declares.
    case invalidMigrationHint = "invalid-migration-hint"

    // MARK: Webhooks (validator)

    /// A value of the `webhooks` section is out of range or contradicts the rest of the schema.
    case invalidWebhookSetting = "invalid-webhook-setting"
    /// A subscription's event pattern matches no event type of the app.
    case invalidEventType = "invalid-event-type"
    /// An endpoint's `webhook` declaration is incomplete, out of range or does not fit the endpoint.
    case invalidIncomingWebhook = "invalid-incoming-webhook"

    // MARK: Audit (validator)

    /// A value of the `audit` section is out of range, or the app has no `auth` section to say who acted.
    case invalidAuditSetting = "invalid-audit-setting"

    // MARK: Rate limits (validator)

    /// A value of the `rateLimits` section or `trustedProxies` is out of range, names an
    /// undeclared policy, or is not a path or CIDR range.
    case invalidRateLimit = "invalid-rate-limit"

    // MARK: openapi (validator)

    /// A server of the `openapi` section is not an absolute origin, or its contact or license is malformed.
    case invalidDocumentInfo = "invalid-document-info"

    // MARK: Idempotency (validator)

    /// A value of the `idempotency` section is out of range or repeated, or an endpoint opts in
    /// without the section or with a method other than `POST` and `PATCH`.
    case invalidIdempotency = "invalid-idempotency"

    // MARK: CORS (validator)

    /// The `cors` section lists no origin, an origin that is not exact, `*` beside other
    /// origins or with credentials, an unknown method, a malformed header name, or a max age
    /// out of range.
    case invalidCORS = "invalid-cors"

    // MARK: Observability: metrics (validator)

    /// The `metrics` section's port is out of range or its host is empty.
    case invalidMetrics = "invalid-metrics"

    // MARK: Observability: usage (validator)

    /// The `usage` section's retention or path is out of range, or the app has no `auth` section.
    case invalidUsage = "invalid-usage"
}
