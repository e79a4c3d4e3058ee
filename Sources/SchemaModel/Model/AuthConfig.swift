import ValueFormats

/// The `auth` section of `app.json`: accounts, tokens, passwords, roles and API keys of an app
/// served with the `Auth` module. Absent: the app has no auth routes and every route is public.
public struct AuthConfig: Codable, Sendable, Hashable {
    /// Where the auth routes live under the app's `basePath` (`/auth` → `/v1/auth/login`).
    public var path: String
    /// Access and refresh token settings.
    public var tokens: AuthTokensConfig
    /// Password rules and login throttling.
    public var passwords: AuthPasswordsConfig
    /// Role name → scopes, in declaration order.
    public var roles: [AuthRoleConfig]
    /// The role a new account gets at sign-up.
    public var defaultRole: String
    /// The role whose scopes every end user of a project holds (accounts signed up with a
    /// project's key); `nil`: end users hold no scope. Never an organization role: end users
    /// are not members and never reach organization-wide rows.
    public var endUserRole: String? = nil
    /// API keys; `nil` when the app issues none.
    public var apiKeys: AuthAPIKeysConfig?
    /// Tokens also in httpOnly cookies with CSRF protection; `nil`: bearer tokens only.
    public var cookies: AuthCookiesConfig?
    /// Roles inside an organization → scopes, in declaration order; `nil`: the defaults
    /// (`owner`, `admin` with every scope, `member` with the default role's scopes).
    public var organizationRoles: [AuthRoleConfig]?
    /// OAuth sign-in providers; `nil`: none.
    public var oauth: AuthOAuthConfig? = nil
    /// The mail sender; `nil`: chosen by the server's environment (log, or files in `$LOOM_MAIL_DIRECTORY`).
    public var mail: AuthMailConfig? = nil
    /// Platform admin accounts and routes; `nil` when the app has none.
    public var platformAdmins: AuthPlatformAdminsConfig?
    /// `routes`: auth operation (`signup`, `login`, `listSessions`, ...) → where it is served.
    public var routes: [String: RouteOverrideSchema] = [:]
    /// `signup`: what a sign-up answers.
    public var signup: AuthSignupConfig = .init()
    /// `ids`: the prefix of each auth resource (`user`, `organization`, ...) whose ids are written
    /// as a prefix and 22 base-62 digits (`usr_4Hc...`); the others are UUIDs.
    public var ids: [String: String] = [:]
    // MARK: Role spelling (issue 17)
    /// `roleSpelling`: how role values (`auth.roles`, `auth.organizationRoles`) are written and
    /// read on the wire: as declared (`snake_case`, the default) or `UPPER_SNAKE_CASE` (`OWNER`).
    public var roleSpelling: RoleSpelling = .snakeCase

    // MARK: b2b (issue 16): scopes that grant others
    /// `impliedScopes`: a scope → the scopes a credential holding it holds too, in declaration
    /// order (b2b: `admin` → `*`, the document's "full access including key management").
    public var impliedScopes: [AuthRoleConfig] = []

    // MARK: Account administration (issue 21)
    /// `accountAdmin`: the app's own users holding a scope list, read, re-role, ban and unban the
    /// app's accounts; `nil` (the default): roles change only with `loom-server set-role`.
    public var accountAdmin: AuthAccountAdminConfig? = nil

    /// Creates an auth section; the defaults are the platform conventions.
    public init(
        path: String = "/auth", tokens: AuthTokensConfig, passwords: AuthPasswordsConfig = .init(),
        roles: [AuthRoleConfig], defaultRole: String, apiKeys: AuthAPIKeysConfig? = nil, cookies: AuthCookiesConfig? = nil,
        organizationRoles: [AuthRoleConfig]? = nil, platformAdmins: AuthPlatformAdminsConfig? = nil
    ) {
        self.platformAdmins = platformAdmins
        self.cookies = cookies
        self.organizationRoles = organizationRoles
        self.path = path
        self.tokens = tokens
        self.passwords = passwords
        self.roles = roles
        self.defaultRole = defaultRole
        self.apiKeys = apiKeys
    }
}

/// `auth.tokens`: JWT access tokens and opaque refresh tokens.
public struct AuthTokensConfig: Codable, Sendable, Hashable {
    /// The JWT `iss` every access token carries and every verification requires.
    public var issuer: String
    /// The JWT `aud` every access token carries and every verification requires.
    public var audience: String
    /// Name of the environment variable holding the signing secret (never the secret itself).
    public var secretVariable: String
    /// Lifetime of an access token.
    public var accessTokenSeconds: Int
    /// Lifetime of a session (its refresh tokens), renewed by `PATCH /sessions/{id}`.
    public var refreshTokenSeconds: Int
    /// The longest a session may last when a client sets its end (`POST /sessions`,
    /// `PATCH /sessions/{id}`); `nil`: `refreshTokenSeconds`. When set, each refresh token
    /// also expires `refreshTokenSeconds` after it was issued.
    public var maxSessionSeconds: Int? = nil
    /// How refresh tokens are written: opaque strings, or JWTs signed like access tokens.
    public var refreshTokenFormat: RefreshTokenFormat = .opaque
    /// The members token answers carry, in Loom's order (`nil`: every member).
    public var responseMembers: [TokenResponseMember]? = nil

    /// Creates token settings.
    public init(
        issuer: String, audience: String, secretVariable: String, accessTokenSeconds: Int = 900,
        refreshTokenSeconds: Int = 2_592_000
    ) {
        self.issuer = issuer
        self.audience = audience
        self.secretVariable = secretVariable
        self.accessTokenSeconds = accessTokenSeconds
        self.refreshTokenSeconds = refreshTokenSeconds
    }
}

/// How refresh tokens look on the wire (`auth.tokens.refreshTokenFormat`).
public enum RefreshTokenFormat: String, Codable, Sendable, CaseIterable, Hashable {
    /// A random opaque token (the default).
    case opaque
    /// A JWT (`typ: rt+jwt`) carrying the opaque token, for APIs whose clients expect one.
    case jwt
}

/// A member of the answers that hand out tokens (sign-up, login, refresh, ...), in Loom's
/// `snake_case` vocabulary (`auth.tokens.responseMembers`).
public enum TokenResponseMember: String, Codable, Sendable, CaseIterable, Hashable {
    case tokenType = "token_type"
    case accessToken = "access_token"
    /// The access token again, under the name Better Auth's clients read (`{"token", "user"}`);
    /// never part of the default answer.
    case token
    case expiresIn = "expires_in"
    case refreshToken = "refresh_token"
    case sessionId = "session_id"
    case sessionExpiresAt = "session_expires_at"
    case user
    /// Always `true`, for clients that check a flag (stationthis's `{"success", "message"}`);
    /// never part of the default answer.
    case success
    /// A sentence saying what happened; never part of the default answer.
    case message
}


/// `auth.passwords`: password rules, hashing cost and login throttling.
public struct AuthPasswordsConfig: Codable, Sendable, Hashable {
    /// Shortest accepted password, in characters.
    public var minLength: Int
    /// bcrypt cost (log2 of the rounds), 4 to 31.
    public var hashCost: Int
    /// Consecutive failed logins for one email before it is locked.
    public var maxFailures: Int
    /// How long a locked email stays locked.
    public var lockoutSeconds: Int

    /// Creates password settings.
    public init(minLength: Int = 8, hashCost: Int = 12, maxFailures: Int = 5, lockoutSeconds: Int = 900) {
        self.minLength = minLength
        self.hashCost = hashCost
        self.maxFailures = maxFailures
        self.lockoutSeconds = lockoutSeconds
    }
}

/// One entry of `auth.roles`.
public struct AuthRoleConfig: Codable, Sendable, Hashable {
    /// Role name (`snake_case`).
    public var name: String
    /// Scopes the role grants: `*`, `<table>:read|write|delete|*`, or app-declared words.
    public var scopes: [String]

    /// Creates a role.
    public init(name: String, scopes: [String]) {
        self.name = name
        self.scopes = scopes
    }
}

/// `auth.accountAdmin`: account administration by the app's own users.
public struct AuthAccountAdminConfig: Codable, Sendable, Hashable {
    /// The scope an access token needs to reach the account administration routes.
    public var manageScope: String

    /// Creates the section.
    public init(manageScope: String) {
        self.manageScope = manageScope
    }
}

/// `auth.apiKeys`: per-environment key prefixes and rotation.
public struct AuthAPIKeysConfig: Codable, Sendable, Hashable {
    /// Environment → key prefix, in declaration order.
    public var prefixes: [AuthKeyPrefixConfig]
    /// Whether keys are also accepted as `Authorization: Bearer <key>`.
    public var acceptBearer: Bool
    /// Longest grace a rotation may leave the old key alive.
    public var maxRotationGraceSeconds: Int
    /// The scope that lets an API key list, create, read, change, revoke and rotate its owner's
    /// keys; `nil` (the default): only access tokens manage keys.
    public var manageScope: String?

    /// Creates API key settings.
    public init(
        prefixes: [AuthKeyPrefixConfig], acceptBearer: Bool = false, maxRotationGraceSeconds: Int = 604_800, manageScope: String? = nil
    ) {
        self.prefixes = prefixes
        self.acceptBearer = acceptBearer
        self.maxRotationGraceSeconds = maxRotationGraceSeconds
        self.manageScope = manageScope
    }
}

/// One entry of `auth.apiKeys.prefixes`.
public struct AuthKeyPrefixConfig: Codable, Sendable, Hashable {
    /// Environment name (`live`, `test`, `prod`, `dev`).
    public var environment: String
    /// Prefix of the keys of that environment (`sk_live_`).
    public var prefix: String

    /// Creates a prefix entry.
    public init(environment: String, prefix: String) {
        self.environment = environment
        self.prefix = prefix
    }
}

/// `auth.cookies`: browsers get their tokens in httpOnly cookies, and unsafe requests
/// authenticated by cookie must echo the CSRF cookie in `X-CSRF-Token`.
public struct AuthCookiesConfig: Codable, Sendable, Hashable {
    /// The cookies' `SameSite` attribute.
    public var sameSite: CookieSameSite
    /// Whether the cookies are `Secure` (sent over HTTPS only); turn off only for local HTTP development.
    public var secure: Bool
    /// The access token cookie's name (stationthis: `jwt`).
    public var accessName: String

    /// The access token cookie's name unless `accessName` says another.
    public static let defaultAccessName = "loom_access"

    /// Creates cookie settings.
    public init(sameSite: CookieSameSite = .strict, secure: Bool = true, accessName: String = Self.defaultAccessName) {
        self.sameSite = sameSite
        self.secure = secure
        self.accessName = accessName
    }
}

/// `auth.signup`: what a sign-up answers.
public struct AuthSignupConfig: Codable, Sendable, Hashable {
    /// `tokens` (201 with the new session's tokens; 409 when the email is taken) or `accepted`
    /// (202 with no body whether or not the email is taken, so sign-up reveals no account; the
    /// address gets a verification token, or a notice when it already has an account).
    public var answer: SignupAnswer

    /// Creates sign-up settings.
    public init(answer: SignupAnswer = .tokens) {
        self.answer = answer
    }
}

/// What a sign-up answers (`auth.signup.answer`).
public enum SignupAnswer: String, Codable, Sendable, CaseIterable, Hashable {
    case tokens, accepted
}

/// `SameSite` values Loom accepts (`None` would send the cookies cross-site).
public enum CookieSameSite: String, Codable, Sendable, CaseIterable, Hashable {
    case strict, lax
}
