import OpenAPIKit

/// Builds responses that all carry the `X-Request-Id` header, as every Loom response does.
enum ResponseFactory {
    /// Key in `components.headers` of the request id header every response carries.
    static let requestIDComponent = "RequestId"

    /// The shared request id header component; `name` is the app's (`X-Request-Id` by default).
    static func requestIDHeaderComponent(name: String) -> OpenAPI.Header {
        OpenAPI.Header(
            schema: SchemaFactory.string("Echoes a valid `\(name)` sent by the client, or a new id; quote it when reporting problems."),
            description: "Identifies the request in server logs.",
            required: true)
    }

    /// The name of the request id header in the document being built: the app's `headers.requestId`,
    /// bound by `OpenAPIBuilder` around building each document, so the dozens of places that
    /// make responses need not each be handed the app.
    @TaskLocal static var requestIDHeader = "X-Request-Id"

    /// A response with `content` (may be empty), the request id header and any `extraHeaders`.
    static func response(
        _ description: String, content: [OpenAPI.ContentType: OpenAPI.Content] = [:],
        extraHeaders: [(String, OpenAPI.Header)] = []
    ) -> OpenAPI.Response {
        var headers = OpenAPI.Header.Map()
        headers[requestIDHeader] = .reference(.component(named: requestIDComponent))
        for (name, header) in extraHeaders { headers[name] = .header(header) }
        var contentMap = OpenAPI.Content.Map()
        for key in content.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            if let value = content[key] { contentMap[key] = .content(value) }
        }
        return OpenAPI.Response(description: description, headers: headers, content: contentMap)
    }

    /// A JSON response whose body is `schema` (usually a `$ref`).
    static func json(_ description: String, schema: JSONSchema, extraHeaders: [(String, OpenAPI.Header)] = [])
        -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>
    {
        .response(response(description, content: [.json: OpenAPI.Content(schema: schema)], extraHeaders: extraHeaders))
    }

    /// A response without a body (204).
    static func empty(_ description: String) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
        .response(response(description))
    }

    /// An operation's responses: the successes first, then the referenced errors ordered by the
    /// status the app answers them with (`statuses`).
    static func map(
        statuses: ErrorStatuses, success: [(Int, Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>)], errors: [ErrorResponse]
    ) -> OpenAPI.Response.Map {
        var responses = OpenAPI.Response.Map()
        for (status, response) in success { responses[.status(code: status)] = response }
        var placed: [(Int, Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>)] = []
        for error in errors {
            for status in statuses.statuses(of: error) where !placed.contains(where: { $0.0 == status }) {
                placed.append((status, error.reference.1))
            }
        }
        for (status, reference) in placed.sorted(by: { $0.0 < $1.0 }) { responses[.status(code: status)] = reference }
        return responses
    }
}
