import NIOCore

/// The client's IP address as the audit trail and the access log record it: the socket peer's
/// address for now. The one place that decides it, so a trusted-proxy resolver
/// (`X-Forwarded-For`, `Forwarded`) replaces these bodies and every recorder follows. (Inline
/// key reads see only the peer; a resolver that reads forwarding headers should list them in
/// `InlineReads.passedOnHeaders` so such requests go through Hummingbird.)
public enum RequestClientAddress {
    /// The address of the client that sent the request, or `nil` when unknown (router tests).
    public static func of(_ context: LoomRequestContext) -> String? {
        of(peer: context.remoteAddress)
    }

    /// The address of a client connected from `peer` (the inline read path has no request context).
    public static func of(peer: SocketAddress?) -> String? {
        peer?.ipAddress
    }
}
