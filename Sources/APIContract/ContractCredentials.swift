/// What a route needs to be called.
public enum ContractCredentials: Sendable, Hashable {
    /// Nothing: a public route (sign-up, login, refresh, the health probes).
    case none
    /// Nothing, but a project's API key may be sent: sign-up and login of a project's end users.
    case optionalProjectKey
    /// A user's access token (a header or, in cookie mode, the cookie).
    case userToken
    /// A user's access token or an API key.
    case userTokenOrKey
    /// A platform admin's access token.
    case platformToken

    /// The answers the credentials themselves can cause: 401 without them, 403 when they may not
    /// do this (an API key where a user's token is needed, a missing scope).
    public var errors: Set<ContractError> {
        switch self {
        case .none, .optionalProjectKey: return []
        case .userToken, .userTokenOrKey: return [.unauthorized, .forbidden]
        case .platformToken: return [.unauthorized]
        }
    }
}
