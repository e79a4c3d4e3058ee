import HTTPTypes

/// What routes that need a caller ask of the request context. Generated operations and the
/// `Auth` module's routes both go through these two calls, so every refusal looks the same.
extension LoomRequestContext {
    /// The caller, or 401: the refusal of the presented credentials, or "no credentials".
    public func requireIdentity() throws(APIError) -> Identity {
        if let identity { return identity }
        if let authenticationFailure { throw authenticationFailure.error }
        throw APIError.unauthenticated
    }

    /// The caller holding `scope` (or `*`), else 401 as in `requireIdentity` or 403 naming the scope.
    @discardableResult
    public func requireScope(_ scope: String) throws(APIError) -> Identity {
        let identity = try requireIdentity()
        try identity.require(.scope(scope))
        return identity
    }
}

extension Identity {
    /// Whether the identity's scopes grant `scope`: the scope itself, `*`, or `<resource>:*`.
    public func holds(_ scope: String) -> Bool {
        Self.scopes(scopes, grant: scope)
    }

    /// Whether `granted` covers `scope`; shared with API key creation (a key's scopes never exceed its creator's).
    public static func scopes(_ granted: Set<String>, grant scope: String) -> Bool {
        if granted.contains("*") || granted.contains(scope) { return true }
        guard let colon = scope.firstIndex(of: ":") else { return false }
        return granted.contains(String(scope[..<colon]) + ":*")
    }
}

extension APIError {
    /// 401: no credentials were presented to a route that needs them.
    public static let unauthenticated = APIError(
        status: .unauthorized, code: "UNAUTHENTICATED",
        detail: "This route needs credentials: send Authorization: Bearer <access token> or X-API-Key.",
        headers: [.wwwAuthenticate: "Bearer"])

    /// 401: the presented credentials are not valid. Deliberately never says which check failed.
    public static func invalidCredentials(_ detail: String = "The credentials are invalid, expired or revoked.") -> APIError {
        APIError(
            status: .unauthorized, code: "INVALID_CREDENTIALS", detail: detail,
            headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
    }

    /// 403: the caller is known but lacks `scope`.
    public static func forbidden(scope: String) -> APIError {
        APIError(status: .forbidden, code: "FORBIDDEN", detail: "This operation needs the scope \(scope), which the caller does not hold.")
    }

    /// 403 with a free-form reason.
    public static func forbidden(_ detail: String) -> APIError {
        APIError(status: .forbidden, code: "FORBIDDEN", detail: detail)
    }

    /// 429 with `Retry-After` in whole seconds.
    public static func tooManyRequests(retryAfterSeconds: Int, detail: String) -> APIError {
        APIError(
            status: .tooManyRequests, code: "TOO_MANY_REQUESTS", detail: detail,
            headers: [.retryAfter: String(max(1, retryAfterSeconds))])
    }
}
