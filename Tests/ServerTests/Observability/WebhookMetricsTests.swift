import Foundation
import Runtime
import Testing
import Webhooks

@testable import Server

/// The webhook metrics (issue 14): delivery attempts counted by outcome where they happen, and
/// the outbox backlog sampled into gauges by a service, both wired by `ServerWebhooks.mount`
/// when the server has metrics. Runs on the suite's engine.
@Suite("Webhook metrics")
struct WebhookMetricsTests {
    @Test("attempts are counted by outcome (retry, success); the pending backlog and its age are sampled into gauges")
    func attemptsAndBacklog() async throws {
        try await WebhookReceiver.run(script: [.init(status: 500)]) { receiver in
            try await TestDatabase.withMigratedApp("tracker") { database, app in
                let metrics = RequestMetrics()
                var configuration = LoomServer.Configuration(port: 0)
                (configuration.metrics, configuration.auth) = (metrics, TestAuthenticator())
                let environment = [
                    "TRACKER_WEBHOOK_URL": receiver.url, "TRACKER_WEBHOOK_SECRET": WebhookSecret.generate().text,
                    WebhookOptions.allowLoopbackVariable: "1",
                ]
                try await ServerWebhooks.mount(
                    app: app, database: database.client, on: &configuration, logger: TestDatabase.logger, environment: environment)
                let sampler = try #require(configuration.services.compactMap { $0 as? WebhookQueueSampler }.first)
                let delivery = try #require(configuration.services.first { $0 is DeliveryService })
                let server = LoomServer.buildApplication(app: app, database: database.client, configuration: configuration, logger: TestDatabase.logger)
                let loop = Task { try await delivery.run() }
                try await server.test(.router) { client in
                    let tracker = try TestApp(client: client, app: app)
                    for name in ["One", "Two"] { try await tracker.create("/v1/projects", #"{"name": "\#(name)", "owner_email": "a@example.com"}"#) }
                    _ = try await receiver.waitFor(2)
                }
                var samples: [String: Double] = [:]
                for _ in 0..<50 {
                    samples = MetricsTests.samples(metrics)
                    if samples[#"webhook_delivery_attempts_total{outcome="success"}"#] == 1 { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                loop.cancel()
                try? await loop.value
                #expect(samples[#"webhook_delivery_attempts_total{outcome="retry"}"#] == 1, "\(samples)")
                #expect(samples[#"webhook_delivery_attempts_total{outcome="success"}"#] == 1, "\(samples)")
                // The refused delivery waits for its retry: one pending, its message a moment old.
                await sampler.sampleOnce()
                let sampled = MetricsTests.samples(metrics)
                #expect(sampled["webhook_queue_depth"] == 1, "\(sampled)")
                let age = try #require(sampled["webhook_oldest_pending_age_seconds"])
                #expect(age >= 0 && age < 60)
            }
        }
    }
}
