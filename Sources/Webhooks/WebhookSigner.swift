import Crypto
import Foundation
import Runtime
import ValueFormats

/// Signs a delivery as the app's `webhooks.signature` says.
///
/// Standard Webhooks 1.0: `webhook-id`, `webhook-timestamp` (seconds) and
/// `webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>`; with
/// several secrets (a rotation in its grace period) one signature per secret, space-separated.
/// `hmac-sha256`: `sha256=<hex HMAC-SHA256(key, body)>` in the named header.
public struct WebhookSigner: Sendable {
    /// The scheme.
    public let signature: WebhookSettings.Signature

    /// Creates a signer.
    public init(signature: WebhookSettings.Signature) {
        self.signature = signature
    }

    /// The header fields to send with `body` for message `id` at `timestamp` (seconds).
    public func headers(id: String, timestamp: Int64, body: [UInt8], secrets: [WebhookSecret]) -> [(name: String, value: String)] {
        switch signature {
        case .standardWebhooks:
            let signed = Array("\(id).\(timestamp).".utf8) + body
            let signatures = secrets.map { "v1," + Data(Self.mac(signed, key: $0.key)).base64EncodedString() }
            return [("webhook-id", id), ("webhook-timestamp", String(timestamp)), ("webhook-signature", signatures.joined(separator: " "))]
        case .hmacSHA256(let header):
            let signatures = secrets.map { "sha256=" + ValueFormats.hexadecimal(Self.mac(body, key: $0.key)) }
            return [(header, signatures.joined(separator: " "))]
        }
    }

    /// HMAC-SHA256 of `message` under `key`.
    static func mac(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
