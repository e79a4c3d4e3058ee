/// How an incoming webhook's sender signs its messages (`webhook.scheme` of an endpoint file).
public enum IncomingWebhookScheme: String, Codable, Sendable, Hashable, CaseIterable {
    /// Standard Webhooks 1.0: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`
    /// over `id.timestamp.body`, secret `whsec_<base64>`.
    case standardWebhooks = "standard-webhooks"
    /// GitHub: `X-Hub-Signature-256: sha256=<hex>` over the body, id `X-GitHub-Delivery`, no timestamp.
    case github
    /// Stripe: `Stripe-Signature: t=<seconds>,v1=<hex>` over `t.body`, id the body's top-level `id`.
    case stripe
    /// A plain `sha256=<hex>` HMAC of the body in a named header; no id, no timestamp.
    case hmacSHA256 = "hmac-sha256"

    /// Whether the scheme signs a timestamp (and `toleranceSeconds` applies).
    public var hasTimestamp: Bool { self == .standardWebhooks || self == .stripe }
}

/// `webhook` of an endpoint file: the endpoint receives signed messages from another service,
/// verified by the runtime over the raw body before the handler runs.
public struct IncomingWebhookSchema: Codable, Sendable, Hashable {
    /// The signing scheme.
    public var scheme: IncomingWebhookScheme
    /// The environment variable holding the shared secret.
    public var secretEnv: String
    /// How far a signed timestamp may be from the server's clock (schemes with a timestamp).
    public var toleranceSeconds: Int?
    /// The signature header of `hmac-sha256` (default `X-Signature`).
    public var header: String?

    /// The default tolerance: Standard Webhooks' and Stripe's five minutes.
    public static let defaultToleranceSeconds = 300
    /// The largest tolerance: seen ids are kept 24 h, far longer than a message stays acceptable.
    public static let maximumToleranceSeconds = 3600
    /// The default header of the `hmac-sha256` scheme.
    public static let defaultHeader = "X-Signature"

    /// Creates a declaration.
    public init(scheme: IncomingWebhookScheme, secretEnv: String, toleranceSeconds: Int? = nil, header: String? = nil) {
        self.scheme = scheme
        self.secretEnv = secretEnv
        self.toleranceSeconds = toleranceSeconds
        self.header = header
    }
}
