import HTTPTypes
import Hummingbird

/// What the authentication layer concluded about one request.
public enum AuthenticationOutcome: Sendable {
    /// No credentials were presented.
    case anonymous
    /// Valid credentials: the caller.
    case authenticated(Identity)
    /// Credentials were presented and refused (bad, expired, revoked, outside the IP allowlist).
    case rejected(APIError)
}

/// Turns a request's credentials into an `Identity`. `Runtime` calls it once per request (in
/// `LoomMiddleware`); the `Auth` module implements it, so `Generated` never imports `Auth`.
///
/// Implementations must answer `.anonymous` without I/O when no credentials are present.
public protocol RequestAuthenticator: Sendable {
    /// Authenticates `request`.
    func authenticate(_ request: Request, context: LoomRequestContext) async -> AuthenticationOutcome

    /// The request headers `authenticate` reads. A request with none of them must get
    /// `.anonymous` and nothing else: public key reads of such requests are answered without
    /// calling it (`InlineReads`).
    var credentialHeaders: [HTTPField.Name] { get }

    /// The credential headers whose requests the inline key-read path (`InlineReads`) may
    /// authenticate itself through `authenticateInline`, a subset of `credentialHeaders`; a
    /// request carrying any other credential header goes through Hummingbird. The default is none.
    var inlineCredentialHeaders: [HTTPField.Name] { get }

    /// The caller `credentials` stand for, decided on the event loop without waiting: the same
    /// decision `authenticate` takes for `.authenticated`, or `nil` for everything else (no
    /// credentials it can check without suspending, a refusal, a database that cannot read
    /// now, a write the request would make). A `nil` sends the request through Hummingbird,
    /// whose `authenticate` then decides and renders any refusal. Must not block, suspend or
    /// write. The default is `nil`.
    func authenticateInline(_ credentials: InlineCredentials) -> Identity?
}

extension RequestAuthenticator {
    /// No credential is checked inline.
    public var inlineCredentialHeaders: [HTTPField.Name] { [] }

    /// Nothing is authenticated inline.
    public func authenticateInline(_ credentials: InlineCredentials) -> Identity? { nil }
}

/// The credential header fields of a request the inline key-read path is about to answer
/// (`RequestAuthenticator.inlineCredentialHeaders`, each present once at most), with what else
/// `authenticateInline` may need about the request.
public struct InlineCredentials: Sendable {
    /// The fields, by lower-case name.
    let fields: [(name: String, value: String)]
    /// The request's path (no query: inline answers never carry one).
    public let path: String
    /// The client's address, as `RequestClientAddress` would give it, when the inline path can
    /// know it: the socket peer's when the app trusts no proxy; `nil` otherwise (a request
    /// checked against an address then goes through Hummingbird, which resolves it).
    public let clientAddress: String?

    /// `fields` by lower-case name.
    public init(fields: [(name: String, value: String)], path: String, clientAddress: String?) {
        self.fields = fields
        self.path = path
        self.clientAddress = clientAddress
    }

    /// The value of the field `name`, or `nil` when the request does not carry it.
    public subscript(_ name: HTTPField.Name) -> String? {
        let wanted = name.canonicalName
        return fields.first { $0.name == wanted }?.value
    }

    /// Whether no credential field was sent.
    public var isEmpty: Bool { fields.isEmpty }
}

/// An authentication module mounted on an app: it authenticates requests and serves its own
/// routes (sign-up, login, sessions, API keys) under the app's base path.
public protocol AuthenticationService: RequestAuthenticator {
    /// Adds the module's routes.
    func registerRoutes(in registry: inout RouteRegistry)
}

/// A refusal kept in the request context until a route that needs a caller reads it.
///
/// A class so that `LoomRequestContext`, copied through every middleware and handler call,
/// holds one pointer instead of a whole `APIError`.
public final class AuthenticationFailure: Sendable {
    /// The error the client gets.
    public let error: APIError
    /// Wraps `error`.
    public init(_ error: APIError) { self.error = error }
}
