/// `auth.platformAdmins`: the platform operators' own accounts and routes (login, the admin
/// console, bans, impersonation), separate from the app's users. Absent: the app has no
/// platform admin routes.
public struct AuthPlatformAdminsConfig: Codable, Sendable, Hashable {
    /// Where the routes live under the app's `basePath` (`/platform` → `/v1/platform/auth/login`).
    public var path: String
    /// Lifetime of a platform admin's access token.
    public var accessTokenSeconds: Int
    /// Lifetime of a platform admin's session (its refresh tokens).
    public var refreshTokenSeconds: Int
    /// Lifetime of an impersonation token (never refreshed).
    public var impersonationSeconds: Int
    /// `routes`: platform operation (`login`, `listOrganizations`, ...) → where it is served.
    public var routes: [String: RouteOverrideSchema] = [:]

    /// Creates the settings; the defaults are the platform conventions.
    public init(path: String = "/platform", accessTokenSeconds: Int = 900, refreshTokenSeconds: Int = 43_200, impersonationSeconds: Int = 900) {
        self.path = path
        self.accessTokenSeconds = accessTokenSeconds
        self.refreshTokenSeconds = refreshTokenSeconds
        self.impersonationSeconds = impersonationSeconds
    }
}
