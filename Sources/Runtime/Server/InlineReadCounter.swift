import HTTPTypes

/// Counts the requests the inline key-read path answers (`InlineReads`) for a middleware that
/// would otherwise have to see them (`ServerMiddleware.inlineReadCounter`): rate limits count
/// a `GET /<table>/{id}` (anonymous or authenticated) on the event loop instead of turning the
/// inline path off.
///
/// Called on the event loop, once the record was read and just before the answer is written:
/// it must not suspend, block or do I/O (a lock and a lookup at most).
public protocol InlineReadCounter: Sendable {
    /// Counts a read of `path` (no query) by `identity` (`nil`: an anonymous client, else the
    /// caller the app's authenticator found inline) at `clientAddress` (the peer's IP address,
    /// worked out once per connection; an inline request never carries a forwarded header the
    /// app would believe); returns the header fields the answer carries, or `nil` when it may
    /// not be answered inline (over the quota: the request then goes through Hummingbird,
    /// whose middleware renders the refusal).
    func countInline(path: String, identity: Identity?, clientAddress: String?) -> [HTTPField]?
}
