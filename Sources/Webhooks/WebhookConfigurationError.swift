/// A webhook setting the server cannot run with (a malformed secret, a refused URL), found at
/// start-up or when a subscription is used.
public struct WebhookConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Code: String, Sendable {
        /// A secret is not `whsec_` + base64 of 24 to 64 bytes.
        case invalidSecret = "invalid-secret"
        /// A URL is not absolute http(s), or its host resolves to a refused address.
        case refusedURL = "refused-url"
    }

    /// What kind of problem it is.
    public let code: Code
    /// What is wrong, naming the setting and never a secret.
    public let message: String

    /// Creates the error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `refused-url: ...`.
    public var description: String { "\(code.rawValue): \(message)" }
}
