import Foundation

/// Issues credentials on behalf of a caller, for custom endpoint handlers that hand out a key
/// as part of their answer (EventFlow's `POST /producers` returns the producer's `api_key`
/// once). The `Auth` module implements it; `HandlerContext.credentials` reaches it, so
/// `Generated` and handlers never import `Auth`.
public protocol CredentialIssuer: Sendable {
    /// Creates an API key (or, with `service`, a service token) owned by `caller`'s account.
    /// The same rules as `POST {auth}/api-keys` apply: the scopes never exceed the caller's
    /// (403 `FORBIDDEN`), the environment must be one of the app's (422), an organization or
    /// project binding needs the caller's membership (404).
    /// - Returns: the key, whose text is shown this once and stored only as a digest.
    func issueAPIKey(_ request: CredentialRequest, for caller: Identity) async throws -> IssuedCredential

    /// Does every check of `issueAPIKey` and returns the key with the statements that store it,
    /// without writing: the caller writes them in its own transaction, so a record and its
    /// credential commit together or not at all (`TableStore.create(_:key:alongside:)`).
    func prepareAPIKey(_ request: CredentialRequest, for caller: Identity) async throws -> PreparedCredential

    /// Revokes a key `caller`'s account created; `false` when there is no such live key.
    func revokeAPIKey(id: String, for caller: Identity) async throws -> Bool

    /// The account `userID` names (`Identity.userID`), for handlers that answer with the
    /// caller's profile (stationthis's `GET /user/me`); `nil` when there is no such account.
    func account(userID: String) async throws -> AccountSummary?
}

/// The public facts of an account, as `CredentialIssuer.account(userID:)` reads them.
public struct AccountSummary: Sendable {
    /// The account's id, as identities carry it.
    public let id: String
    /// Its sign-in address.
    public let email: String
    /// Its display name.
    public let name: String
    /// Its role (`auth.roles`).
    public let role: String
    /// `active` or another status that may not sign in.
    public let status: String
    /// When it was created.
    public let createdAt: Date

    /// Creates the summary.
    public init(id: String, email: String, name: String, role: String, status: String, createdAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.status = status
        self.createdAt = createdAt
    }
}

/// What a handler asks `CredentialIssuer.issueAPIKey` for.
public struct CredentialRequest: Sendable {
    /// What the key is for (shown in key lists).
    public var name: String
    /// Environment (`auth.apiKeys.prefixes`); it decides the prefix.
    public var environment: String
    /// Scopes; empty with `service` + `role`: the role's scopes.
    public var scopes: [String]
    /// Service name for a service token (`Identity.kind == "service"`); `nil`: a plain key.
    public var service: String?
    /// Role of a service token (`auth.roles`, or `auth.organizationRoles` when bound to an organization).
    public var role: String?
    /// Organization the key is bound to.
    public var organizationID: String?
    /// Project (inside `organizationID`) the key is bound to.
    public var projectID: String?
    /// When the key stops working; `nil`: never.
    public var expiresAt: Date?

    /// Creates a request.
    public init(
        name: String, environment: String, scopes: [String] = [], service: String? = nil, role: String? = nil,
        organizationID: String? = nil, projectID: String? = nil, expiresAt: Date? = nil
    ) {
        self.name = name
        self.environment = environment
        self.scopes = scopes
        self.service = service
        self.role = role
        self.organizationID = organizationID
        self.projectID = projectID
        self.expiresAt = expiresAt
    }
}

/// A key checked and ready to store: valid only once `statements` have committed.
public struct PreparedCredential: Sendable {
    /// The key, shown to the client once the statements committed.
    public let credential: IssuedCredential
    /// The statements storing it (and its audit event).
    public let statements: [SQLStatement]

    /// Creates the answer.
    public init(credential: IssuedCredential, statements: [SQLStatement]) {
        self.credential = credential
        self.statements = statements
    }

    /// The statements as a plan step to write alongside a record.
    public var plan: WritePlan { WritePlan(statements) }
}

/// A key just issued.
public struct IssuedCredential: Sendable {
    /// The key's id (to revoke it).
    public let id: String
    /// The whole key; shown once.
    public let key: String
    /// Environment.
    public let environment: String
    /// Granted scopes.
    public let scopes: [String]

    /// Creates the answer.
    public init(id: String, key: String, environment: String, scopes: [String]) {
        self.id = id
        self.key = key
        self.environment = environment
        self.scopes = scopes
    }
}
