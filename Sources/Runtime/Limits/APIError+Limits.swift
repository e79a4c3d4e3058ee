import HTTPTypes

extension APIError {
    /// 414: the request target is longer than the app accepts (`limits.maxURLBytes`).
    public static func uriTooLong(limit: Int) -> APIError {
        APIError(
            status: .uriTooLong, code: "URI_TOO_LONG",
            detail: "The request target (path and query) exceeds \(limit) bytes.",
            fieldErrors: [.init(field: "url", message: "is longer than \(limit) bytes")])
    }

    /// 431: the request's header fields are larger than the app accepts (`limits.maxHeaderBytes`).
    public static func headerFieldsTooLarge(limit: Int) -> APIError {
        APIError(
            status: .requestHeaderFieldsTooLarge, code: "REQUEST_HEADER_FIELDS_TOO_LARGE",
            detail: "The request's header fields exceed \(limit) bytes.",
            fieldErrors: [.init(field: "headers", message: "exceed \(limit) bytes")])
    }

    /// 400: the query has more parameters than the app accepts (`limits.maxQueryParameters`).
    public static func tooManyQueryParameters(count: Int, limit: Int) -> APIError {
        .badRequest(
            "The query has \(count) parameters; at most \(limit) are accepted.",
            fieldErrors: [.init(field: "query", message: "has \(count) parameters, more than \(limit)")])
    }

    /// 504: the operation did not finish within its time budget and nothing of it was committed.
    public static func gatewayTimeout(budget: Duration) -> APIError {
        APIError(
            status: .gatewayTimeout, code: "GATEWAY_TIMEOUT",
            detail: "The operation did not finish within its time budget (\(budget)); nothing was changed. Retry, with a smaller request if it was a batch.")
    }
}
