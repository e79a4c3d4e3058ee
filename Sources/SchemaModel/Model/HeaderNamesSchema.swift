/// `headers` in `app.json`: the names of the headers an app reads and writes, for APIs whose
/// clients already send `X-Api-Key` or expect `X-Correlation-Id`.
public struct HeaderNamesSchema: Codable, Sendable, Hashable {
    /// Where API keys are sent.
    public var apiKey: String
    /// The request id every response carries and a client may send.
    public var requestId: String
    /// The IETF `RateLimit-Policy` header of rate-limited answers (`"default";q=100;w=60`).
    public var rateLimitPolicy: String
    /// The IETF `RateLimit` header of rate-limited answers (`"default";r=42;t=17`).
    public var rateLimit: String
    /// The idempotency key clients send on covered writes (IETF httpapi draft `Idempotency-Key`;
    /// the b2b reference uses `X-Idempotency-Key`).
    public var idempotencyKey: String

    /// Creates header names; the defaults are the conventions most APIs follow.
    public init(
        apiKey: String = "X-API-Key", requestId: String = "X-Request-Id", rateLimitPolicy: String = "RateLimit-Policy",
        rateLimit: String = "RateLimit", idempotencyKey: String = "Idempotency-Key"
    ) {
        self.idempotencyKey = idempotencyKey
        self.apiKey = apiKey
        self.requestId = requestId
        self.rateLimitPolicy = rateLimitPolicy
        self.rateLimit = rateLimit
    }
}
