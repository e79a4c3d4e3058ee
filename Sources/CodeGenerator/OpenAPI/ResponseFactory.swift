import OpenAPIKit

/// Builds responses that all carry the `X-Request-Id` header, as every Loom response does.
enum ResponseFactory {
    /// The header every response carries.
    static let requestIDHeader = "X-Request-Id"
    /// Its key in `components.headers`.
    static let requestIDComponent = "RequestId"

    /// The shared `X-Request-Id` header component.
    static func requestIDHeaderComponent() -> OpenAPI.Header {
        OpenAPI.Header(
            schema: SchemaFactory.string("Echoes a valid `X-Request-Id` sent by the client, or a new id; quote it when reporting problems."),
            description: "Identifies the request in server logs.",
            required: true)
    }

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

    /// An operation's responses: the successes first, then the referenced errors ordered by status.
    static func map(
        success: [(Int, Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>)], errors: [ErrorResponse]
    ) -> OpenAPI.Response.Map {
        var responses = OpenAPI.Response.Map()
        for (status, response) in success { responses[.status(code: status)] = response }
        for error in errors.sorted(by: { $0.status < $1.status }) {
            let (status, reference) = error.reference
            responses[status] = reference
        }
        return responses
    }
}
