/// `headers` in `app.json`: the names of the headers an app reads and writes, for APIs whose
/// clients already send `X-Api-Key` or expect `X-Correlation-Id`.
public struct HeaderNamesSchema: Codable, Sendable, Hashable {
    /// Where API keys are sent.
    public var apiKey: String
    /// The request id every response carries and a client may send.
    public var requestId: String
    /// Where a client sends an idempotency key (used by the idempotency middleware).
    public var idempotencyKey: String
    /// The rate-limit family: `<rateLimit>-Limit`, `-Remaining` and `-Reset` (used by the rate limiter).
    public var rateLimit: String

    /// Creates header names; the defaults are the conventions most APIs follow.
    public init(
        apiKey: String = "X-API-Key", requestId: String = "X-Request-Id", idempotencyKey: String = "Idempotency-Key",
        rateLimit: String = "X-RateLimit"
    ) {
        self.apiKey = apiKey
        self.requestId = requestId
        self.idempotencyKey = idempotencyKey
        self.rateLimit = rateLimit
    }
}
