import APIContract
import Foundation
import HTTPTypes
import Hummingbird

/// Counts every request against the policy that applies to it (`RateLimitSettings.selection`)
/// and answers `429 Too Many Requests` with `Retry-After` in the app's error format once the
/// quota of the window is used up. Every limited answer, success or error, carries
/// `RateLimit-Policy: "default";q=100;w=60` and `RateLimit: "default";r=42;t=17` (IETF httpapi
/// draft, under the names of the app's `headers`), and `X-RateLimit-Limit`,
/// `X-RateLimit-Remaining` and `X-RateLimit-Reset` (epoch seconds) when the app asks.
///
/// It counts every request, key reads included: on SQLite those answered inline are
/// counted on the event loop (`InlineRateLimitCounter`); with a counter that must suspend
/// (PostgreSQL, which has no inline path anyway) `inlineReadPolicy` is `.mustRun`. The system routes (health
/// probes, `/openapi.json`, `/docs`, as `SystemContract` lays them out) are not limited, so a
/// busy client cannot make its load balancer's probes fail; the generator documents the same.
public struct RateLimitMiddleware: ServerMiddleware {
    /// The request context type.
    public typealias Context = LoomRequestContext

    let settings: RateLimitSettings
    let counter: any RateLimitCounter
    let clientAddresses: ClientAddressResolver
    let headerNames: HeaderNames
    let exemptPaths: Set<String>
    let rejected: (@Sendable (RateLimitRejection) -> Void)?
    /// The tiers assigned to keys and organizations (apps with tiers).
    let tiers: RateLimitTierDirectory?

    /// Creates the middleware for the app `app` counting with `settings` (the app's own unless
    /// a test tightens them). `rejected` is called once per refused request: the hook a metrics
    /// module counts rejections with, by policy name. `tiers` holds the assigned tiers when
    /// `settings` declares tiers.
    public init(
        app: AppSettings, settings: RateLimitSettings, counter: any RateLimitCounter,
        rejected: (@Sendable (RateLimitRejection) -> Void)? = nil, tiers: RateLimitTierDirectory? = nil
    ) {
        self.tiers = tiers
        self.settings = settings
        self.counter = counter
        self.clientAddresses = app.clientAddresses
        self.headerNames = app.headers
        self.exemptPaths = Set(SystemContract.routes(layout: app.systemRoutes).flatMap { [$0.path] + $0.aliases })
        self.rejected = rejected
    }

    /// Rate limits count every request: inline key reads too when the counter counts without
    /// suspending (in process, SQLite; `InlineRateLimitCounter`), else none is answered inline.
    public var inlineReadPolicy: InlineReadPolicy { inlineReadCounter == nil ? .mustRun : .maySkip }

    /// Counts inline key reads, with the in-process counter.
    public var inlineReadCounter: (any InlineReadCounter)? {
        (counter as? InProcessRateLimitCounter).map { InlineRateLimitCounter(middleware: self, counter: $0) }
    }

    /// Counts the request, refuses it past the quota, and adds the headers to its answer.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard !exemptPaths.contains(path) else { return try await next(request, context) }
        let address = clientAddresses.clientAddress(of: request, context: context)
        guard let (decision, key) = try await count(path: path, identity: context.identity, clientAddress: address)
        else { return try await next(request, context) }
        let policy = decision.policy
        let fields = HTTPFields(headerFields(decision))
        guard decision.allowed else {
            rejected?(RateLimitRejection(policy: policy.name, key: key))
            var error = APIError.tooManyRequests(
                retryAfterSeconds: decision.resetSeconds,
                detail: "Rate limit \"\(policy.name)\" of \(policy.quota) requests per \(policy.window) seconds exceeded; "
                    + "try again in \(decision.resetSeconds) seconds.")
            error.headers.append(contentsOf: fields)
            throw error
        }
        // Errors too: an unknown path's 404, a database failure, a cancelled request carry them.
        return try await ErrorWithHeaderFields.appending(fields) { try await next(request, context) }
    }

    /// Counts the request against the policy that applies to it (`nil`: none does). When the
    /// counter saw a newer tier version than this instance holds (another instance changed a
    /// tier), the assignments are read again and, if the caller's tier changed, the request is
    /// counted under the new one: the change applies from the caller's next request everywhere.
    func count(path: String, identity: Identity?, clientAddress: String?) async throws -> (RateLimitDecision, String)? {
        let assignments = currentAssignments
        guard let (policy, key) = settings.selection(path: path, identity: identity, clientAddress: clientAddress, assignments: assignments)
        else { return nil }
        let decision = try await counter.count(key: key, policy: policy)
        guard let tiers, let seen = decision.tierVersion, seen > assignments.version else { return (decision, key) }
        let fresh = try await tiers.reload()
        guard let (tier, tierKey) = settings.selection(path: path, identity: identity, clientAddress: clientAddress, assignments: fresh),
            tierKey != key
        else { return (decision, key) }
        return (try await counter.count(key: tierKey, policy: tier), tierKey)
    }

    /// The tier assignments this instance holds (none without tiers): the routed and the inline
    /// count (`InlineRateLimitCounter`) both select under them.
    var currentAssignments: RateLimitTierAssignments { tiers?.current ?? RateLimitTierAssignments() }

    /// The header fields describing `decision`, made from the policy's texts made at start-up,
    /// as a plain list (the inline read path writes them straight into its answer's head).
    func headerFields(_ decision: RateLimitDecision) -> [HTTPField] {
        let policy = decision.policy
        var fields = [
            HTTPField(name: headerNames.rateLimitPolicy, value: policy.policyFieldValue),
            HTTPField(name: headerNames.rateLimit, value: decision.limitFieldValue),
        ]
        if settings.legacyHeaders {
            fields.reserveCapacity(5)
            fields.append(HTTPField(name: .xRateLimitLimit, value: policy.quotaText))
            fields.append(HTTPField(name: .xRateLimitRemaining, value: String(decision.remaining)))
            fields.append(HTTPField(name: .xRateLimitReset, value: String(Int(Date().timeIntervalSince1970) + decision.resetSeconds)))
        }
        return fields
    }
}

/// One request refused by a rate limit, as reported to `RateLimitMiddleware`'s `rejected` hook.
public struct RateLimitRejection: Sendable, Hashable {
    /// The policy whose quota was used up (the label a metrics counter uses).
    public let policy: String
    /// The counted key (`ip:<policy>:<address>`, `org:<policy>:<id>`, `<kind>:<policy>:<subject>`).
    public let key: String
}

extension HTTPField.Name {
    /// `X-RateLimit-Limit`: the quota of the window.
    public static let xRateLimitLimit = HTTPField.Name("X-RateLimit-Limit")!
    /// `X-RateLimit-Remaining`: requests left in the window.
    public static let xRateLimitRemaining = HTTPField.Name("X-RateLimit-Remaining")!
    /// `X-RateLimit-Reset`: when the window ends, in seconds since 1970.
    public static let xRateLimitReset = HTTPField.Name("X-RateLimit-Reset")!
}
