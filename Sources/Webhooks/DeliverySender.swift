import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Runtime

/// Makes one attempt: the address guard, the signed POST, the answer's status, `Retry-After`
/// and first kilobyte, all within the app's time-out.
struct DeliverySender: Sendable {
    /// The service's HTTP clients (no redirects): the shared one, and one per https host.
    let clients: DeliveryClients
    /// Signature scheme and time-out.
    let settings: WebhookSettings
    /// Clock and address guard.
    let options: WebhookOptions

    /// How much of a response body the attempt log keeps.
    static let responseBodyLimit = 1024

    /// Sends `delivery` to `subscription`; never throws: every failure is an outcome.
    func send(_ delivery: DeliveryStore.Claimed, to subscription: ActiveSubscription) async -> AttemptOutcome {
        let started = options.clock.now()
        let clock = ContinuousClock.now
        func outcome(status: Int? = nil, body: String? = nil, error: String? = nil, retryAfter: Int? = nil) -> AttemptOutcome {
            let elapsed = ContinuousClock.now - clock
            return AttemptOutcome(
                startedAt: WebhookClock.milliseconds(started),
                durationMilliseconds: elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000,
                status: status, responseBody: body, error: error, retryAfter: retryAfter)
        }
        var url = subscription.url
        var secrets = subscription.secrets
        var signature = settings.signature
        if let declared = subscription.target {
            // A per-record target: the delivery names its own receiver and secret.
            guard let text = delivery.targetURL, let targetURL = URL(string: text), let secret = delivery.targetSecret else {
                return outcome(error: "the delivery names no target URL or secret")
            }
            (url, secrets, signature) = (targetURL, [Self.secret(secret, for: declared.signature)], declared.signature)
        }
        let target: AddressGuard.Target
        do {
            target = try await options.addressGuard.target(for: url)
        } catch {
            return outcome(error: error.message)
        }
        let request = makeRequest(delivery, target: target, secrets: secrets, signature: signature, at: started)
        do {
            let client = target.pinnedAddress.map { clients.pinned(host: target.url.host ?? "", address: $0) } ?? clients.shared
            let response = try await client.execute(request, deadline: .now() + .seconds(Int64(settings.delivery.timeoutSeconds)))
            let body = try await Self.prefix(of: response)
            let status = Int(response.status.code)
            let retryAfter = status == 429 || status == 503
                ? RetryPolicy.retryAfterSeconds(response.headers.first(name: "Retry-After"), now: options.clock.now()) : nil
            let error = (200..<300).contains(status) ? nil : "the receiver answered \(status)"
            return outcome(status: status, body: body, error: error, retryAfter: retryAfter)
        } catch {
            return outcome(error: "no answer: \(error)")
        }
    }

    /// The key of a per-record target's secret: a `whsec_` secret's bytes for Standard
    /// Webhooks, the text's UTF-8 bytes for `hmac-sha256` (and for a malformed `whsec_`).
    static func secret(_ text: String, for signature: WebhookSettings.Signature) -> WebhookSecret {
        if case .standardWebhooks = signature, let parsed = try? WebhookSecret(text) { return parsed }
        return WebhookSecret(key: Array(text.utf8))
    }

    private func makeRequest(
        _ delivery: DeliveryStore.Claimed, target: AddressGuard.Target, secrets: [WebhookSecret], signature: WebhookSettings.Signature, at time: Date
    ) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: target.url.absoluteString)
        request.method = .POST
        let body = Array(delivery.payload.utf8)
        if let host = target.host { request.headers.add(name: "Host", value: host) }
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Loom-Webhooks/1")
        // The record payload's event, also as a header (the released Sovrium sends it), so a
        // receiver can route before parsing the body.
        if settings.payload == .record, !delivery.eventType.isEmpty {
            request.headers.add(name: "X-Webhook-Event", value: settings.recordEvent(of: delivery.eventType))
        }
        let signer = WebhookSigner(signature: signature)
        for (name, value) in signer.headers(id: delivery.messageID, timestamp: Int64(time.timeIntervalSince1970), body: body, secrets: secrets) {
            request.headers.add(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    /// The first kilobyte of the body; the rest is not read.
    private static func prefix(of response: HTTPClientResponse) async throws -> String? {
        var bytes: [UInt8] = []
        for try await buffer in response.body {
            bytes += buffer.readableBytesView.prefix(responseBodyLimit - bytes.count)
            if bytes.count >= responseBodyLimit { break }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
