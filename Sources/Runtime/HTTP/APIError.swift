import HTTPTypes

/// An error answered to the client with a precise status, a stable code and, for invalid
/// input, one entry per offending field.
///
/// Handlers throw it; `LoomMiddleware` renders it in the app's error format. Anything else a
/// handler throws becomes a 500 whose details are logged, never sent.
public struct APIError: Error, Sendable, Equatable {
    /// One invalid field (or query parameter, or header) and what is wrong with it.
    public struct FieldError: Error, Sendable, Hashable {
        /// Field name; nested members use dots (`address.city`) and indexes (`tags[2]`).
        public var field: String
        /// What is wrong, phrased for the API consumer.
        public var message: String
        /// Creates a field error.
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// HTTP status.
    public var status: HTTPResponse.Status
    /// Stable machine-readable code such as `VALIDATION_ERROR`.
    public var code: String
    /// Human explanation of this occurrence.
    public var detail: String
    /// Invalid fields, if any.
    public var fieldErrors: [FieldError]
    /// Extra response headers (`Allow` on 405).
    public var headers: HTTPFields

    /// The code of a cookie-authenticated unsafe request refused for its missing or wrong CSRF
    /// echo (403). It says nothing of the records a route serves, so tables that hide their
    /// refusals as 404 (`forbiddenAsNotFound`) still answer it as 403.
    public static let csrfFailedCode = "CSRF_FAILED"

    /// Creates an error.
    public init(
        status: HTTPResponse.Status, code: String, detail: String,
        fieldErrors: [FieldError] = [], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    /// 400: the request is malformed (unparseable JSON, a bad query parameter).
    public static func badRequest(_ detail: String, fieldErrors: [FieldError] = []) -> APIError {
        APIError(status: .badRequest, code: "BAD_REQUEST", detail: detail, fieldErrors: fieldErrors)
    }

    /// 400: parameters of `place` ("query string", "request") are invalid; the message names
    /// them as `validation` names fields, so an app whose error body lists no field errors
    /// (stationthis) still says which.
    public static func invalidParameters(_ fieldErrors: [FieldError], in place: String = "query string") -> APIError {
        let listed = listing(fieldErrors)
        return badRequest(
            "The \(place) has \(fieldErrors.count) invalid parameter\(fieldErrors.count == 1 ? "" : "s"): \(listed).", fieldErrors: fieldErrors)
    }

    /// The names of the first five fields, then `...` when there are more: how a message lists them.
    static func listing(_ fieldErrors: [FieldError]) -> String {
        let names = fieldErrors.prefix(5).map(\.field).joined(separator: ", ")
        return fieldErrors.count <= 5 ? names : names + ", ..."
    }

    /// 422: the body is well-formed JSON but fields are invalid.
    public static func validation(_ fieldErrors: [FieldError]) -> APIError {
        let listed = listing(fieldErrors)
        return APIError(
            status: .unprocessableContent, code: "VALIDATION_ERROR",
            detail: "The request body has \(fieldErrors.count) invalid field\(fieldErrors.count == 1 ? "" : "s"): \(listed).",
            fieldErrors: fieldErrors)
    }

    /// 404 for a record.
    public static func recordNotFound(table: String, id: String) -> APIError {
        APIError(status: .notFound, code: "NOT_FOUND", detail: "No record in \(table) has id \(id).")
    }

    /// 404 instead of a refusal, on a table that hides what exists (`forbiddenAsNotFound`):
    /// the same answer as an unknown record or route, so a caller learns nothing.
    public static func hidden(table: String, path: String) -> APIError {
        APIError(status: .notFound, code: "NOT_FOUND", detail: "Nothing in \(table) is found at \(path).")
    }

    /// 404 for a path no route serves.
    public static func routeNotFound(path: String) -> APIError {
        APIError(status: .notFound, code: "NOT_FOUND", detail: "No route matches \(path).")
    }

    /// 405 with the `Allow` header listing what the path accepts.
    public static func methodNotAllowed(method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> APIError {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        var headers = HTTPFields()
        headers[.allow] = allow
        return APIError(
            status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED",
            detail: "\(method.rawValue) is not allowed here; allowed: \(allow).", headers: headers)
    }

    /// 409: the write conflicts with existing data.
    public static func conflict(_ detail: String, fieldErrors: [FieldError] = []) -> APIError {
        APIError(status: .conflict, code: "CONFLICT", detail: detail, fieldErrors: fieldErrors)
    }

    /// 413: the body is larger than the app accepts.
    public static func payloadTooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "PAYLOAD_TOO_LARGE", detail: "The request body exceeds \(limit) bytes.")
    }

    /// 415: the body is not JSON.
    public static func unsupportedMediaType(_ contentType: String?) -> APIError {
        APIError(
            status: .unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE",
            detail: "Send the body as application/json (got \(contentType ?? "no Content-Type")).")
    }

    /// 500: an unexpected failure; the detail never leaks internals.
    public static let internalError = APIError(
        status: .internalServerError, code: "INTERNAL_ERROR", detail: "The server failed to handle the request.")

    /// 503: the database is unavailable.
    public static let unavailable = APIError(
        status: .serviceUnavailable, code: "SERVICE_UNAVAILABLE", detail: "The service is temporarily unavailable; retry later.")
}
