import Hummingbird

/// A middleware a module adds to `LoomServer.Configuration.middleware`. It runs inside
/// `LoomMiddleware` (so the request id is set, errors it throws are rendered in the app's
/// format, and its answers get the common headers), in the order of the list.
///
/// Key reads on SQLite are answered on the event loop, in front of Hummingbird and so of every
/// middleware (`InlineReads`): anonymous reads of public tables and, when the app's
/// authenticator can check the credential there, reads with an access token or API key. Each
/// middleware therefore says, through `inlineReadPolicy`, which of those answers may skip it;
/// one that may not turns that part of the inline path off where it applies, and those reads go
/// through it like every other request.
public protocol ServerMiddleware: RouterMiddleware where Context == LoomRequestContext {
    /// Whether inline key reads may be answered without running this middleware.
    var inlineReadPolicy: InlineReadPolicy { get }
    /// What counts the requests answered inline for this middleware, when it may be skipped
    /// only because it counts them there (rate limits on SQLite); `nil` for most.
    var inlineReadCounter: (any InlineReadCounter)? { get }
}

extension ServerMiddleware {
    /// No inline counting: the middleware acts on what it sees.
    public var inlineReadCounter: (any InlineReadCounter)? { nil }

    /// Adds this middleware to `router` (with its concrete type, which the router's
    /// `add(middleware:)` needs; a list of `any ServerMiddleware` cannot be passed as is).
    func add(to router: Router<LoomRequestContext>) {
        router.add(middleware: self)
    }
}

/// Whether a middleware may be skipped by answers written on the event loop (`InlineReads`),
/// which are only ever the `200` of a `GET`/`HEAD /<table>/{id}` without a query, condition or
/// body: anonymous, or with a credential the authenticator checked there.
public enum InlineReadPolicy: Sendable, Hashable {
    /// Such an answer would be the same with this middleware, whoever the caller: it acts on
    /// other methods or routes only (an idempotency check on `POST`, say).
    case maySkip
    /// Anonymous inline answers may skip it, but a request with a credential must go through
    /// it (a middleware that looks at the caller: an allow-list per organization, a read audit):
    /// credentialed reads are then not answered inline. The policy of a middleware written
    /// before credentialed reads were answered inline, when it said `maySkip` of public reads.
    case maySkipAnonymous
    /// Every request must go through it (CORS, rate limits, metrics, security headers):
    /// nothing is answered inline.
    case mustRun
    /// Requests whose path starts with one of these prefixes (whole segments, such as
    /// `/v1/items`) must go through it; tables whose item paths fall under one are not read inline.
    case mustRunUnder([String])
}
