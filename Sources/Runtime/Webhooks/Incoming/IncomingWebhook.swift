/// An endpoint's `webhook` declaration as the runtime serves it: the signing scheme, where the
/// secret comes from, how old a signed timestamp may be, and the header of `hmac-sha256`.
///
/// Generated code declares one per webhook endpoint (`<Endpoint>.webhook`), passes it to
/// `RouteRegistry.addOperation` and lists it in `GeneratedApp.incomingWebhooks`, so `serve` can
/// refuse to start without its secret and the receipts table is created.
public struct IncomingWebhook: Sendable, Hashable {
    /// How the sender signs.
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        /// Standard Webhooks 1.0 (`webhook-id`, `webhook-timestamp`, `webhook-signature`).
        case standardWebhooks = "standard-webhooks"
        /// GitHub (`X-Hub-Signature-256`, `X-GitHub-Delivery`).
        case github
        /// Stripe (`Stripe-Signature: t=...,v1=...`, the body's `id`).
        case stripe
        /// `sha256=<hex>` of the body in a named header.
        case hmacSHA256 = "hmac-sha256"
    }

    /// The endpoint's name: seen message ids are kept per endpoint.
    public let endpoint: String
    /// The signing scheme.
    public let scheme: Scheme
    /// The environment variable holding the secret.
    public let secretVariable: String
    /// How far a signed timestamp may be from the server's clock, in seconds.
    public let toleranceSeconds: Int
    /// The signature header (`webhook-signature`, `X-Hub-Signature-256`, `Stripe-Signature` or
    /// the declared `hmac-sha256` header).
    public let signatureHeader: String

    /// Creates a declaration; `header` is used by `hmac-sha256` only.
    public init(endpoint: String, scheme: Scheme, secretVariable: String, toleranceSeconds: Int = 300, header: String = "X-Signature") {
        self.endpoint = endpoint
        self.scheme = scheme
        self.secretVariable = secretVariable
        self.toleranceSeconds = toleranceSeconds
        switch scheme {
        case .standardWebhooks: signatureHeader = "webhook-signature"
        case .github: signatureHeader = "X-Hub-Signature-256"
        case .stripe: signatureHeader = "Stripe-Signature"
        case .hmacSHA256: signatureHeader = header
        }
    }

    /// The header carrying the message id, when the scheme sends it in one.
    public var messageIDHeader: String? {
        switch scheme {
        case .standardWebhooks: return "webhook-id"
        case .github: return "X-GitHub-Delivery"
        case .stripe, .hmacSHA256: return nil
        }
    }

    /// The header carrying the signed timestamp, when the scheme sends it in one of its own.
    public var timestampHeader: String? { scheme == .standardWebhooks ? "webhook-timestamp" : nil }

    /// The verifier of messages signed with `secret` (the variable's value).
    /// - Throws: `IncomingWebhookConfigurationError` when the secret is empty or, for
    ///   Standard Webhooks, not `whsec_` + base64.
    public func verifier(secret: String) throws(IncomingWebhookConfigurationError) -> IncomingWebhookVerifier {
        try IncomingWebhookVerifier(webhook: self, secret: secret)
    }

    /// Every problem of `webhooks`' secrets in `environment` (unset, empty, malformed), one
    /// sentence each naming the variable and the endpoint; empty when all are usable.
    public static func configurationProblems(_ webhooks: [IncomingWebhook], environment: [String: String]) -> [String] {
        webhooks.compactMap { webhook -> String? in
            guard let secret = environment[webhook.secretVariable] else {
                return "\(webhook.secretVariable) is not set: the incoming webhook endpoint \(webhook.endpoint) (\(webhook.scheme.rawValue)) cannot verify its messages; set it to the sender's signing secret"
            }
            switch Result(catching: { () throws(IncomingWebhookConfigurationError) in try webhook.verifier(secret: secret) }) {
            case .success: return nil
            case .failure(let error): return "\(webhook.secretVariable) (endpoint \(webhook.endpoint)): \(error.message)"
            }
        }
    }
}

/// A webhook secret that cannot be used: unset, empty or malformed. Never holds the secret.
public struct IncomingWebhookConfigurationError: Error, Sendable, Hashable {
    /// What is wrong.
    public let message: String
}
