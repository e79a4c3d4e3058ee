/// An error answer a route can give, in the app's error format.
///
/// The OpenAPI builder turns each into the matching response component; the response checker
/// of the server tests proves the runtime answers no status a route does not declare.
public enum ContractError: String, Sendable, Hashable, CaseIterable, Comparable {
    /// 400: malformed JSON or query string.
    case badRequest
    /// 401: no credentials, or invalid ones.
    case unauthorized
    /// 403: the caller may not do this.
    case forbidden
    /// 404: nothing has the given id.
    case notFound
    /// 409: the change conflicts with the stored state.
    case conflict
    /// 413: the body is larger than the app accepts.
    case payloadTooLarge
    /// 415: the body is not JSON.
    case unsupportedMediaType
    /// 422: a member of the body is missing or invalid.
    case validationError
    /// 429: too many failed attempts.
    case tooManyRequests
    /// 500: the server failed.
    case internalError
    /// 502: a service the server called (an OAuth provider, the mail server) failed.
    case badGateway
    /// 503: a dependency is unavailable.
    case serviceUnavailable

    /// The HTTP status.
    public var status: Int {
        switch self {
        case .badRequest: return 400
        case .unauthorized: return 401
        case .forbidden: return 403
        case .notFound: return 404
        case .conflict: return 409
        case .payloadTooLarge: return 413
        case .unsupportedMediaType: return 415
        case .validationError: return 422
        case .tooManyRequests: return 429
        case .internalError: return 500
        case .badGateway: return 502
        case .serviceUnavailable: return 503
        }
    }

    /// Orders errors by status, as documents list them.
    public static func < (lhs: ContractError, rhs: ContractError) -> Bool { lhs.status < rhs.status }

    /// What every route with a JSON request body can also answer: malformed JSON, a body over the
    /// limit, a body that is not JSON.
    public static let bodyErrors: Set<ContractError> = [.badRequest, .payloadTooLarge, .unsupportedMediaType]
    /// What every route that touches the database can answer.
    public static let serverErrors: Set<ContractError> = [.internalError, .serviceUnavailable]
}
