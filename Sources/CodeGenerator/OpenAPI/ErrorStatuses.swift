import APIContract
import SchemaModel

/// The statuses an app answers Loom's errors with (`errors.codes` may move some, such as
/// `VALIDATION_ERROR` to 400), so each error response is documented at the status the runtime
/// sends it with.
struct ErrorStatuses {
    private let statuses: [String: Int]

    /// The statuses of `config`'s vocabulary.
    init(config: AppConfig) {
        var statuses: [String: Int] = [:]
        for mapping in config.errors.codes { if let status = mapping.status { statuses[mapping.loomCode] = status } }
        self.statuses = statuses
    }

    /// The distinct statuses, ascending, that errors answered with `codes` (Loom code and its
    /// own status) are sent with.
    func statuses(of codes: [(code: LoomErrorCode, status: Int)]) -> [Int] {
        Array(Set(codes.map { statuses[$0.code.rawValue] ?? $0.status })).sorted()
    }

    /// The statuses of an error response component.
    func statuses(of error: ErrorResponse) -> [Int] { statuses(of: error.loomCodes) }

    /// The statuses of a contract error.
    func statuses(of error: ContractError) -> [Int] { statuses(of: error.loomCodes) }
}

extension ErrorResponse {
    /// The Loom codes answered with this response, each with Loom's status.
    var loomCodes: [(code: LoomErrorCode, status: Int)] {
        switch self {
        case .badRequest: return [(.badRequest, status)]
        case .notFound: return [(.notFound, status)]
        case .conflict: return [(.conflict, status)]
        case .preconditionFailed: return [(.preconditionFailed, status)]
        case .payloadTooLarge: return [(.payloadTooLarge, status)]
        case .unsupportedMediaType: return [(.unsupportedMediaType, status)]
        case .validationError: return [(.validationError, status)]
        case .internalError: return [(.internalError, status)]
        case .serviceUnavailable: return [(.serviceUnavailable, status)]
        }
    }
}

extension ContractError {
    /// The Loom codes answered with this contract error, each with Loom's status.
    var loomCodes: [(code: LoomErrorCode, status: Int)] {
        switch self {
        case .badRequest: return ErrorResponse.badRequest.loomCodes
        case .unauthorized: return [(.unauthenticated, 401), (.invalidCredentials, 401)]
        case .forbidden: return [(.forbidden, 403), (.csrfFailed, 403), (.accountDisabled, 403)]
        case .notFound: return ErrorResponse.notFound.loomCodes
        case .conflict: return ErrorResponse.conflict.loomCodes
        case .payloadTooLarge: return ErrorResponse.payloadTooLarge.loomCodes
        case .unsupportedMediaType: return ErrorResponse.unsupportedMediaType.loomCodes
        case .validationError: return ErrorResponse.validationError.loomCodes
        case .tooManyRequests: return [(.tooManyRequests, 429)]
        case .internalError: return ErrorResponse.internalError.loomCodes
        case .badGateway: return [(.oauthProviderError, 502), (.mailDeliveryFailed, 502)]
        case .serviceUnavailable: return ErrorResponse.serviceUnavailable.loomCodes
        }
    }
}
