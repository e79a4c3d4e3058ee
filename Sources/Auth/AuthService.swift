import APIContract
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Runtime

/// The `Auth` module mounted on one app: accounts, sessions, access and refresh tokens, API
/// keys. It authenticates every request (`RequestAuthenticator`) and serves its routes under
/// `AuthSettings.routePrefix`.
///
/// All state lives in the app's database (several instances share it); what is kept here is
/// derived from configuration at start-up.
public final class AuthService: AuthenticationService {
    /// The app's `auth` section.
    let settings: AuthSettings
    /// The app's database, which also holds the `auth_` tables.
    let database: any DatabaseClient
    /// Statement rendering for the database's dialect.
    let sql: AuthSQL
    /// Password rules and bcrypt.
    let passwords: PasswordHasher
    /// Access token signing and verification.
    let tokens: AccessTokens
    /// API key text format; `nil` when the app issues no keys.
    let keyFormat: APIKeyFormat?
    /// Login throttling.
    let throttle: LoginThrottle
    /// Current time, truncated to milliseconds (injectable for tests).
    let clock: @Sendable () -> Date
    /// Scopes by role name.
    let roleScopes: [String: Set<String>]
    /// Organization roles and their abilities.
    let organizationRoles: OrganizationRoles
    /// Where password reset and verification mail goes.
    let mail: any MailSender
    /// Cookie mode; `nil` when the app does not enable it.
    let cookies: SessionCookies?
    /// OAuth sign-in; `nil` when the app has no `auth.oauth` section.
    let oauth: OAuthSignIn?
    /// Platform administration; `nil` when the app does not declare `auth.platformAdmins`.
    let platform: PlatformAdmins?
    /// The header API keys are sent in (`headers.apiKey`).
    let apiKeyHeader: HTTPField.Name
    /// The app's auth routes, laid out (their paths, their members' names).
    let contract: AuthContract

    private init(
        settings: AuthSettings, database: any DatabaseClient, passwords: PasswordHasher, tokens: AccessTokens, secret: [UInt8],
        clock: @escaping @Sendable () -> Date, mail: any MailSender, oauth: OAuthSignIn? = nil, platform: PlatformAdmins?
    ) {
        self.platform = platform
        self.apiKeyHeader = HTTPField.Name(settings.apiKeyHeader) ?? HTTPField.Name("X-API-Key")!
        let contract = AuthContract(options: AuthContractOptions(settings: settings))
        self.contract = contract
        self.mail = mail
        self.oauth = oauth
        self.cookies = SessionCookies(
            settings: settings, readers: contract.routes.filter { $0.operation == .refresh || $0.operation == .logout }.flatMap(\.allPaths),
            secret: secret)
        self.settings = settings
        self.database = database
        self.sql = AuthSQL(dialect: database.dialect)
        self.passwords = passwords
        self.tokens = tokens
        self.keyFormat = settings.apiKeys.map { APIKeyFormat(prefixes: $0.prefixes) }
        self.clock = clock
        self.throttle = LoginThrottle(
            sql: AuthSQL(dialect: database.dialect), database: database, maxFailures: settings.passwords.maxFailures,
            lockoutSeconds: settings.passwords.lockoutSeconds)
        var scopes: [String: Set<String>] = [:]
        for role in settings.roles { scopes[role.name] = role.scopes }
        self.roleScopes = scopes
        self.organizationRoles = OrganizationRoles(settings: settings)
    }

    /// Checks the configuration, creates or updates the `auth_` tables and prepares hashing
    /// and signing.
    ///
    /// - Parameters:
    ///   - app: the app's name; the steps are recorded in `loom_migrations` as `<app>.auth`.
    ///   - environment: where the signing secret is read (`settings.secretVariable`).
    ///   - options: test overrides (a cheaper bcrypt cost, a clock).
    /// - Throws: `AuthConfigurationError` when the secret is missing or shorter than 32 bytes.
    public static func start(
        settings: AuthSettings, database: any DatabaseClient, app: String,
        environment: [String: String] = ProcessInfo.processInfo.environment, options: AuthOptions = .init(),
        logger: Logger
    ) async throws -> AuthService {
        let secret = try secret(settings: settings, environment: environment)
        let clock = options.clock ?? { TimestampFormat.now() }
        for step in try await AuthMigrations.apply(to: database, app: app) {
            logger.info("\(step)")
        }
        let passwords = try await PasswordHasher.make(
            cost: options.passwordHashCost ?? settings.passwords.hashCost, minimumLength: settings.passwords.minLength)
        let tokens = await AccessTokens(
            secret: secret, issuer: settings.issuer, audience: settings.audience,
            lifetimeSeconds: settings.accessTokenSeconds)
        var platform: PlatformAdmins?
        if let platformSettings = settings.platformAdmins {
            var routes = RouteTable()
            for route in PlatformContract(options: AuthContractOptions(settings: settings)).routes {
                for path in route.allPaths { routes.add(path: path, method: HTTPRequest.Method(route.method)) }
            }
            platform = PlatformAdmins(
                settings: platformSettings,
                tokens: await PlatformTokens(secret: secret, issuer: settings.issuer, audience: settings.audience, settings: platformSettings),
                routes: routes)
        }
        return AuthService(
            settings: settings, database: database, passwords: passwords, tokens: tokens, secret: secret, clock: clock,
            mail: ReportingMailSender(sender: options.mailSender ?? LogMailSender(logger: logger), logger: logger),
            oauth: OAuthSignIn(
                settings: settings, environment: environment, endpointOverrides: options.oauthEndpoints, logger: logger),
            platform: platform)
    }

    /// The signing secret from the environment, at least `AccessTokens.minimumSecretBytes` long.
    static func secret(settings: AuthSettings, environment: [String: String]) throws -> [UInt8] {
        guard let value = environment[settings.secretVariable], !value.isEmpty else {
            throw AuthConfigurationError(
                code: .missingSecret,
                message: "the environment variable \(settings.secretVariable) (auth.tokens.secretVariable) is not set; "
                    + "set it to a random secret of at least \(AccessTokens.minimumSecretBytes) bytes, e.g. `openssl rand -base64 48`")
        }
        let bytes = Array(value.utf8)
        guard bytes.count >= AccessTokens.minimumSecretBytes else {
            throw AuthConfigurationError(
                code: .shortSecret,
                message: "the secret in \(settings.secretVariable) is \(bytes.count) bytes long; HS256 needs at least "
                    + "\(AccessTokens.minimumSecretBytes) random bytes")
        }
        return bytes
    }

    /// The scopes a user with `role` holds now.
    func scopes(ofRole role: String) -> Set<String> {
        roleScopes[role] ?? []
    }

    /// Adds every auth route under `settings.routePrefix` and offers key issuing to the app's
    /// custom handlers (`RouteRegistry.credentialIssuer`).
    public func registerRoutes(in registry: inout RouteRegistry) {
        let addresses = registry.settings.clientAddresses
        let routes = AuthRoutes(
            service: self, maxBodyBytes: registry.settings.maxBodyBytes, clientAddresses: addresses,
            keyEnvelopes: registry.settings.familyEnvelopes.of(.apiKeys))
        routes.register(in: &registry)
        registry.credentialIssuer = AuthCredentialIssuer(routes: routes)
        if let platform {
            PlatformRoutes(service: self, platform: platform, maxBodyBytes: registry.settings.maxBodyBytes, clientAddresses: addresses)
                .register(in: &registry)
        }
    }
}

/// Test and deployment overrides of `AuthService.start`.
public struct AuthOptions: Sendable {
    /// bcrypt cost replacing `auth.passwords.hashCost` (tests use 4 to stay fast).
    public var passwordHashCost: Int?
    /// Replaces the wall clock (tests move time to expire tokens).
    public var clock: (@Sendable () -> Date)?
    /// Where mail goes; `nil`: the log (`LogMailSender`).
    public var mailSender: (any MailSender)?
    /// Replaces the endpoints of the named OAuth providers. Only code sets options (the server
    /// never does), so tests point GitHub and Google at a fake provider on 127.0.0.1 without
    /// any configuration reaching that in production.
    public var oauthEndpoints: [String: OAuthEndpoints] = [:]

    /// Creates options; `nil` keeps the configured behaviour.
    public init(passwordHashCost: Int? = nil, clock: (@Sendable () -> Date)? = nil, mailSender: (any MailSender)? = nil) {
        self.passwordHashCost = passwordHashCost
        self.clock = clock
        self.mailSender = mailSender
    }
}

/// The auth configuration cannot be used; the server refuses to start.
public struct AuthConfigurationError: Error, Sendable, CustomStringConvertible {
    /// Kinds of problem.
    public enum Code: String, Sendable {
        /// The secret's environment variable is unset or empty.
        case missingSecret
        /// The secret is shorter than 32 bytes.
        case shortSecret
        /// `auth.mail` cannot be used (an SMTP password without TLS, a missing variable).
        case invalidMailSettings
    }
    /// Kind of problem.
    public let code: Code
    /// What is wrong and how to fix it.
    public let message: String
    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}

extension AuthService {
    /// Creates or updates the `auth_` tables only (`loom-server migrate`); needs no secret.
    public static func migrate(_ database: any DatabaseClient, app: String) async throws -> [String] {
        try await AuthMigrations.apply(to: database, app: app)
    }

    /// What `migrate(_:app:)` would apply now (`loom-server migrate --status`), changing nothing.
    /// - Throws: `MigrationError` when migrating would be refused.
    public static func plannedMigration(_ database: any DatabaseClient, app: String) async throws -> [String] {
        try await database.plannedMigration(to: AuthMigrations.schema(app: app)).applied
    }

    /// The name the auth steps of `app` are recorded under in `loom_migrations`.
    public static func migrationApp(_ app: String) -> String { AuthMigrations.recordedApp(app) }
}
