import Foundation
import HTTPTypes
import Runtime
import Testing

/// The four schemes' verification, on documented vectors and on messages signed as each
/// sender's documentation says; no server.
@Suite("Incoming webhook signatures")
struct IncomingWebhookVerifierTests {
    private func headers(_ pairs: [String: String]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs { fields[HTTPField.Name(name)!] = value }
        return fields
    }

    private func refused(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("the message was accepted", sourceLocation: sourceLocation)
        } catch let error as APIError {
            #expect(error.status == .unauthorized, sourceLocation: sourceLocation)
            #expect(error.code == "INVALID_CREDENTIALS", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("GitHub's documented test vector verifies; another body, secret or a missing header does not")
    func githubVector() throws {
        let webhook = IncomingWebhook(endpoint: "push", scheme: .github, secretVariable: "S")
        let verifier = try webhook.verifier(secret: "It's a Secret to Everybody")
        let signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        let message = try verifier.verify(
            headers: headers(["X-Hub-Signature-256": signature, "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958"]),
            body: Array("Hello, World!".utf8), now: Date())
        #expect(message.id == "72d3162e-cc78-11e3-81ab-4c9367dc0958")
        refused { _ = try verifier.verify(headers: headers(["X-Hub-Signature-256": signature]), body: Array("Hello, World?".utf8), now: Date()) }
        refused {
            _ = try webhook.verifier(secret: "another secret").verify(
                headers: headers(["X-Hub-Signature-256": signature]), body: Array("Hello, World!".utf8), now: Date())
        }
        refused { _ = try verifier.verify(headers: [:], body: Array("Hello, World!".utf8), now: Date()) }
        refused { _ = try verifier.verify(headers: headers(["X-Hub-Signature-256": "sha256=zz"]), body: Array("Hello, World!".utf8), now: Date()) }
    }

    @Test("Stripe: t.body under the secret's bytes, any of several v1 matches, the event id from the body, the tolerance")
    func stripe() throws {
        let secret = "whsec_test_stripe_secret"
        let webhook = IncomingWebhook(endpoint: "stripe", scheme: .stripe, secretVariable: "S", toleranceSeconds: 300)
        let verifier = try webhook.verifier(secret: secret)
        let body = #"{"id": "evt_1NG8Du2eZvKYlo2CUI79vXWy", "type": "invoice.paid", "data": {"object": {}}}"#
        let now = IncomingWebhookSigning.now
        let good = IncomingWebhookSigning.stripe(secret: secret, timestamp: now, body: body)
        let wrong = String(repeating: "0", count: 64)
        // Stripe sends a v1 per active secret and a v0 test signature; any v1 may match.
        let header = "t=\(now),v1=\(wrong),\(good.split(separator: ",")[1]),v0=\(wrong)"
        let message = try verifier.verify(headers: headers(["Stripe-Signature": header]), body: Array(body.utf8), now: Date())
        #expect(message.id == "evt_1NG8Du2eZvKYlo2CUI79vXWy")
        refused {
            _ = try verifier.verify(headers: headers(["Stripe-Signature": "t=\(now),v1=\(wrong)"]), body: Array(body.utf8), now: Date())
        }
        let old = now - 301
        refused {
            _ = try verifier.verify(
                headers: headers(["Stripe-Signature": IncomingWebhookSigning.stripe(secret: secret, timestamp: old, body: body)]),
                body: Array(body.utf8), now: Date(timeIntervalSince1970: Double(now)))
        }
        refused { _ = try verifier.verify(headers: headers(["Stripe-Signature": "v1=\(wrong)"]), body: Array(body.utf8), now: Date()) }
    }

    @Test("Standard Webhooks: whsec_ secrets, space-separated v1 signatures, the timestamp tolerance, required headers")
    func standardWebhooks() throws {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let webhook = IncomingWebhook(endpoint: "inbound", scheme: .standardWebhooks, secretVariable: "S", toleranceSeconds: 300)
        let verifier = try webhook.verifier(secret: secret)
        let body = #"{"type": "order.created", "data": {"id": 1}}"#
        let now = IncomingWebhookSigning.now
        let good = IncomingWebhookSigning.standardWebhooks(secret: secret, id: "msg_1", timestamp: now, body: body)
        let rotated = "v1,\(Data(repeating: 7, count: 32).base64EncodedString()) \(good)"
        let message = try verifier.verify(
            headers: IncomingWebhookSigning.standardHeaders(id: "msg_1", timestamp: now, signature: rotated), body: Array(body.utf8), now: Date())
        #expect(message.id == "msg_1")
        // The id is signed: the same signature under another id fails.
        refused {
            _ = try verifier.verify(
                headers: IncomingWebhookSigning.standardHeaders(id: "msg_2", timestamp: now, signature: good), body: Array(body.utf8), now: Date())
        }
        // On a fixed clock: 300 s either way is inside the tolerance, 301 s is not.
        let clock = Date(timeIntervalSince1970: Double(now))
        for skew in [-300, 300] as [Int64] {
            let signature = IncomingWebhookSigning.standardWebhooks(secret: secret, id: "msg_1", timestamp: now + skew, body: body)
            _ = try verifier.verify(
                headers: IncomingWebhookSigning.standardHeaders(id: "msg_1", timestamp: now + skew, signature: signature),
                body: Array(body.utf8), now: clock)
        }
        for skew in [-301, 301] as [Int64] {
            let signature = IncomingWebhookSigning.standardWebhooks(secret: secret, id: "msg_1", timestamp: now + skew, body: body)
            refused {
                _ = try verifier.verify(
                    headers: IncomingWebhookSigning.standardHeaders(id: "msg_1", timestamp: now + skew, signature: signature),
                    body: Array(body.utf8), now: clock)
            }
        }
        refused { _ = try verifier.verify(headers: headers(["webhook-signature": good]), body: Array(body.utf8), now: Date()) }
        #expect(throws: IncomingWebhookConfigurationError.self) { _ = try webhook.verifier(secret: "whsec_not base64!") }
    }

    @Test("hmac-sha256: sha256=<hex> in the declared header, several space-separated")
    func plainHMAC() throws {
        let webhook = IncomingWebhook(endpoint: "partner", scheme: .hmacSHA256, secretVariable: "S", header: "X-Partner-Signature")
        let verifier = try webhook.verifier(secret: "partner secret")
        let body = #"{"ok": true}"#
        let signature = "sha256=" + IncomingWebhookSigning.hex(secret: "partner secret", body)
        let message = try verifier.verify(
            headers: headers(["X-Partner-Signature": "sha256=00 \(signature)"]), body: Array(body.utf8), now: Date())
        #expect(message.id == nil)
        refused { _ = try verifier.verify(headers: headers(["X-Signature": signature]), body: Array(body.utf8), now: Date()) }
    }

    @Test("configuration problems name the variable and the endpoint, never the secret")
    func configurationProblems() {
        let webhooks = [
            IncomingWebhook(endpoint: "inbound", scheme: .standardWebhooks, secretVariable: "INBOUND_SECRET"),
            IncomingWebhook(endpoint: "push", scheme: .github, secretVariable: "GITHUB_SECRET"),
        ]
        let problems = IncomingWebhook.configurationProblems(webhooks, environment: ["INBOUND_SECRET": "plain-text-secret!"])
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("INBOUND_SECRET") && $0.contains("inbound") && !$0.contains("plain-text-secret") })
        #expect(problems.contains { $0.contains("GITHUB_SECRET is not set") && $0.contains("push") })
        #expect(IncomingWebhook.configurationProblems(webhooks, environment: [
            "INBOUND_SECRET": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "GITHUB_SECRET": "x",
        ]).isEmpty)
    }
}
