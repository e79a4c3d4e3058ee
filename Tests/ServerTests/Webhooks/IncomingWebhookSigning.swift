import Crypto
import Foundation
import HTTPTypes

/// Signs incoming test messages the way each scheme's sender does, written from the schemes'
/// documentation (the Standard Webhooks reference package signs too: `StandardWebhooksInterop`).
enum IncomingWebhookSigning {
    /// `v1,<base64>` of Standard Webhooks for `body` as `id` at `timestamp` under `secret` (`whsec_...`).
    static func standardWebhooks(secret: String, id: String, timestamp: Int64, body: String) -> String {
        let key = Data(base64Encoded: String(secret.dropFirst("whsec_".count)))!
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(id).\(timestamp).\(body)".utf8), using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// Hex HMAC-SHA256 of `message` under the UTF-8 bytes of `secret` (GitHub, Stripe, hmac-sha256).
    static func hex(secret: String, _ message: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Stripe's `Stripe-Signature` value: `t=<timestamp>,v1=<hex HMAC(secret, t.body)>`.
    static func stripe(secret: String, timestamp: Int64, body: String) -> String {
        "t=\(timestamp),v1=\(hex(secret: secret, "\(timestamp).\(body)"))"
    }

    /// The Standard Webhooks headers of a message.
    static func standardHeaders(id: String, timestamp: Int64, signature: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[HTTPField.Name("webhook-id")!] = id
        headers[HTTPField.Name("webhook-timestamp")!] = String(timestamp)
        headers[HTTPField.Name("webhook-signature")!] = signature
        return headers
    }

    /// Seconds since 1970, now.
    static var now: Int64 { Int64(Date().timeIntervalSince1970) }
}
