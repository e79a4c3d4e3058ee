import Foundation
import Generated
import HTTPTypes
import Testing
import Webhooks

@testable import Server

/// The B2B reference's "Webhook Integration": subscriptions configured through the API (the
/// document's "dashboard"), events signed with HMAC-SHA256, against a live `b2b` server with its
/// delivery service and a receiver on 127.0.0.1 (loopback allowed, as an explicit test setting).
@Suite("B2B contract: webhooks")
struct B2BWebhookContractTests {
    @Test("Webhook Integration: a user's creation reaches the subscribed URL, signed with HMAC-SHA256")
    func signedDelivery() async throws {
        try await WebhookReceiver.run { receiver in
            var options = WebhookOptions()
            (options.allowLoopback, options.pollInterval) = (true, .milliseconds(100))
            let module = try WebhooksModule(settings: B2b.webhooks, environment: [:], options: options, logger: TestDatabase.logger)
            let family = try #require(module.routes(audited: true))
            try await TestApp.b2b(configure: { ($0.hooks, $0.routeFamilies) = ($0.hooks + [module.hook], $0.routeFamilies + [family]) }) { app in
                let database = try #require(app.database)
                _ = try await WebhooksModule.migrate(database, app: "b2b")
                let delivery = Task { try await module.service(database: database).run() }
                defer { delivery.cancel() }
                let key = TestApp.key(try await app.b2bFullKey(token: try await app.b2bOperator()))
                let subscription = try await app.request(
                    .post, "/v1/webhooks", json: #"{"url":"\#(receiver.url)","description":"CRM sync","event_types":["users.*"]}"#,
                    headers: key)
                #expect(subscription.status == .created, "\(subscription.text)")
                let secret = try #require(subscription.object["secret"] as? String)
                let user = try await app.request(.post, "/v1/users", json: #"{"email":"hook@example.com"}"#, headers: key)
                let id = try #require(user.data["id"] as? String)
                let received = try #require(try await receiver.waitFor(1).first)
                #expect(try ManagementHarness.verifies(received, secret: secret))
                let payload = try #require(try JSONSerialization.jsonObject(with: Data(received.body)) as? [String: any Sendable])
                #expect(payload["type"] as? String == "users.created")
                #expect((payload["data"] as? [String: any Sendable])?["id"] as? String == id)
            }
        }
    }
}
