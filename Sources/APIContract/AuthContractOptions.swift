import ValueFormats

/// The facts of an app's `auth` section that decide which auth and platform routes exist and
/// what their bodies accept.
///
/// The generator builds it from the schema (`AuthConfig`) and the runtime from the generated
/// `AuthSettings`; a server test proves both build the same value for every app, so the routes
/// the server registers and those the document describes are selected by the same inputs.
public struct AuthContractOptions: Sendable, Hashable {
    /// `auth.apiKeys`: the key routes, project keys and the project key on sign-up and login.
    public struct APIKeys: Sendable, Hashable {
        /// Environment names in declaration order (the values of `environment`).
        public var environments: [String]
        /// Longest rotation grace in seconds.
        public var maxRotationGraceSeconds: Int
        /// The scope that lets an API key manage its owner's keys (`auth.apiKeys.manageScope`);
        /// `nil`: only access tokens reach the key routes.
        public var manageScope: String?
        /// Page sizes of the key list (the app's `limits.defaultPageSize` and `limits.maxPageSize`).
        public var page: ContractPageSize
        /// The scopes a key may hold (every scope the app names, and their wildcards): the key
        /// bodies enumerate them; empty: any text.
        public var scopes: [String]

        /// Creates the key options.
        public init(
            environments: [String], maxRotationGraceSeconds: Int, manageScope: String? = nil,
            page: ContractPageSize = ContractPageSize(defaultLimit: 20, maximumLimit: 100), scopes: [String] = []
        ) {
            self.environments = environments
            self.maxRotationGraceSeconds = maxRotationGraceSeconds
            self.manageScope = manageScope
            self.page = page
            self.scopes = scopes
        }
    }

    /// `auth.oauth`: the OAuth start and callback routes.
    public struct OAuth: Sendable, Hashable {
        /// Provider names in declaration order (the values of `{provider}`).
        public var providers: [String]
        /// Client pages a finished sign-in may redirect to.
        public var redirectAllowlist: [String]
        /// How long a started sign-in stays usable.
        public var stateSeconds: Int

        /// Creates the OAuth options.
        public init(providers: [String], redirectAllowlist: [String], stateSeconds: Int) {
            self.providers = providers
            self.redirectAllowlist = redirectAllowlist
            self.stateSeconds = stateSeconds
        }
    }

    /// `auth.platformAdmins`: the platform family.
    public struct PlatformAdmins: Sendable, Hashable {
        /// Lifetime of impersonation tokens.
        public var impersonationSeconds: Int
        /// Where the platform routes are served (`basePath + platformAdmins.path`, and `routes`).
        public var layout: ContractLayout

        /// Creates the platform options.
        public init(impersonationSeconds: Int, layout: ContractLayout = ContractLayout(prefix: "")) {
            self.impersonationSeconds = impersonationSeconds
            self.layout = layout
        }
    }

    // MARK: Account administration (issue 21)
    /// `auth.accountAdmin`: the routes with which the app's own users holding a scope manage
    /// the app's accounts.
    public struct AccountAdmin: Sendable, Hashable {
        /// The scope an access token needs (`auth.accountAdmin.manageScope`).
        public var manageScope: String
        /// Page sizes of the account list (the app's `limits.defaultPageSize` and `limits.maxPageSize`).
        public var page: ContractPageSize
        /// The app's roles (`auth.roles`) in declaration order, as the runtime and database name them.
        public var roles: [String]

        /// Creates the account administration options.
        public init(manageScope: String, page: ContractPageSize, roles: [String]) {
            self.manageScope = manageScope
            self.page = page
            self.roles = roles
        }
    }

    /// Shortest accepted password.
    public var passwordMinLength: Int
    /// Failed logins before an email is locked.
    public var maxLoginFailures: Int
    /// How long the lock lasts.
    public var lockoutSeconds: Int
    /// Organization role names in declaration order (the app's, or the runtime's defaults).
    public var organizationRoles: [String]
    /// API keys, when the app issues them.
    public var apiKeys: APIKeys?
    /// OAuth sign-in, when the app declares providers.
    public var oauth: OAuth?
    /// Platform administration, when the app declares it.
    public var platformAdmins: PlatformAdmins?
    /// Where the auth routes are served (`basePath + auth.path`, and `auth.routes`) and how
    /// every auth and platform member is spelled (the app's `naming`).
    public var layout: ContractLayout
    /// Refresh tokens are JWTs (`auth.tokens.refreshTokenFormat: "jwt"`), longer than opaque ones.
    public var refreshTokensAreJWT: Bool
    /// The members token answers carry, in Loom's names and order (`auth.tokens.responseMembers`).
    public var tokenResponseMembers: [String]
    /// Sign-up answers 202 with no body whether or not the email is taken (`auth.signup.answer: "accepted"`).
    public var signupAnswersAccepted: Bool
    // MARK: Role spelling (issue 17)
    /// How role values are spelled on the wire (`auth.roleSpelling`).
    public var roleSpelling: RoleSpelling
    /// Cookie mode (`auth.cookies`): the `csrfToken` route hands the session's CSRF token out.
    public var cookieMode: Bool
    /// Account administration, when the app enables it (`auth.accountAdmin`).
    public var accountAdmin: AccountAdmin? = nil

    /// The organization roles as bodies accept and answers write them (`roleSpelling`).
    public var wireOrganizationRoles: [String] { organizationRoles.map(roleSpelling.wire) }

    /// Every member a token answer can carry, in order.
    public static let allTokenResponseMembers = [
        "token_type", "access_token", "expires_in", "refresh_token", "session_id", "session_expires_at", "user",
    ]

    /// Creates options.
    public init(
        passwordMinLength: Int, maxLoginFailures: Int, lockoutSeconds: Int, organizationRoles: [String],
        apiKeys: APIKeys?, oauth: OAuth?, platformAdmins: PlatformAdmins?, layout: ContractLayout = ContractLayout(prefix: ""),
        refreshTokensAreJWT: Bool = false, tokenResponseMembers: [String] = AuthContractOptions.allTokenResponseMembers,
        signupAnswersAccepted: Bool = false, roleSpelling: RoleSpelling = .snakeCase, cookieMode: Bool = false
    ) {
        self.cookieMode = cookieMode
        self.roleSpelling = roleSpelling
        self.signupAnswersAccepted = signupAnswersAccepted
        self.layout = layout
        self.refreshTokensAreJWT = refreshTokensAreJWT
        self.tokenResponseMembers = tokenResponseMembers
        self.passwordMinLength = passwordMinLength
        self.maxLoginFailures = maxLoginFailures
        self.lockoutSeconds = lockoutSeconds
        self.organizationRoles = organizationRoles
        self.apiKeys = apiKeys
        self.oauth = oauth
        self.platformAdmins = platformAdmins
    }

    /// How every password member describes the password rules.
    var passwordRules: String {
        "The password: at least \(passwordMinLength) characters and at most 72 bytes (bcrypt's limit)."
    }
}
