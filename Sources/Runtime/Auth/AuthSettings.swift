import APIContract
import ValueFormats

/// An app's `auth` section as the `Auth` module uses it, generated from `app.json`.
///
/// It lives in `Runtime` so that `Generated` can describe its auth model without importing
/// `Auth`; the server hands it to the `Auth` module at start-up.
public struct AuthSettings: Sendable {
    /// Full path prefix of the auth routes: the app's base path plus `auth.path` (`/v1/auth`).
    public let routePrefix: String
    /// JWT `iss`.
    public let issuer: String
    /// JWT `aud`.
    public let audience: String
    /// Environment variable holding the signing secret.
    public let secretVariable: String
    /// Lifetime of access tokens.
    public let accessTokenSeconds: Int
    /// Lifetime of sessions and their refresh tokens.
    public let refreshTokenSeconds: Int
    /// The longest a session may last when a client sets its end (`auth.tokens.maxSessionSeconds`);
    /// `nil`: `refreshTokenSeconds`, and refresh tokens then live as long as their session.
    public let maxSessionSeconds: Int?
    /// Password rules and throttling.
    public let passwords: PasswordSettings
    /// Roles in declaration order.
    public let roles: [Role]
    /// Role given at sign-up.
    public let defaultRole: String
    /// The role whose scopes end users of a project hold (`auth.endUserRole`); `nil`: none.
    public let endUserRole: String?
    /// API keys, when the app issues them.
    public let apiKeys: APIKeySettings?
    /// Cookie mode, when the app enables it.
    public let cookies: CookieSettings?
    /// Roles inside an organization (`auth.organizationRoles`) in declaration order; scopes of an
    /// organization-bound credential come from here. Always has `owner`.
    public let organizationRoles: [Role]
    /// OAuth sign-in providers (`auth.oauth`); `nil` when the app declares none.
    public let oauth: OAuthSettings?
    /// Which mail sender the server builds (`auth.mail`); `nil`: chosen by the server's environment.
    public let mail: MailSettings?
    /// Platform admin routes, when the app declares them.
    public let platformAdmins: PlatformAdminSettings?
    /// How every auth and platform body member and answer member is spelled (the app's `naming`).
    public let naming: JSONNaming
    /// Where auth operations are served instead of `routePrefix` + their path (`auth.routes`).
    public let routes: [String: ContractRouteOverride]
    /// The header API keys are sent in (`headers.apiKey`).
    public let apiKeyHeader: String
    /// Refresh tokens are JWTs (`auth.tokens.refreshTokenFormat: "jwt"`).
    public let refreshTokensAreJWT: Bool
    /// The members token answers carry, in Loom's names (`auth.tokens.responseMembers`).
    public let tokenResponseMembers: [String]
    /// Sign-up answers 202 with no body whether or not the email has an account
    /// (`auth.signup.answer: "accepted"`), so it reveals no address.
    public let signupAnswersAccepted: Bool

    /// Creates settings.
    /// How the ids of auth resources are written (`auth.ids`): UUIDs, or prefixed ids.
    public let ids: ResourceIDs
    // MARK: Role spelling (issue 17)
    /// How role values are written and read on the wire (`auth.roleSpelling`); the runtime keeps
    /// the declared names.
    public let roleSpelling: RoleSpelling

    public init(
        routePrefix: String, issuer: String, audience: String, secretVariable: String, accessTokenSeconds: Int,
        refreshTokenSeconds: Int, maxSessionSeconds: Int? = nil, passwords: PasswordSettings, roles: [Role], defaultRole: String,
        apiKeys: APIKeySettings?, endUserRole: String? = nil, cookies: CookieSettings? = nil, organizationRoles: [Role]? = nil,
        oauth: OAuthSettings? = nil, mail: MailSettings? = nil, platformAdmins: PlatformAdminSettings? = nil,
        naming: JSONNaming = .snakeCase, routes: [String: ContractRouteOverride] = [:], apiKeyHeader: String = "X-API-Key",
        refreshTokensAreJWT: Bool = false, tokenResponseMembers: [String] = AuthContractOptions.allTokenResponseMembers,
        signupAnswersAccepted: Bool = false, ids: ResourceIDs = ResourceIDs(), roleSpelling: RoleSpelling = .snakeCase,
        impliedScopes: [String: Set<String>] = [:], accountAdmin: AccountAdminSettings? = nil
    ) {
        self.accountAdmin = accountAdmin
        self.roleSpelling = roleSpelling
        self.impliedScopes = impliedScopes
        self.signupAnswersAccepted = signupAnswersAccepted
        self.ids = ids
        self.naming = naming
        self.routes = routes
        self.apiKeyHeader = apiKeyHeader
        self.refreshTokensAreJWT = refreshTokensAreJWT
        self.tokenResponseMembers = tokenResponseMembers
        self.platformAdmins = platformAdmins
        self.cookies = cookies
        self.oauth = oauth
        self.mail = mail
        self.organizationRoles = organizationRoles ?? Self.defaultOrganizationRoles(
            memberScopes: roles.first { $0.name == defaultRole }?.scopes ?? [])
        self.routePrefix = routePrefix
        self.issuer = issuer
        self.audience = audience
        self.secretVariable = secretVariable
        self.accessTokenSeconds = accessTokenSeconds
        self.refreshTokenSeconds = refreshTokenSeconds
        self.maxSessionSeconds = maxSessionSeconds
        self.passwords = passwords
        self.roles = roles
        self.defaultRole = defaultRole
        self.apiKeys = apiKeys
        self.endUserRole = endUserRole
    }

    // MARK: Account administration (issue 21)
    /// `auth.accountAdmin`: the routes with which the app's own users holding a scope manage its
    /// accounts; `nil`: roles change only with `loom-server set-role`.
    public let accountAdmin: AccountAdminSettings?

    /// `auth.accountAdmin`.
    public struct AccountAdminSettings: Sendable {
        /// The scope an access token needs to reach the routes.
        public let manageScope: String
        /// Page sizes of the account list: the app's `limits.defaultPageSize` and `limits.maxPageSize`.
        public let pageLimits: PageLimits
        /// Creates the settings.
        public init(manageScope: String, pageLimits: PageLimits) {
            self.manageScope = manageScope
            self.pageLimits = pageLimits
        }
    }

    // MARK: b2b (issue 16): scopes that grant others
    /// A scope → the scopes a credential holding it holds too (`auth.impliedScopes`; b2b's
    /// `admin` → `*`). One level: what an implied scope implies is not added again.
    public let impliedScopes: [String: Set<String>]

    /// `scopes` with every scope they imply (`impliedScopes`); the set itself when none applies.
    public func expanding(_ scopes: Set<String>) -> Set<String> {
        guard !impliedScopes.isEmpty else { return scopes }
        return scopes.reduce(into: scopes) { all, scope in all.formUnion(impliedScopes[scope] ?? []) }
    }

    /// What every end user of a project may do: the scopes of `endUserRole`, none without one.
    /// Never an organization role's and never the account's stored role, so no change of an
    /// end user's row can widen it.
    public var endUserScopes: Set<String> { endUserRole.map(scopes(ofRole:)) ?? [] }

    /// The scopes of `role` (empty for an unknown role, which then can do nothing).
    public func scopes(ofRole role: String) -> Set<String> {
        roles.first { $0.name == role }?.scopes ?? []
    }

    /// The organization roles of an app that declares none: every role holds the scopes of the
    /// app's default role, and `owner` and `admin` also manage the organization
    /// (`organization:*`). Founding an organization at sign-up must not give more than signing
    /// up does: an app that wants owners to hold more declares `auth.organizationRoles`.
    public static func defaultOrganizationRoles(memberScopes: Set<String>) -> [Role] {
        let managing = memberScopes.union(["organization:*"])
        return [Role(name: "owner", scopes: managing), Role(name: "admin", scopes: managing), Role(name: "member", scopes: memberScopes)]
    }

    /// `auth.passwords`.
    public struct PasswordSettings: Sendable {
        /// Shortest accepted password in characters.
        public let minLength: Int
        /// bcrypt cost.
        public let hashCost: Int
        /// Consecutive failures before an email is locked.
        public let maxFailures: Int
        /// Lock duration.
        public let lockoutSeconds: Int
        /// Creates password settings.
        public init(minLength: Int, hashCost: Int, maxFailures: Int, lockoutSeconds: Int) {
            self.minLength = minLength
            self.hashCost = hashCost
            self.maxFailures = maxFailures
            self.lockoutSeconds = lockoutSeconds
        }
    }

    /// One role and the scopes it grants.
    public struct Role: Sendable {
        /// Role name.
        public let name: String
        /// Granted scopes.
        public let scopes: Set<String>
        /// Creates a role.
        public init(name: String, scopes: Set<String>) {
            self.name = name
            self.scopes = scopes
        }
    }

    /// `auth.cookies`.
    public struct CookieSettings: Sendable {
        /// `strict` or `lax`.
        public let sameSite: String
        /// Whether the cookies are `Secure`.
        public let secure: Bool
        /// The access token cookie's name (`loom_access` unless `auth.cookies.accessName` says another).
        public let accessName: String
        /// Creates cookie settings.
        public init(sameSite: String, secure: Bool, accessName: String = "loom_access") {
            self.sameSite = sameSite
            self.secure = secure
            self.accessName = accessName
        }
    }

    /// `auth.apiKeys`.
    public struct APIKeySettings: Sendable {
        /// Environment → prefix, in declaration order.
        public let prefixes: [Prefix]
        /// Whether `Authorization: Bearer <key>` is accepted too.
        public let acceptBearer: Bool
        /// Longest rotation grace.
        public let maxRotationGraceSeconds: Int
        /// The scope with which an API key may manage its owner's keys (`auth.apiKeys.manageScope`);
        /// `nil`: keys cannot reach the key routes.
        public let manageScope: String?
        /// Page sizes of the key list: the app's `limits.defaultPageSize` and `limits.maxPageSize`,
        /// as its table lists take them.
        public let pageLimits: PageLimits
        /// Every scope a key may hold, as the generator found them in the app (roles, implied
        /// scopes, required scopes of its routes, and their wildcards); empty: not checked.
        public let scopes: [String]
        /// Creates key settings.
        public init(
            prefixes: [Prefix], acceptBearer: Bool, maxRotationGraceSeconds: Int, manageScope: String? = nil,
            pageLimits: PageLimits = PageLimits(defaultSize: 20, maximumSize: 100), scopes: [String] = []
        ) {
            self.scopes = scopes
            self.prefixes = prefixes
            self.acceptBearer = acceptBearer
            self.maxRotationGraceSeconds = maxRotationGraceSeconds
            self.manageScope = manageScope
            self.pageLimits = pageLimits
        }

        /// One environment's key prefix.
        public struct Prefix: Sendable {
            /// Environment name.
            public let environment: String
            /// Key prefix.
            public let prefix: String
            /// Creates an entry.
            public init(environment: String, prefix: String) {
                self.environment = environment
                self.prefix = prefix
            }
        }
    }
}
