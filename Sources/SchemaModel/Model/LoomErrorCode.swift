/// Every error code Loom's runtime and `Auth` module answer with: the kinds an app's
/// `errors.codes` may map to codes and statuses of its own. (Custom endpoint handlers choose
/// their own codes; those are the app's already.) A test keeps the list equal to the codes the
/// sources throw.
public enum LoomErrorCode: String, Codable, Sendable, CaseIterable, Hashable {
    case badRequest = "BAD_REQUEST"
    case validationError = "VALIDATION_ERROR"
    case unauthenticated = "UNAUTHENTICATED"
    case invalidCredentials = "INVALID_CREDENTIALS"
    case forbidden = "FORBIDDEN"
    case csrfFailed = "CSRF_FAILED"
    case accountDisabled = "ACCOUNT_DISABLED"
    case notFound = "NOT_FOUND"
    case methodNotAllowed = "METHOD_NOT_ALLOWED"
    case conflict = "CONFLICT"
    case preconditionFailed = "PRECONDITION_FAILED"
    case payloadTooLarge = "PAYLOAD_TOO_LARGE"
    case unsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
    case tooManyRequests = "TOO_MANY_REQUESTS"
    case internalError = "INTERNAL_ERROR"
    case serviceUnavailable = "SERVICE_UNAVAILABLE"
    case mailDeliveryFailed = "MAIL_DELIVERY_FAILED"
    case oauthProviderNotFound = "OAUTH_PROVIDER_NOT_FOUND"
    case oauthProviderError = "OAUTH_PROVIDER_ERROR"
    case oauthMissingCode = "OAUTH_MISSING_CODE"
    case oauthInvalidState = "OAUTH_INVALID_STATE"
    case oauthEmailRequired = "OAUTH_EMAIL_REQUIRED"
    case oauthEmailNotVerified = "OAUTH_EMAIL_NOT_VERIFIED"
    case oauthDenied = "OAUTH_DENIED"
    case oauthCodeRejected = "OAUTH_CODE_REJECTED"
    // MARK: Limits (request size and time budgets, issue 14)
    case uriTooLong = "URI_TOO_LONG"
    case requestHeaderFieldsTooLarge = "REQUEST_HEADER_FIELDS_TOO_LARGE"
    case gatewayTimeout = "GATEWAY_TIMEOUT"
}
