import OpenAPIKit

/// The error responses a Loom server answers with, each a component in `components.responses`
/// that operations reference by status code.
enum ErrorResponse: CaseIterable {
    /// 400: malformed JSON or query string.
    case badRequest
    /// 404: no record with the id.
    case notFound
    /// 409: unique value taken or record still referenced.
    case conflict
    /// 412: `If-Match` names a stale version.
    case preconditionFailed
    /// 413: body over the app's limit.
    case payloadTooLarge
    /// 415: body is not JSON.
    case unsupportedMediaType
    /// 422: a field is missing or invalid.
    case validationError
    /// 500: the server failed.
    case internalError
    /// 503: a dependency is down.
    case serviceUnavailable

    /// The HTTP status.
    var status: Int {
        switch self {
        case .badRequest: return 400
        case .notFound: return 404
        case .conflict: return 409
        case .preconditionFailed: return 412
        case .payloadTooLarge: return 413
        case .unsupportedMediaType: return 415
        case .validationError: return 422
        case .internalError: return 500
        case .serviceUnavailable: return 503
        }
    }

    /// Key in `components.responses`.
    var componentName: String {
        switch self {
        case .badRequest: return "BadRequest"
        case .notFound: return "NotFound"
        case .conflict: return "Conflict"
        case .preconditionFailed: return "PreconditionFailed"
        case .payloadTooLarge: return "PayloadTooLarge"
        case .unsupportedMediaType: return "UnsupportedMediaType"
        case .validationError: return "ValidationError"
        case .internalError: return "InternalError"
        case .serviceUnavailable: return "ServiceUnavailable"
        }
    }

    /// When the server answers with this status (the response's `description`).
    var summary: String {
        switch self {
        case .badRequest:
            return "The request is malformed: invalid JSON, or an unknown or invalid query parameter."
        case .notFound:
            return "No record has the given id."
        case .conflict:
            return "The change conflicts with other records: a unique value is taken, or the record is still referenced."
        case .preconditionFailed:
            return "`If-Match` does not list the record's current `ETag`: it changed since it was read; nothing was changed."
        case .payloadTooLarge:
            return "The request body is larger than the server accepts."
        case .unsupportedMediaType:
            return "The request body is not `application/json`."
        case .validationError:
            return "The body is well-formed JSON but a field is missing or invalid; `errors` names each field."
        case .internalError:
            return "The server failed to handle the request."
        case .serviceUnavailable:
            return "The service is temporarily unavailable; retry later."
        }
    }

    /// `{"$ref": "#/components/responses/<name>"}`, keyed by status for an operation's responses.
    var reference: (OpenAPI.Response.StatusCode, Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response>) {
        (.status(code: status), .reference(.component(named: componentName)))
    }
}
