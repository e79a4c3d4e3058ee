/// `auth.oauth`: sign-in through OAuth 2.0 providers (authorization code with PKCE and `state`).
public struct AuthOAuthConfig: Codable, Sendable, Hashable {
    /// The origin clients reach the server at; callback URLs are built from it.
    public var publicURL: String
    /// Client pages a finished sign-in may redirect to (exact URLs).
    public var redirectAllowlist: [String]
    /// How long a started sign-in stays usable.
    public var stateSeconds: Int
    /// Providers in declaration order.
    public var providers: [AuthOAuthProviderConfig]

    /// Creates OAuth settings.
    public init(publicURL: String, redirectAllowlist: [String] = [], stateSeconds: Int = 600, providers: [AuthOAuthProviderConfig]) {
        self.publicURL = publicURL
        self.redirectAllowlist = redirectAllowlist
        self.stateSeconds = stateSeconds
        self.providers = providers
    }
}

/// One entry of `auth.oauth.providers`. `github` and `google` have built-in endpoints, scopes
/// and user-info fields; any other provider declares its endpoints.
public struct AuthOAuthProviderConfig: Codable, Sendable, Hashable {
    /// Provider name (`snake_case`), the `{provider}` of the routes.
    public var name: String
    /// Environment variable holding the client id.
    public var clientIdVariable: String
    /// Environment variable holding the client secret.
    public var clientSecretVariable: String
    /// Authorization endpoint.
    public var authorizeURL: String?
    /// Token endpoint.
    public var tokenURL: String?
    /// User-info endpoint.
    public var userInfoURL: String?
    /// GitHub-style endpoint listing the user's addresses with their `verified` flags.
    public var emailsURL: String?
    /// Requested scopes.
    public var scopes: [String]?
    /// Dotted path of the user id in the user info.
    public var userIdField: String?
    /// Dotted path of the email address.
    public var emailField: String?
    /// Dotted path of the "email is verified" boolean.
    public var emailVerifiedField: String?
    /// Dotted path of the display name.
    public var nameField: String?

    /// Creates a provider entry.
    public init(
        name: String, clientIdVariable: String, clientSecretVariable: String, authorizeURL: String? = nil, tokenURL: String? = nil,
        userInfoURL: String? = nil, emailsURL: String? = nil, scopes: [String]? = nil, userIdField: String? = nil,
        emailField: String? = nil, emailVerifiedField: String? = nil, nameField: String? = nil
    ) {
        self.name = name
        self.clientIdVariable = clientIdVariable
        self.clientSecretVariable = clientSecretVariable
        self.authorizeURL = authorizeURL
        self.tokenURL = tokenURL
        self.userInfoURL = userInfoURL
        self.emailsURL = emailsURL
        self.scopes = scopes
        self.userIdField = userIdField
        self.emailField = emailField
        self.emailVerifiedField = emailVerifiedField
        self.nameField = nameField
    }

    /// Provider names with built-in endpoints.
    public static let presets: Set<String> = ["github", "google"]
}

/// `auth.mail`: which sender delivers password-reset, verification and invitation mail.
public struct AuthMailConfig: Codable, Sendable, Hashable {
    /// The sender.
    public var sender: MailSenderKind
    /// The `From` address.
    public var from: String
    /// Directory of the `file` sender.
    public var directory: String?
    /// The SMTP server of the `smtp` sender.
    public var smtp: AuthSMTPConfig?

    /// Creates mail settings.
    public init(sender: MailSenderKind, from: String, directory: String? = nil, smtp: AuthSMTPConfig? = nil) {
        self.sender = sender
        self.from = from
        self.directory = directory
        self.smtp = smtp
    }
}

/// Mail senders Loom has.
public enum MailSenderKind: String, Codable, Sendable, CaseIterable, Hashable {
    case smtp, log, file
}

/// `auth.mail.smtp`.
public struct AuthSMTPConfig: Codable, Sendable, Hashable {
    /// Server host.
    public var host: String
    /// Server port.
    public var port: Int
    /// Connection security.
    public var security: SMTPSecurity
    /// Environment variable holding the user name.
    public var usernameVariable: String?
    /// Environment variable holding the password.
    public var passwordVariable: String?
    /// Limit for the whole conversation with the server.
    public var timeoutSeconds: Int

    /// Creates SMTP settings.
    public init(
        host: String, port: Int = 587, security: SMTPSecurity = .starttls, usernameVariable: String? = nil,
        passwordVariable: String? = nil, timeoutSeconds: Int = 30
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.usernameVariable = usernameVariable
        self.passwordVariable = passwordVariable
        self.timeoutSeconds = timeoutSeconds
    }
}

/// How an SMTP connection is secured.
public enum SMTPSecurity: String, Codable, Sendable, CaseIterable, Hashable {
    case starttls, tls, none
}
