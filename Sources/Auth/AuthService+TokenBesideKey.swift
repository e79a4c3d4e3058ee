import Runtime

extension AuthService {
    /// A request carrying both an access token (`Authorization: Bearer`) and an API key, as an
    /// SDK does for a project's end user (the key names the application, the token the person):
    /// the caller is the token's, and the key must be valid too and belong to the token's
    /// project, so a token cannot be replayed through another application's key. Either
    /// refused, or a different project, is 401.
    func authenticate(accessToken token: String, besideKey key: String, context: LoomRequestContext) async throws -> AuthenticationOutcome {
        let outcome = try await authenticate(accessToken: token)
        guard case .authenticated(let identity) = outcome else { return outcome }
        let keyOutcome = try await authenticate(apiKey: key, context: context)
        guard case .authenticated(let keyIdentity) = keyOutcome else { return keyOutcome }
        guard keyIdentity.projectID == identity.projectID else {
            return .rejected(.invalidCredentials("The API key belongs to another project than the access token."))
        }
        return outcome
    }
}
