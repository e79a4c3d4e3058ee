import Foundation
import Generated
import Runtime
import Testing
import TestSupport

extension WebhookServerSuites {
    /// https deliveries: the connection goes to the address the guard checked, while TLS sends
    /// and verifies the subscription's host name (receiver on 127.0.0.1 named `localhost`).
    @Suite("Webhook deliveries over https", .serialized)
    struct WebhookTLSTests {
        @Test("an https subscription is delivered over TLS, its certificate verified for the URL's host name")
        func deliveredOverTLS() async throws {
            let certificate = try TestCertificate.make(name: "localhost", verifyHostname: true)
            try await WebhookHarness.run(tls: (certificate.serverConfiguration, certificate.client)) { harness in
                #expect(harness.receiver.url.hasPrefix("https://localhost:"))
                try await harness.app.create("/v1/projects", WebhookDeliveryTests.project)
                let received = try await harness.receiver.waitFor(1)
                #expect(received.count == 1)
                #expect(received.first.map(harness.verifies) == true, "signed as over http")
                try await harness.waitForDeliveries { $0.count == 1 && $0[0].status == "success" }
            }
        }

        @Test("a certificate for another name fails the attempt: the name checked is the URL's, though the connection goes to the checked address")
        func otherNameRefused() async throws {
            let served = try TestCertificate.make(name: "elsewhere.example", verifyHostname: true)
            // The HTTP client retries a failed TLS handshake until the connect time-out: keep it short.
            let delivery = WebhookSettings.Delivery(
                timeoutSeconds: 5, connectTimeoutSeconds: 1, retrySchedule: [60], jitterPercent: 0, maxConcurrencyPerEndpoint: 1)
            try await WebhookHarness.run(settings: Tracker.webhooks.with(delivery: delivery), tls: (served.serverConfiguration, served.client)) { harness in
                try await harness.app.create("/v1/projects", WebhookDeliveryTests.project)
                try await harness.waitForDeliveries { $0.count == 1 && $0[0].attempts >= 1 && $0[0].lastStatus == nil }
                #expect(try await harness.receiver.received().isEmpty, "no request reached the receiver")
                #expect(try await harness.deliveries().first?.status == "pending", "retried later, as any failed attempt")
            }
        }
    }
}
