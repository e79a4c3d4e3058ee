/// `headers` in `app.json`: the names of the headers an app reads and writes, for APIs whose
/// clients already send `X-Api-Key` or expect `X-Correlation-Id`.
public struct HeaderNamesSchema: Codable, Sendable, Hashable {
    /// Where API keys are sent.
    public var apiKey: String
    /// The request id every response carries and a client may send.
    public var requestId: String

    /// Creates header names; the defaults are the conventions most APIs follow.
    public init(apiKey: String = "X-API-Key", requestId: String = "X-Request-Id") {
        self.apiKey = apiKey
        self.requestId = requestId
    }
}
