import Runtime

/// The errors of the OAuth routes, as `APIError`s with their own codes: a bad or used state
/// and a refused code are the caller's (400), an unreachable or confused provider is a 502.
/// None of them carries the client secret or the provider's response body.
enum OAuthError {
    /// 404: no enabled provider has this name.
    static func unknownProvider(_ name: String) -> APIError {
        APIError(
            status: .notFound, code: "OAUTH_PROVIDER_NOT_FOUND",
            detail: "No OAuth provider named \(name.prefix(64)) is enabled for this app.")
    }

    /// 400: the `state` is missing, unknown, already used, expired or for another provider.
    static let invalidState = APIError(
        status: .badRequest, code: "OAUTH_INVALID_STATE",
        detail: "The sign-in state is invalid, expired or already used; start the sign-in again.",
        fieldErrors: [.init(field: "state", message: "is invalid, expired or already used")])

    /// 400: the provider sent the user back with an error (`access_denied`, ...).
    static func denied(provider: String, reason: String) -> APIError {
        APIError(
            status: .badRequest, code: "OAUTH_DENIED",
            detail: "\(provider) did not authorize the sign-in (\(sanitized(reason))).")
    }

    /// 400: the callback has no `code`.
    static let missingCode = APIError(
        status: .badRequest, code: "OAUTH_MISSING_CODE", detail: "The callback has no authorization code.",
        fieldErrors: [.init(field: "code", message: "is required")])

    /// 400: the token endpoint refused the code (wrong verifier, expired or reused code).
    static func codeRejected(provider: String, reason: String) -> APIError {
        APIError(
            status: .badRequest, code: "OAUTH_CODE_REJECTED",
            detail: "\(provider) refused the authorization code (\(sanitized(reason))); start the sign-in again.")
    }

    /// 502: the provider could not be reached, timed out, or answered something unusable.
    static func providerFailed(provider: String, step: String, reason: String) -> APIError {
        APIError(
            status: .badGateway, code: "OAUTH_PROVIDER_ERROR",
            detail: "\(provider) failed at the \(step) step (\(sanitized(reason))); try again later.")
    }

    /// 422: the provider gave no email address, and an account needs one.
    static func missingEmail(provider: String) -> APIError {
        APIError(
            status: .unprocessableContent, code: "OAUTH_EMAIL_REQUIRED",
            detail: "\(provider) shared no email address; allow access to your email address and try again.")
    }

    /// 409: an account already uses the address, and the provider does not say it is verified.
    static func unverifiedEmail(provider: String) -> APIError {
        APIError(
            status: .conflict, code: "OAUTH_EMAIL_NOT_VERIFIED",
            detail: "An account with this email exists, but \(provider) does not confirm the address is verified; "
                + "log in with your password instead.")
    }

    /// 403: the account is banned or inactive.
    static let accountDisabled = APIError(
        status: .forbidden, code: "ACCOUNT_DISABLED", detail: "This account is disabled.")

    /// At most 64 characters of `[A-Za-z0-9 _.-]`: provider text never reaches a response unfiltered.
    static func sanitized(_ text: String) -> String {
        String(text.unicodeScalars.prefix(64).map { scalar in
            scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(scalar) || " _.-".unicodeScalars.contains(scalar)
                ? Character(scalar) : "?"
        })
    }
}
