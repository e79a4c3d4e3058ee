import HTTPTypes

/// Counts the key reads the inline path answers on SQLite (`InlineReads`) against the same
/// in-process counters as `RateLimitMiddleware`, so such a read spends the quota of its client
/// (anonymous: its address; authenticated: its key, organization or caller under the tier
/// assigned now) like a routed one, and its answer carries the same `RateLimit-Policy`,
/// `RateLimit` (and `X-RateLimit-*`) fields.
///
/// An inline read carries no forwarded-for header (passed on when the app trusts proxies), so
/// its client is the peer's address, as the resolver would say (`ClientAddressResolver`
/// believes forwarded headers only; without them it answers the peer's address), and
/// `InlineReadHandler` works it out once per connection. The in-process counter never reports
/// a newer tier version (only a shared counter does, which has no inline path), so the tier
/// assignments this instance holds are the ones the routed count would use. Past the quota it
/// answers `nil`: the request goes through Hummingbird, where the middleware counts it once
/// more (on a window already spent, so the decision is the same) and renders the 429.
struct InlineRateLimitCounter: InlineReadCounter {
    /// The middleware whose policies and header fields apply.
    let middleware: RateLimitMiddleware
    /// Its counter, which counts without suspending.
    let counter: InProcessRateLimitCounter

    func countInline(path: String, identity: Identity?, clientAddress: String?) -> [HTTPField]? {
        guard !middleware.exemptPaths.contains(path) else { return [] }
        guard let (policy, key) = middleware.settings.selection(
            path: path, identity: identity, clientAddress: clientAddress, assignments: middleware.currentAssignments)
        else { return [] }
        let decision = counter.countNow(key: key, policy: policy)
        return decision.allowed ? middleware.headerFields(decision) : nil
    }
}
