import Crypto
import Foundation
import HTTPTypes
import ValueFormats

/// Checks one incoming message's signature over its raw body bytes (and the signed timestamp
/// where the scheme has one) and finds its message id. Signatures are compared with
/// `HMAC.isValidAuthenticationCode`, in constant time.
public struct IncomingWebhookVerifier: Sendable {
    /// The declaration.
    public let webhook: IncomingWebhook
    /// The HMAC key.
    let key: SymmetricKey

    /// What a verified message carries.
    public struct Message: Sendable, Hashable {
        /// The sender's id of the message (`webhook-id`, `X-GitHub-Delivery`, the Stripe event's
        /// `id`); `nil` when the scheme has none (`hmac-sha256`) or the sender sent none.
        public let id: String?
    }

    init(webhook: IncomingWebhook, secret: String) throws(IncomingWebhookConfigurationError) {
        self.webhook = webhook
        guard !secret.isEmpty else { throw IncomingWebhookConfigurationError(message: "the secret is empty") }
        switch webhook.scheme {
        case .standardWebhooks:
            // Standard Webhooks: the key is the base64 after `whsec_` (the prefix is optional in the spec's libraries).
            let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
            guard let bytes = Data(base64Encoded: encoded), !bytes.isEmpty else {
                throw IncomingWebhookConfigurationError(message: "a Standard Webhooks secret must be \"whsec_\" followed by base64")
            }
            key = SymmetricKey(data: bytes)
        case .github, .stripe, .hmacSHA256:
            // GitHub, Stripe (its `whsec_...` text as it is) and plain HMAC use the secret's UTF-8 bytes.
            key = SymmetricKey(data: Array(secret.utf8))
        }
    }

    /// Verifies `body` as received with `headers` at `now`.
    /// - Throws: `APIError` 401 (`INVALID_CREDENTIALS`) naming what is missing or wrong; never
    ///   saying which of several signatures came closest.
    public func verify(headers: HTTPFields, body: [UInt8], now: Date) throws(APIError) -> Message {
        let signatureText = try header(webhook.signatureHeader, in: headers)
        switch webhook.scheme {
        case .standardWebhooks:
            let id = try header("webhook-id", in: headers)
            let timestampText = try header("webhook-timestamp", in: headers)
            guard let timestamp = Int64(timestampText) else { throw Self.refused("webhook-timestamp is not a number of seconds") }
            try checkTimestamp(timestamp, now: now, header: "webhook-timestamp")
            let signed = Array("\(id).\(timestamp).".utf8) + body
            let candidates = signatureText.split(separator: " ").compactMap { part -> [UInt8]? in
                guard part.hasPrefix("v1,") else { return nil }
                return Data(base64Encoded: String(part.dropFirst(3))).map(Array.init)
            }
            try requireMatch(candidates, signed: signed)
            return Message(id: id)
        case .github:
            try requireMatch(Self.hexSignatures(signatureText), signed: body)
            return Message(id: headers[HTTPField.Name("X-GitHub-Delivery")!].flatMap { $0.isEmpty ? nil : $0 })
        case .hmacSHA256:
            try requireMatch(Self.hexSignatures(signatureText), signed: body)
            return Message(id: nil)
        case .stripe:
            var timestamp: Int64?
            var candidates: [[UInt8]] = []
            for item in signatureText.split(separator: ",") {
                let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                if pair[0] == "t" { timestamp = Int64(pair[1]) }
                if pair[0] == "v1", let bytes = ValueFormats.bytes(hexadecimal: pair[1]) { candidates.append(bytes) }
            }
            guard let timestamp else { throw Self.refused("Stripe-Signature has no timestamp t=") }
            try checkTimestamp(timestamp, now: now, header: "Stripe-Signature")
            try requireMatch(candidates, signed: Array("\(timestamp).".utf8) + body)
            return Message(id: Self.topLevelID(body))
        }
    }

    private func header(_ name: String, in headers: HTTPFields) throws(APIError) -> String {
        guard let fieldName = HTTPField.Name(name), let value = headers[fieldName], !value.isEmpty else {
            throw Self.refused("the \(name) header is missing")
        }
        return value
    }

    private func checkTimestamp(_ timestamp: Int64, now: Date, header: String) throws(APIError) {
        let age = Int64(now.timeIntervalSince1970) - timestamp
        if abs(age) > Int64(webhook.toleranceSeconds) {
            throw Self.refused("the \(header) timestamp is more than \(webhook.toleranceSeconds) seconds from the server's time")
        }
    }

    /// Passes when any candidate is the HMAC of `signed` (each compared in constant time).
    private func requireMatch(_ candidates: [[UInt8]], signed: [UInt8]) throws(APIError) {
        for candidate in candidates where HMAC<SHA256>.isValidAuthenticationCode(candidate, authenticating: signed, using: key) {
            return
        }
        throw Self.refused("the \(webhook.signatureHeader) signature does not match the body")
    }

    /// The `sha256=<hex>` signatures of a header (several may be space-separated).
    static func hexSignatures(_ text: String) -> [[UInt8]] {
        text.split(separator: " ").compactMap { part in
            part.hasPrefix("sha256=") ? ValueFormats.bytes(hexadecimal: part.dropFirst(7)) : nil
        }
    }

    /// The body's top-level `id` member when it is a non-empty string (a Stripe event's id).
    static func topLevelID(_ body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let id = object["id"] as? String, !id.isEmpty
        else { return nil }
        return id
    }

    /// 401 in the app's error format.
    static func refused(_ detail: String) -> APIError {
        APIError(status: .unauthorized, code: "INVALID_CREDENTIALS", detail: "The webhook message is not accepted: \(detail).")
    }
}
