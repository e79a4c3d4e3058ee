import Crypto
import Foundation

/// A Standard Webhooks signing secret: `whsec_` followed by the base64 of 24 to 64 random
/// bytes. The bytes after the prefix are the HMAC key.
public struct WebhookSecret: Sendable, Hashable {
    /// The HMAC key.
    public let key: [UInt8]

    /// The prefix every secret text starts with.
    public static let prefix = "whsec_"
    /// Fewest key bytes a secret may have (192 bits).
    public static let minimumBytes = 24
    /// Most key bytes a secret may have.
    public static let maximumBytes = 64

    /// Reads `text` (`whsec_<base64>`).
    /// - Throws: `WebhookConfigurationError` naming what is wrong, never the secret.
    public init(_ text: String) throws(WebhookConfigurationError) {
        guard text.hasPrefix(Self.prefix), let key = Data(base64Encoded: String(text.dropFirst(Self.prefix.count))) else {
            throw WebhookConfigurationError(code: .invalidSecret, message: "a webhook secret must be \"whsec_\" followed by base64")
        }
        guard (Self.minimumBytes...Self.maximumBytes).contains(key.count) else {
            throw WebhookConfigurationError(
                code: .invalidSecret, message: "a webhook secret must hold \(Self.minimumBytes) to \(Self.maximumBytes) bytes, found \(key.count)")
        }
        self.key = Array(key)
    }

    /// A secret of the raw `key` (the plain shared secrets of the `hmac-sha256` scheme).
    public init(key: [UInt8]) {
        self.key = key
    }

    /// A new random secret of 32 bytes.
    public static func generate() -> WebhookSecret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return try! WebhookSecret(prefix + Data(bytes).base64EncodedString())  // 32 bytes of base64: always valid
    }

    /// The secret as it is shown and configured.
    public var text: String { Self.prefix + Data(key).base64EncodedString() }
}
