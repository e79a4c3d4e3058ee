import NIOCore

/// Told about each answer the inline key-read path writes (`InlineReads`), which no middleware
/// sees: the access log records them this way instead of turning the inline path off.
/// Called on the event loop right after the answer is written: it must be quick and must not block.
public protocol InlineReadObserver: Sendable {
    /// One inline answer (always a `200`).
    func answered(_ answer: InlineReadAnswer)
}

/// One answer of the inline key-read path.
public struct InlineReadAnswer: Sendable {
    /// `GET` or `HEAD`.
    public let method: String
    /// The route template (`/v1/projects/{id}`), as Hummingbird reports it for the same request.
    public let route: String
    /// The request id the answer carries.
    public let requestID: String
    /// From reading the request head to writing the answer.
    public let duration: TimeAmount
    /// The socket peer.
    public let peer: SocketAddress?
    /// The caller, as the authenticator found it inline; `nil` for an anonymous request.
    public let identity: Identity?
}
