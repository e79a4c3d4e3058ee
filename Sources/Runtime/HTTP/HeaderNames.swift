import HTTPTypes
import APIContract

/// The names of the headers an app reads and writes (`headers` in `app.json`), as field names
/// made once at start-up.
public struct HeaderNames: Sendable {
    /// Where API keys are sent (read by the `Auth` module).
    public let apiKey: HTTPField.Name
    /// The request id every response carries and a client may send.
    public let requestID: HTTPField.Name
    /// The IETF `RateLimit-Policy` header of rate-limited answers.
    public let rateLimitPolicy: HTTPField.Name
    /// The IETF `RateLimit` header of rate-limited answers.
    public let rateLimit: HTTPField.Name

    // MARK: Idempotency (issue 14, issue 15)

    /// The idempotency key a client sends on covered writes (`Idempotency-Key`; b2b: `X-Idempotency-Key`).
    public let idempotencyKey: HTTPField.Name

    /// Creates the names; each must be a valid field name (the generator checked them).
    public init(
        apiKey: String, requestID: String, rateLimitPolicy: String = "RateLimit-Policy", rateLimit: String = "RateLimit",
        idempotencyKey: String = IdempotencyCoverage.defaultKeyHeader
    ) {
        self.idempotencyKey = Self.name(idempotencyKey)
        self.apiKey = Self.name(apiKey)
        self.requestID = Self.name(requestID)
        self.rateLimitPolicy = Self.name(rateLimitPolicy)
        self.rateLimit = Self.name(rateLimit)
    }

    /// The conventional names (`X-API-Key`, `X-Request-Id`).
    public static let standard = HeaderNames(apiKey: "X-API-Key", requestID: "X-Request-Id")

    private static func name(_ text: String) -> HTTPField.Name {
        guard let name = HTTPField.Name(text) else { preconditionFailure("header name \(text) was validated by the generator but is invalid") }
        return name
    }
}
