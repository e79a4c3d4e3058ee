import APIContract

/// `auth.platformAdmins` as the `Auth` module uses it: where the platform admin routes live and
/// how long their credentials last.
public struct PlatformAdminSettings: Sendable {
    /// Full path prefix of the platform routes: the app's base path plus the path (`/v1/platform`).
    public let routePrefix: String
    /// Lifetime of a platform admin's access token.
    public let accessTokenSeconds: Int
    /// Lifetime of a platform admin's session and its refresh tokens.
    public let refreshTokenSeconds: Int
    /// Lifetime of an impersonation token.
    public let impersonationSeconds: Int
    /// Where platform operations are served instead of `routePrefix` + their path (`auth.platformAdmins.routes`).
    public let routes: [String: ContractRouteOverride]

    /// Creates settings.
    public init(
        routePrefix: String, accessTokenSeconds: Int, refreshTokenSeconds: Int, impersonationSeconds: Int,
        routes: [String: ContractRouteOverride] = [:]
    ) {
        self.routes = routes
        self.routePrefix = routePrefix
        self.accessTokenSeconds = accessTokenSeconds
        self.refreshTokenSeconds = refreshTokenSeconds
        self.impersonationSeconds = impersonationSeconds
    }
}
