import NIOCore

/// The client's IP address as the audit trails, the access log, API key IP allowlists and the
/// auth module's records see it: the address a trusted proxy named (`LoomMiddleware` resolves it
/// once per request with the app's `ClientAddressResolver` when `trustedProxies` is declared),
/// else the socket peer's. With trusted proxies, requests carrying `Forwarded` or
/// `X-Forwarded-For` are not answered inline (`InlineReads.passingOn(headers:)`), so an inline
/// answer's peer is always the client.
public enum RequestClientAddress {
    /// The address of the client that sent the request, or `nil` when unknown (router tests).
    public static func of(_ context: LoomRequestContext) -> String? {
        context.forwardedClientAddress ?? of(peer: context.remoteAddress)
    }

    /// The address of a client connected from `peer` (the inline read path has no request context).
    public static func of(peer: SocketAddress?) -> String? {
        peer?.ipAddress
    }
}
