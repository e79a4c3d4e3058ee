extension AuthSettings {
    /// `auth.oauth`: sign-in through OAuth 2.0 providers (authorization code with PKCE).
    public struct OAuthSettings: Sendable {
        /// The origin clients reach the server at (`https://api.example.com`); the callback URL
        /// registered with each provider is this plus the auth prefix plus `/oauth/<name>/callback`.
        public let publicURL: String
        /// Client pages a finished sign-in may redirect to (exact URLs); anything else is refused,
        /// so the flow is never an open redirect.
        public let redirectAllowlist: [String]
        /// How long a started sign-in (its `state`) stays usable.
        public let stateSeconds: Int
        /// The providers, in declaration order.
        public let providers: [OAuthProviderSettings]

        /// Creates OAuth settings.
        public init(publicURL: String, redirectAllowlist: [String], stateSeconds: Int, providers: [OAuthProviderSettings]) {
            self.publicURL = publicURL
            self.redirectAllowlist = redirectAllowlist
            self.stateSeconds = stateSeconds
            self.providers = providers
        }
    }

    /// One provider of `auth.oauth.providers`. `github` and `google` have built-in endpoints and
    /// user-info mappings; any other name declares its own. A `nil` here keeps the built-in value.
    public struct OAuthProviderSettings: Sendable {
        /// Provider name, the `{provider}` of the routes.
        public let name: String
        /// Environment variable holding the client id (never the id itself).
        public let clientIDVariable: String
        /// Environment variable holding the client secret (never the secret itself).
        public let clientSecretVariable: String
        /// Authorization endpoint.
        public let authorizeURL: String?
        /// Token endpoint.
        public let tokenURL: String?
        /// User-info endpoint (JSON object).
        public let userInfoURL: String?
        /// Optional endpoint listing the user's addresses as `[{email, primary, verified}]` (GitHub's `/user/emails`).
        public let emailsURL: String?
        /// Requested scopes.
        public let scopes: [String]?
        /// Dotted path of the user id in the user info (`sub`, `id`).
        public let userIDField: String?
        /// Dotted path of the email address in the user info.
        public let emailField: String?
        /// Dotted path of the boolean saying the email is verified; without one an address is never trusted.
        public let emailVerifiedField: String?
        /// Dotted path of the display name.
        public let nameField: String?

        /// Creates a provider entry.
        public init(
            name: String, clientIDVariable: String, clientSecretVariable: String, authorizeURL: String? = nil,
            tokenURL: String? = nil, userInfoURL: String? = nil, emailsURL: String? = nil, scopes: [String]? = nil,
            userIDField: String? = nil, emailField: String? = nil, emailVerifiedField: String? = nil, nameField: String? = nil
        ) {
            self.name = name
            self.clientIDVariable = clientIDVariable
            self.clientSecretVariable = clientSecretVariable
            self.authorizeURL = authorizeURL
            self.tokenURL = tokenURL
            self.userInfoURL = userInfoURL
            self.emailsURL = emailsURL
            self.scopes = scopes
            self.userIDField = userIDField
            self.emailField = emailField
            self.emailVerifiedField = emailVerifiedField
            self.nameField = nameField
        }
    }

    /// `auth.mail`: where password-reset, verification and invitation mail goes.
    public struct MailSettings: Sendable {
        /// The kinds of sender.
        public enum Sender: String, Sendable {
            /// Written to the server log (development).
            case log
            /// Written as files into `directory` (development, tools).
            case file
            /// Sent through an SMTP server.
            case smtp
        }
        /// Which sender.
        public let sender: Sender
        /// The `From` address.
        public let from: String
        /// Directory of the file sender.
        public let directory: String?
        /// The SMTP server, for `smtp`.
        public let smtp: SMTPSettings?

        /// Creates mail settings.
        public init(sender: Sender, from: String, directory: String? = nil, smtp: SMTPSettings? = nil) {
            self.sender = sender
            self.from = from
            self.directory = directory
            self.smtp = smtp
        }
    }

    /// `auth.mail.smtp`.
    public struct SMTPSettings: Sendable {
        /// How the connection is secured.
        public enum Security: String, Sendable {
            /// Plain connection upgraded with `STARTTLS` (port 587); refused when the server does not offer it.
            case starttls
            /// TLS from the first byte (port 465).
            case tls
            /// No encryption (a local relay); credentials are then never sent.
            case none
        }
        /// Server host name.
        public let host: String
        /// Server port.
        public let port: Int
        /// Connection security.
        public let security: Security
        /// Environment variable holding the user name; `nil`: no `AUTH`.
        public let usernameVariable: String?
        /// Environment variable holding the password.
        public let passwordVariable: String?
        /// Limit for connecting and for each reply.
        public let timeoutSeconds: Int

        /// Creates SMTP settings.
        public init(
            host: String, port: Int, security: Security, usernameVariable: String? = nil, passwordVariable: String? = nil,
            timeoutSeconds: Int = 30
        ) {
            self.host = host
            self.port = port
            self.security = security
            self.usernameVariable = usernameVariable
            self.passwordVariable = passwordVariable
            self.timeoutSeconds = timeoutSeconds
        }
    }
}
