import NIOConcurrencyHelpers

/// The `Date` header value for answers built on any thread (`LoomMiddleware`): one
/// `HTTPDateCache` behind a lock, formatted again only when the second changes. Inline
/// answers keep a cache per connection handler instead, as they run on its event loop.
enum SharedHTTPDate {
    private static let cache = NIOLockedValueBox(HTTPDateCache())

    /// The header value for now.
    static func current() -> String {
        cache.withLockedValue { $0.current() }
    }
}
