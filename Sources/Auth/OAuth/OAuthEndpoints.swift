/// Where one OAuth provider answers: the page the browser is sent to, the token endpoint, the
/// user-info endpoint and, for GitHub-like providers, the list of the user's email addresses.
public struct OAuthEndpoints: Sendable, Equatable {
    /// Authorization endpoint (the browser goes there).
    public let authorize: String
    /// Token endpoint (the server posts the code and the PKCE verifier there).
    public let token: String
    /// User-info endpoint (a JSON object).
    public let userInfo: String
    /// Endpoint listing `[{email, primary, verified}]`; `nil` when the user info says it all.
    public let emails: String?

    /// Creates an endpoint set.
    public init(authorize: String, token: String, userInfo: String, emails: String? = nil) {
        self.authorize = authorize
        self.token = token
        self.userInfo = userInfo
        self.emails = emails
    }

    /// GitHub's OAuth app endpoints; the user's verified addresses come from `/user/emails`.
    static let github = OAuthEndpoints(
        authorize: "https://github.com/login/oauth/authorize", token: "https://github.com/login/oauth/access_token",
        userInfo: "https://api.github.com/user", emails: "https://api.github.com/user/emails")

    /// Google's OpenID Connect endpoints.
    static let google = OAuthEndpoints(
        authorize: "https://accounts.google.com/o/oauth2/v2/auth", token: "https://oauth2.googleapis.com/token",
        userInfo: "https://openidconnect.googleapis.com/v1/userinfo")
}
