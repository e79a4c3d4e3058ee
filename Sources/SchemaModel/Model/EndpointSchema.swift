/// HTTP methods a custom endpoint may use.
public enum EndpointMethod: String, Codable, Sendable, CaseIterable, Hashable {
    case GET, POST, PUT, PATCH, DELETE
}

/// A JSON body of a custom endpoint: an object described by fields.
public struct BodySchema: Codable, Sendable, Hashable {
    /// Documentation of the body.
    public var description: String
    /// The body's fields in declaration order.
    public var fields: [FieldSchema]
    /// Creates a body declaration.
    public init(description: String, fields: [FieldSchema]) {
        self.description = description
        self.fields = fields
    }
}

/// The success response of a custom endpoint.
public struct ResponseSchema: Codable, Sendable, Hashable {
    /// Status code of a successful response (200, 201, 202 or 204).
    public var status: Int
    /// Documentation of the response.
    public var description: String
    /// Body fields; must be empty when `status` is 204.
    public var fields: [FieldSchema]
    /// `recordLinks`: the answer holds the key of a record of a table (one the endpoint made,
    /// such as a copy), so the document links it to that table's record operations.
    public var recordLinks: RecordLinksSchema?
    /// Creates a response declaration.
    public init(status: Int = 200, description: String, fields: [FieldSchema] = [], recordLinks: RecordLinksSchema? = nil) {
        self.status = status
        self.description = description
        self.fields = fields
        self.recordLinks = recordLinks
    }
}

/// `response.recordLinks` of an endpoint: which table's record the answer names, and by which
/// member; the document links the answer to the operations the app serves on that record
/// (`getProject`, `updateProject`, ...), as a table's own create does.
public struct RecordLinksSchema: Codable, Sendable, Hashable {
    /// The table.
    public var table: String
    /// The response field holding the record's key; `nil`: the table's primary key name.
    public var member: String?
    /// Creates a declaration.
    public init(table: String, member: String? = nil) {
        self.table = table
        self.member = member
    }
}

/// One endpoint file: `Schemas/<app>/endpoints/<name>.json`, a custom operation whose
/// handler is handwritten Swift in the `Server` target.
public struct EndpointSchema: Codable, Sendable, Hashable {
    /// Path of the schema file relative to the repository root.
    public var file: String
    /// Operation name: `snake_case`, equal to the file's stem; becomes the handler method name.
    public var name: String
    /// HTTP method.
    public var method: EndpointMethod
    /// Path below the app's base path, e.g. `/projects/{id}/summary`.
    public var path: String
    /// One-line summary for the docs (optional).
    public var summary: String?
    /// Documentation of the operation.
    public var description: String
    /// Parameters named in `path` as `{name}`, in declaration order.
    public var pathParameters: [FieldSchema]
    /// Query parameters in declaration order.
    public var queryParameters: [FieldSchema]
    /// JSON request body, if the operation takes one.
    public var requestBody: BodySchema?
    /// The success response.
    public var response: ResponseSchema
    /// `scope`: what calling the endpoint requires when the app has an `auth` section: a word
    /// (`"public"`, `"authenticated"`, a scope) or an array of scopes that are all required.
    /// An auth app must declare it (a custom endpoint says what it reads); `nil` elsewhere.
    public var scope: AccessRequirementSchema?
    /// `idempotency`: the endpoint accepts (or requires) the app's idempotency key; `nil`: it
    /// reads none. Needs the app's `idempotency` section and a `POST` or `PATCH` method.
    public var idempotency: EndpointIdempotency?

    // MARK: Limits (request size and time budgets, issue 14)

    /// `timeoutSeconds`: the endpoint's own time budget (504 past it); `nil`: the app's
    /// `limits.timeoutSeconds`.
    public var timeoutSeconds: Int?
    /// `notFound`: the handler answers 404 when a record the request names in its body or query
    /// does not exist (an unknown tool of a run), so the document lists 404; endpoints with
    /// path parameters list it anyway.
    public var notFound = false

    // MARK: Incoming webhooks (issue 13)

    /// `webhook`: the endpoint receives signed messages (verified before the handler runs).
    public var webhook: IncomingWebhookSchema?

    /// Creates an endpoint declaration.
    public init(
        file: String, name: String, method: EndpointMethod, path: String, summary: String? = nil,
        description: String, pathParameters: [FieldSchema] = [], queryParameters: [FieldSchema] = [],
        requestBody: BodySchema? = nil, response: ResponseSchema
    ) {
        self.file = file
        self.name = name
        self.method = method
        self.path = path
        self.summary = summary
        self.description = description
        self.pathParameters = pathParameters
        self.queryParameters = queryParameters
        self.requestBody = requestBody
        self.response = response
    }
}
