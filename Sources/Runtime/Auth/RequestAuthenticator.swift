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
