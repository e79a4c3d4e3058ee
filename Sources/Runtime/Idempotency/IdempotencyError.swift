/// The answers of the idempotency rules, in Loom's error kinds (so an app's `errors.codes`
/// renames them like any other), each naming the key header as the offending field.
import APIContract

enum IdempotencyError {
    /// 400: a covered operation that requires the key got none.
    static func missing(headerName: String) -> APIError {
        .badRequest(
            "This operation requires the \(headerName) header (a unique value per intended write, such as a UUID).",
            fieldErrors: [.init(field: headerName, message: "is required")])
    }

    /// 400: the key is empty or longer than the limit.
    static func malformed(headerName: String, length: Int) -> APIError {
        .badRequest(
            "The \(headerName) header must hold 1 to \(IdempotencyCoverage.maxKeyLength) characters; it holds \(length).",
            fieldErrors: [.init(field: headerName, message: "must hold 1 to \(IdempotencyCoverage.maxKeyLength) characters")])
    }

    /// 422: the key was used with another method, path or body.
    /// (Loom's `VALIDATION_ERROR`, whose status an app's `errors.codes` may change, as the
    /// document says.)
    static func reused(headerName: String) -> APIError {
        var error = APIError.validation([
            .init(field: headerName, message: "was already used with another request (method, path or body); use a new key for a new request")
        ])
        error.detail = "This \(headerName) was already used with another request; its answer belongs to that request."
        return error
    }

    /// 409: the first request with the key has not finished.
    static func inProgress(headerName: String) -> APIError {
        .conflict(
            "A request with this \(headerName) is still being processed; retry once it has been answered.",
            fieldErrors: [.init(field: headerName, message: "is held by a request still being processed")])
    }

    /// 409: a write of the first request committed but its answer was not kept (its server failed
    /// between the two), so the request must not run again and its answer cannot be replayed.
    static func answerLost(headerName: String) -> APIError {
        .conflict(
            "The request with this \(headerName) was processed, but its answer was not kept; read the resource to see the result.",
            fieldErrors: [.init(field: headerName, message: "belongs to a processed request whose answer was not kept")])
    }

    /// 409: the claim timed out and another request took the key over before this one wrote.
    static func claimLost(headerName: String) -> APIError {
        .conflict(
            "This request took longer than the \(headerName) claim allows and another request with the key took it over; nothing was written.",
            fieldErrors: [.init(field: headerName, message: "was taken over by another request")])
    }
}
