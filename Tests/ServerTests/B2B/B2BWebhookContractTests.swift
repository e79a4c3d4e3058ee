import Foundation
import Generated
import HTTPTypes
import Testing
@testable import Webhooks

@testable import Server

/// The B2B reference's "Webhook Integration": subscriptions configured through the API (the
/// document's "dashboard"), events signed with HMAC-SHA256, against a live `b2b` server with its
/// delivery service and a receiver on 127.0.0.1 (loopback allowed, as an explicit test setting):
/// `event_types` filtering, retries with backoff on b2b's own generated schedule (a moved clock,
/// no waiting), and the 30 s answer window as the delivery client applies it.
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
    @Test("Webhook event filtering: a subscription to users.* gets user events, never an organization's, which users.* and organizations.* gets")
    func eventTypeFiltering() async throws {
        try await WebhookReceiver.run { filtered in
            try await WebhookReceiver.run { everything in
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
                    let users = try await app.request(
                        .post, "/v1/webhooks", json: #"{"url":"\#(filtered.url)","event_types":["users.*"]}"#, headers: key)
                    #expect(users.status == .created && users.object["event_types"] as? [String] == ["users.*"], "\(users.text)")
                    let all = try await app.request(.post, "/v1/webhooks", json: #"{"url":"\#(everything.url)","event_types":["users.*","organizations.*"]}"#, headers: key)
                    #expect(all.status == .created, "\(all.text)")
                    // A user, an organization (no match for users.*), another user.
                    #expect(try await app.request(.post, "/v1/users", json: #"{"email":"f1@example.com"}"#, headers: key).status == .created)
                    let organization = try await app.request(.post, "/v1/organizations", json: #"{"name":"Acme"}"#, headers: key)
                    #expect(organization.status == .created, "\(organization.text)")
                    #expect(try await app.request(.post, "/v1/users", json: #"{"email":"f2@example.com"}"#, headers: key).status == .created)
                    let type = { (received: WebhookReceiver.Received) in
                        ((try? JSONSerialization.jsonObject(with: Data(received.body))) as? [String: any Sendable])?["type"] as? String ?? ""
                    }
                    // The subscription to both gets all three, the organization's creation included...
                    let everyType = try await everything.waitFor(3).map(type)
                    #expect(everyType.sorted() == ["organizations.created", "users.created", "users.created"], "\(everyType)")
                    // ...and users.* the two user events only, even once the organization's has been delivered elsewhere.
                    let userTypes = try await filtered.waitFor(2).map(type)
                    try await Task.sleep(for: .milliseconds(500))
                    let settled = await filtered.received().map(type)
                    #expect(userTypes == ["users.created", "users.created"] && settled == userTypes, "\(settled)")
                }
            }
        }
    }
    @Test("Webhook retries: a failing receiver is retried with exponential backoff on b2b's own delivery schedule, until the schedule ends")
    func retriesOnTheAppSchedule() async throws {
        // b2b's declared delivery settings, as generated from Schemas/b2b/app.json (no copied numbers).
        let delivery = B2b.webhooks.delivery
        let schedule = delivery.retrySchedule
        #expect(schedule.count >= 2 && zip(schedule, schedule.dropFirst()).allSatisfy { $0 <= $1 }, "backoff grows: \(schedule)")
        let spread = Double(delivery.jitterPercent) / 100
        let clock = MovableClock()
        let script = Array(repeating: WebhookReceiver.Answer(status: 500), count: schedule.count + 1)
        try await WebhookReceiver.run(script: script) { receiver in
            var options = WebhookOptions()
            (options.allowLoopback, options.pollInterval, options.clock) = (true, .milliseconds(100), clock.clock)
            let module = try WebhooksModule(settings: B2b.webhooks, environment: [:], options: options, logger: TestDatabase.logger)
            let family = try #require(module.routes(audited: true))
            try await TestApp.b2b(configure: { ($0.hooks, $0.routeFamilies) = ($0.hooks + [module.hook], $0.routeFamilies + [family]) }) { app in
                let database = try #require(app.database)
                _ = try await WebhooksModule.migrate(database, app: "b2b")
                let harness = WebhookHarness(app: app, receiver: receiver, database: database, secret: .generate(), module: module)
                let running = harness.startDelivery()
                defer { running.cancel() }
                let key = TestApp.key(try await app.b2bFullKey(token: try await app.b2bOperator()))
                let subscription = try await app.request(
                    .post, "/v1/webhooks", json: #"{"url":"\#(receiver.url)","event_types":["users.*"]}"#, headers: key)
                #expect(subscription.status == .created, "\(subscription.text)")
                #expect(try await app.request(.post, "/v1/users", json: #"{"email":"retry@example.com"}"#, headers: key).status == .created)
                // Each failed attempt waits the schedule's next step (± the declared jitter), and nothing
                // is sent before it is due.
                for (index, seconds) in schedule.enumerated() {
                    let attempts = Int64(index + 1)
                    try await harness.waitForDeliveries { $0.first?.attempts == attempts }
                    let row = try #require(try await harness.deliveries().first)
                    #expect(row.status == "pending" && row.lastStatus == 500, "attempt \(attempts): \(row)")
                    let due = Double(row.next - WebhookClock.milliseconds(clock.now)) / 1000
                    let step = Double(seconds)
                    #expect(due >= step * (1 - spread) - 1 && due <= step * (1 + spread) + 1, "after attempt \(attempts) the wait is \(seconds) s ± \(delivery.jitterPercent) %: \(due) s")
                    if index == 0 {
                        clock.advance(by: step * (1 - spread) - 2)
                        try await Task.sleep(for: .milliseconds(300))
                        #expect(await receiver.received().count == 1, "nothing is sent before the retry is due")
                        clock.advance(by: due - (step * (1 - spread) - 2) + 1)
                    } else {
                        clock.advance(by: due + 1)
                    }
                }
                // The attempt after the schedule's last step is the last one: the delivery fails for good.
                try await harness.waitForDeliveries { $0.first?.status == "failed" }
                let requests = await receiver.received()
                #expect(requests.count == schedule.count + 1, "one attempt and \(schedule.count) retries: \(requests.count)")
                #expect(Set(requests.compactMap { $0.headers["webhook-id"] }).count == 1, "every retry carries the same message id")
            }
        }
    }

    @Test("Webhook answer window: b2b's delivery time-out is the document's 30 s, and it is the one the delivery client applies")
    func answerWindow() throws {
        // A receiver cut off after 30 s is shown with a 1 s window in `WebhookDeliveryTests.timeout`
        // (the same code path, `DeliverySender`); waiting 30 s here would add nothing but time.
        let delivery = B2b.webhooks.delivery
        #expect(delivery.timeoutSeconds == 30)
        let configuration = DeliveryService.clientConfiguration(delivery)
        #expect(configuration.timeout.read == .seconds(30))
        #expect(configuration.timeout.connect == .seconds(Int64(delivery.connectTimeoutSeconds)))
    }
}
