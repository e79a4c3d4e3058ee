import HTTPTypes
import Hummingbird

/// Cross-origin resource sharing (Fetch standard) for the origins an app declares (`cors` of
/// `app.json`, `CORSSettings`). Hummingbird's `CORSMiddleware` allows one origin or all; an
/// app lists several exact ones.
///
/// - A request without `Origin` (every non-browser client, and same-origin `GET`s) passes
///   through untouched: one header look-up.
/// - A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) from an allowed
///   origin is answered here, 204 with the allowed methods, headers, credentials and max age,
///   before rate limits, idempotency and the router (so no 404 or 405); `LoomMiddleware`, outside
///   it, only adds the common fields. A preflight from another origin goes on like any request
///   and gets the router's 404 or 405, with no CORS field.
/// - Any other request from an allowed origin gets `Access-Control-Allow-Origin: <origin>`
///   (`*` when the app allows any origin), `Vary: Origin`, the exposed headers and, when the
///   app allows them, `Access-Control-Allow-Credentials: true`: on errors too (a page must be
///   able to read a 4xx body). From another origin it gets no CORS field, so the browser keeps
///   the answer from the page.
///
/// Inline key reads: the server passes every request carrying `Origin` on to Hummingbird when
/// an app declares CORS (`InlineReads.passingOn(headers:)`), so inline answers, which never
/// see this middleware, are only ever answers to requests without `Origin`, which it would
/// not change: hence `.maySkip`, and the common case keeps the inline path.
public struct CrossOriginMiddleware: ServerMiddleware {
    /// The request context type.
    public typealias Context = LoomRequestContext

    private let allowsAnyOrigin: Bool
    private let origins: Set<String>
    private let preflightFields: HTTPFields
    private let answerFields: HTTPFields

    /// Creates the middleware for `settings`, with the default allowed and exposed headers
    /// taken from the app's header names (`app.headers`).
    public init(settings: CORSSettings, app: AppSettings) {
        allowsAnyOrigin = settings.allowsAnyOrigin
        origins = Set(settings.origins)
        let allowed = settings.headers ?? Self.defaultAllowedHeaders(app.headers)
        let exposed = settings.exposedHeaders ?? Self.defaultExposedHeaders(app.headers, legacyRateLimitHeaders: app.rateLimits?.legacyHeaders ?? false)
        var preflight = HTTPFields()
        preflight[.accessControlAllowMethods] = settings.methods.joined(separator: ", ")
        if !allowed.isEmpty { preflight[.accessControlAllowHeaders] = allowed.joined(separator: ", ") }
        preflight[.accessControlMaxAge] = String(settings.maxAgeSeconds)
        var answer = HTTPFields()
        if !exposed.isEmpty { answer[.accessControlExposeHeaders] = exposed.joined(separator: ", ") }
        if settings.credentials {
            preflight[.accessControlAllowCredentials] = "true"
            answer[.accessControlAllowCredentials] = "true"
        }
        preflightFields = preflight
        answerFields = answer
    }

    /// Requests without `Origin` are the same with or without it, and only those are answered inline.
    public var inlineReadPolicy: InlineReadPolicy { .maySkip }

    /// The request header that sends a request through Hummingbird (and so through this
    /// middleware) instead of the inline path.
    public static let passedOnHeaders: [HTTPField.Name] = [.origin]

    /// Answers allowed preflights and adds the CORS fields to allowed origins' answers.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let origin = request.headers[.origin], allowsAnyOrigin || origins.contains(origin) else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            return Response(status: .noContent, headers: fields(origin: origin, base: preflightFields))
        }
        // Errors too (an unknown path's 404, a 429): a page must be able to read them.
        return try await ErrorWithHeaderFields.appending(fields(origin: origin, base: answerFields)) { try await next(request, context) }
    }

    /// `base` with the origin's fields in front: `*` for any origin, else the origin itself and `Vary: Origin`.
    private func fields(origin: String, base: HTTPFields) -> HTTPFields {
        var fields = HTTPFields()
        if allowsAnyOrigin {
            fields[.accessControlAllowOrigin] = "*"
        } else {
            fields[.accessControlAllowOrigin] = origin
            fields[.vary] = "Origin"
        }
        fields.append(contentsOf: base)
        return fields
    }

    /// `Content-Type`, `Authorization`, the app's API key, request id and idempotency key
    /// headers, and `X-CSRF-Token` (cookie sessions' writes).
    static func defaultAllowedHeaders(_ names: HeaderNames) -> [String] {
        ["Content-Type", "Authorization", names.apiKey.rawName, names.requestID.rawName, names.idempotencyKey.rawName, "X-CSRF-Token"]
    }

    /// The request id, the rate-limit headers (the `X-RateLimit-*` trio when the app sends it),
    /// `Retry-After`, `ETag`, `Location` and `Idempotent-Replayed`: what a client acts on.
    static func defaultExposedHeaders(_ names: HeaderNames, legacyRateLimitHeaders: Bool) -> [String] {
        var exposed = [names.requestID.rawName, names.rateLimitPolicy.rawName, names.rateLimit.rawName]
        if legacyRateLimitHeaders {
            exposed += [HTTPField.Name.xRateLimitLimit, .xRateLimitRemaining, .xRateLimitReset].map(\.rawName)
        }
        return exposed + ["Retry-After", "ETag", "Location", HTTPField.Name.idempotentReplayed.rawName]
    }
}
