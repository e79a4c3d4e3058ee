import Logging
import Runtime

/// The app's OAuth configuration as the routes use it, built once at start-up: the enabled
/// providers with their credentials, the redirect allowlist and the state lifetime.
struct OAuthSignIn: Sendable {
    /// Enabled providers by name (those with credentials in the environment).
    let providers: [String: OAuthProvider]
    /// Client pages a finished sign-in may redirect to (exact match).
    let redirectAllowlist: Set<String>
    /// How long a started flow stays usable.
    let stateSeconds: Int
    /// Provider calls.
    let client = OAuthClient()

    /// Resolves `settings`; `nil` when the app has no `auth.oauth` section.
    init?(settings: AuthSettings, environment: [String: String], endpointOverrides: [String: OAuthEndpoints], logger: Logger) {
        guard let oauth = settings.oauth else { return nil }
        self.providers = OAuthProvider.resolve(
            oauth, routePrefix: settings.routePrefix, environment: environment, endpointOverrides: endpointOverrides,
            logger: logger)
        self.redirectAllowlist = Set(oauth.redirectAllowlist)
        self.stateSeconds = oauth.stateSeconds
    }
}
