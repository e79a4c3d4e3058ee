import Logging
import Runtime

/// One enabled OAuth provider, resolved at start-up from `auth.oauth.providers`, the built-in
/// values of `github` and `google`, and the client credentials read from the environment.
struct OAuthProvider: Sendable {
    /// Name, the `{provider}` of the routes.
    let name: String
    /// OAuth client id.
    let clientID: String
    /// OAuth client secret; sent to the token endpoint only, never logged or shown.
    let clientSecret: String
    /// The provider's endpoints.
    let endpoints: OAuthEndpoints
    /// Requested scopes.
    let scopes: [String]
    /// Where the user id, email, verification flag and name are in the user info.
    let fields: OAuthUserFields
    /// The callback URL registered with the provider.
    let redirectURI: String

    /// The built-in values of a provider name (`github`, `google`), if it has any.
    static func preset(named name: String) -> (endpoints: OAuthEndpoints, scopes: [String], fields: OAuthUserFields)? {
        switch name {
        case "github":
            // GitHub's /user `email` is the public profile address, not a verified one: the
            // verified flag comes from /user/emails (see OAuthUserInfo).
            return (.github, ["read:user", "user:email"], OAuthUserFields(userID: "id", email: "email", emailVerified: nil, name: "name"))
        case "google":
            return (.google, ["openid", "email", "profile"], OAuthUserFields(userID: "sub", email: "email", emailVerified: "email_verified", name: "name"))
        default:
            return nil
        }
    }

    /// The enabled providers by name. A provider whose client id or secret variable is unset is
    /// left out with a warning, so an app can declare GitHub and Google and still start (and
    /// serve password sign-in) on a machine without their credentials.
    static func resolve(
        _ settings: AuthSettings.OAuthSettings, routePrefix: String, environment: [String: String],
        endpointOverrides: [String: OAuthEndpoints], logger: Logger
    ) -> [String: OAuthProvider] {
        var providers: [String: OAuthProvider] = [:]
        let base = settings.publicURL.hasSuffix("/") ? String(settings.publicURL.dropLast()) : settings.publicURL
        for entry in settings.providers {
            guard let clientID = environment[entry.clientIDVariable], !clientID.isEmpty,
                let clientSecret = environment[entry.clientSecretVariable], !clientSecret.isEmpty
            else {
                logger.warning(
                    "OAuth provider \(entry.name) is disabled: set \(entry.clientIDVariable) and \(entry.clientSecretVariable) to enable it")
                continue
            }
            let preset = preset(named: entry.name)
            guard let endpoints = endpointOverrides[entry.name] ?? declaredEndpoints(entry) ?? preset?.endpoints else {
                logger.warning("OAuth provider \(entry.name) is disabled: it declares no endpoints")
                continue
            }
            let fields = OAuthUserFields(
                userID: entry.userIDField ?? preset?.fields.userID ?? "sub",
                email: entry.emailField ?? preset?.fields.email ?? "email",
                emailVerified: entry.emailVerifiedField ?? preset?.fields.emailVerified,
                name: entry.nameField ?? preset?.fields.name ?? "name")
            providers[entry.name] = OAuthProvider(
                name: entry.name, clientID: clientID, clientSecret: clientSecret, endpoints: endpoints,
                scopes: entry.scopes ?? preset?.scopes ?? [], fields: fields,
                redirectURI: base + routePrefix + "/oauth/" + entry.name + "/callback")
        }
        return providers
    }

    /// The endpoints an entry declares itself; for a preset, declared ones replace the built-in set.
    private static func declaredEndpoints(_ entry: AuthSettings.OAuthProviderSettings) -> OAuthEndpoints? {
        guard let authorize = entry.authorizeURL, let token = entry.tokenURL, let userInfo = entry.userInfoURL else { return nil }
        return OAuthEndpoints(authorize: authorize, token: token, userInfo: userInfo, emails: entry.emailsURL)
    }
}

/// Dotted paths of the facts Loom reads from a provider's user info.
struct OAuthUserFields: Sendable, Equatable {
    /// The provider's stable user id (`sub`, `id`); numbers are read as their decimal text.
    let userID: String
    /// The email address.
    let email: String
    /// The boolean saying the address is verified; `nil`: the user info never vouches for it.
    let emailVerified: String?
    /// The display name.
    let name: String
}
