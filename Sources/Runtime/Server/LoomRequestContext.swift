import Hummingbird
import NIOCore

/// Who is calling. Filled by the authentication layer (the `Auth` module, later); generated
/// code reads it through this type only, so `Generated` never imports `Auth`.
public struct Identity: Sendable, Hashable {
    /// Stable subject identifier (user id, API key id, service name).
    public var subject: String
    /// Kind of caller, e.g. `user`, `api_key`, `service`.
    public var kind: String
    /// Permission scopes the caller holds, e.g. `tasks:read`; `*` grants every scope.
    public var scopes: Set<String>
    /// The account behind the caller: the user itself, or the creator of an API key.
    public var userID: String?
    /// The session a user access token belongs to.
    public var sessionID: String?
    /// Tenant scope of the caller (organization, project, environment), when bound to one.
    public var organizationID: String?
    /// Project within the organization, when the caller is bound to one.
    public var projectID: String?
    /// Environment of an API key (`live`, `test`).
    public var environment: String?
    /// The platform admin acting through an impersonation token (RFC 8693 `act`), else `nil`.
    public var impersonatorID: String?
    /// Creates an identity.
    public init(
        subject: String, kind: String, scopes: Set<String>, userID: String? = nil, sessionID: String? = nil,
        organizationID: String? = nil, projectID: String? = nil, environment: String? = nil, impersonatorID: String? = nil
    ) {
        self.impersonatorID = impersonatorID
        self.subject = subject
        self.kind = kind
        self.scopes = scopes
        self.userID = userID
        self.sessionID = sessionID
        self.organizationID = organizationID
        self.projectID = projectID
        self.environment = environment
    }

    /// `kind` of an end user of a project (an account signed up with a project's key). End
    /// users are not members of the project's organization: tables whose rows belong to the
    /// organization refuse them, and only project-tenant tables of their project reach them.
    public static let endUserKind = "end_user"

    /// Whether the caller is an end user of a project (`endUserKind`).
    public var isEndUser: Bool { kind == Self.endUserKind }
}

/// The request context of every Loom server: Hummingbird's core storage plus the request id
/// and the caller's identity.
public struct LoomRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, path parameters).
    public var coreContext: CoreRequestContextStorage
    /// The request id echoed in `X-Request-Id` and in error bodies; set by `LoomMiddleware`.
    public var requestID: String
    /// The authenticated caller, if any.
    public var identity: Identity?
    /// Why presented credentials were refused (set instead of `identity`); routes that need a
    /// caller answer it, public routes ignore it. Boxed to keep the context small.
    public var authenticationFailure: AuthenticationFailure?
    /// The peer's address (`nil` when unknown, as in router tests).
    public var remoteAddress: SocketAddress?
    /// The client's address named by a trusted proxy's `Forwarded` / `X-Forwarded-For`, set by
    /// `LoomMiddleware` only when the app declares `trustedProxies` and the peer is one; read it
    /// through `RequestClientAddress.of(_:)`, which falls back to the peer.
    public var forwardedClientAddress: String?

    // MARK: Idempotency (issue 14)

    /// The request's hold on its idempotency key, set by `IdempotencyMiddleware` on covered
    /// operations; every write of the request completes it in its transaction.
    public var idempotencyClaim: IdempotencyClaim?

    /// Creates the context for a new request.
    public init(source: Source) {
        coreContext = .init(source: source)
        requestID = ""
        identity = nil
        authenticationFailure = nil
        remoteAddress = source.channel.remoteAddress
    }
}
