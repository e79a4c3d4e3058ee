import OpenAPIKit
import SchemaModel

/// Documents an app's `rateLimits`: the `RateLimit-Policy` and `RateLimit` headers (and the
/// `X-RateLimit-*` ones when the app asks) on every answer of every limited operation, and a
/// `429` answer (`RateLimited`, with `Retry-After`) on each of them.
///
/// Every operation but the system ones (health probes, this document, `/docs`) is limited:
/// `RateLimitMiddleware` skips the same paths, both taken from `SystemContract`.
struct RateLimitDocumentation {
    /// The section.
    let limits: RateLimitsConfig
    /// The app's header names.
    let headers: HeaderNamesSchema

    /// The response component every limited operation answers 429 with.
    static let rateLimitedComponent = "RateLimited"

    /// The header components: `(component name, header name, header)`.
    func headerComponents() -> [(component: String, name: String, header: OpenAPI.Header)] {
        var components: [(String, String, OpenAPI.Header)] = [
            ("RateLimitPolicy", headers.rateLimitPolicy, OpenAPI.Header(
                schema: SchemaFactory.string("The policy counting this request: `\"name\";q=<quota>;w=<window seconds>` (IETF httpapi RateLimit draft)."),
                description: "Sent on every answer of a rate-limited operation.")),
            ("RateLimit", headers.rateLimit, OpenAPI.Header(
                schema: SchemaFactory.string("Requests left and seconds until the window ends: `\"name\";r=<remaining>;t=<seconds>`."),
                description: "Sent on every answer of a rate-limited operation.")),
        ]
        if limits.legacyHeaders {
            components += [
                ("XRateLimitLimit", "X-RateLimit-Limit", OpenAPI.Header(
                    schema: SchemaFactory.integer("Requests allowed in the window."), description: "The quota of the policy counting this request.")),
                ("XRateLimitRemaining", "X-RateLimit-Remaining", OpenAPI.Header(
                    schema: SchemaFactory.integer("Requests left in the window."), description: "Requests left before 429.")),
                ("XRateLimitReset", "X-RateLimit-Reset", OpenAPI.Header(
                    schema: SchemaFactory.integer("When the window ends, in seconds since 1970-01-01T00:00:00Z."),
                    description: "When the quota is whole again.")),
            ]
        }
        return components
    }

    /// The `RateLimited` response component in the app's error format.
    func rateLimitedResponse(errors: ErrorComponents) -> OpenAPI.Response {
        let content = errors.content(.tooManyRequests, status: 429)
        let retryAfter = OpenAPI.Header(
            schema: SchemaFactory.integer("Seconds to wait before trying again."), description: "Seconds until the window ends.", required: true)
        var response = ResponseFactory.response(
            "The quota of the rate-limit policy counting this request is used up (`TOO_MANY_REQUESTS`); wait for `Retry-After` seconds.",
            content: [errors.contentType: content], extraHeaders: [("Retry-After", retryAfter)])
        addHeaders(to: &response)
        return response
    }

    /// `items` with the headers on every inline answer of every limited operation, and 429
    /// where the operation does not answer it already (sign-in's lock-out keeps its own).
    func apply(to items: OpenAPI.PathItem.Map) -> OpenAPI.PathItem.Map {
        var result = items
        for (path, entry) in items {
            guard case .b(var item) = entry else { continue }
            for endpoint in item.endpoints where !(endpoint.operation.tags ?? []).contains(OpenAPINames.systemTag) {
                var operation = endpoint.operation
                var responses = operation.responses
                for (status, response) in operation.responses {
                    guard case .b(var inline) = response else { continue }
                    addHeaders(to: &inline)
                    responses[status] = .b(inline)
                }
                if responses[.status(code: 429)] == nil {
                    responses[.status(code: 429)] = .a(.component(named: Self.rateLimitedComponent))
                }
                operation.responses = responses
                item.set(operation: operation, for: endpoint.method)
            }
            result[path] = .b(item)
        }
        return result
    }

    private func addHeaders(to response: inout OpenAPI.Response) {
        var map = response.headers ?? [:]
        for component in headerComponents() { map[component.name] = .reference(.component(named: component.component)) }
        response.headers = map
    }
}
