import Hummingbird

/// Who is calling. Filled by the authentication layer (the `Auth` module, later); generated
/// code reads it through this type only, so `Generated` never imports `Auth`.
public struct Identity: Sendable, Hashable {
    /// Stable subject identifier (user id, API key id, service name).
    public var subject: String
    /// Kind of caller, e.g. `user`, `api_key`, `service`.
    public var kind: String
    /// Permission scopes the caller holds, e.g. `tasks:read`.
    public var scopes: Set<String>
    /// Creates an identity.
    public init(subject: String, kind: String, scopes: Set<String>) {
        self.subject = subject
        self.kind = kind
        self.scopes = scopes
    }
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

    /// Creates the context for a new request.
    public init(source: Source) {
        coreContext = .init(source: source)
        requestID = ""
        identity = nil
    }
}
