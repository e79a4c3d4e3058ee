import Hummingbird

/// A middleware a module adds to `LoomServer.Configuration.middleware`. It runs inside
/// `LoomMiddleware` (so the request id is set, errors it throws are rendered in the app's
/// format, and its answers get the common headers), in the order of the list.
///
/// Public key reads on SQLite are answered on the event loop, in front of Hummingbird and so
/// of every middleware (`InlineReads`). Each middleware therefore says, through
/// `inlineReadPolicy`, whether such an answer may skip it; one that may not turns the inline
/// path off where it applies, and those reads go through it like every other request.
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
/// which are only ever the `200` of a public `GET`/`HEAD /<table>/{id}` without a query,
/// condition, body or credential.
public enum InlineReadPolicy: Sendable, Hashable {
    /// Such an answer would be the same with this middleware: it acts on other methods or
    /// routes only (an idempotency check on `POST`, say).
    case maySkip
    /// Every request must go through it (CORS, rate limits, metrics, security headers):
    /// nothing is answered inline.
    case mustRun
    /// Requests whose path starts with one of these prefixes (whole segments, such as
    /// `/v1/items`) must go through it; tables whose item paths fall under one are not read inline.
    case mustRunUnder([String])
}
