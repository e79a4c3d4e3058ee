/// The client's IP address as the audit trail (and later the access log) records it: the
/// socket peer's address for now. The one place that decides it, so a trusted-proxy resolver
/// (`X-Forwarded-For`, `Forwarded`) replaces this body and every recorder follows.
public enum RequestClientAddress {
    /// The address of the client that sent the request, or `nil` when unknown (router tests).
    public static func of(_ context: LoomRequestContext) -> String? {
        context.remoteAddress?.ipAddress
    }
}
