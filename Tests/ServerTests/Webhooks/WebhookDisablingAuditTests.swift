import Foundation
import Generated
import Runtime
import Testing
import Webhooks

@testable import Server

extension WebhookServerSuites {
    /// The server disabling a subscription (`410 Gone`) is audited in the disabling's
    /// transaction, under the subscription's organization, with the delivery worker as actor.
    /// (The failure-streak disabling is `WebhookDeliveryTests.failingTooLong`.)
    @Suite("Webhook disabling audit", .serialized)
    struct WebhookDisablingAuditTests {
        @Test("a 410 Gone disables an organization's stored subscription with one audit row the organization's auditors can read")
        func goneIsAudited() async throws {
            let clock = MovableClock()
            try await ManagementHarness.run(script: [WebhookReceiver.Answer(status: 410)], clock: clock.clock, auditedDelivery: true) { harness in
                let (id, _) = try await harness.subscribe(["projects.*"])
                try await harness.app.create("/v1/projects", #"{"name": "Gone", "owner_email": "ann@example.com"}"#)
                _ = try await harness.receiver.waitFor(1)
                let deadline = ContinuousClock.now + .seconds(20)
                var subscription: [String: any Sendable] = [:]
                while ContinuousClock.now < deadline {
                    subscription = try await harness.app.request(.get, "\(ManagementHarness.path)/\(id)").object
                    if subscription["enabled"] as? Bool == false { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(subscription["enabled"] as? Bool == false)
                #expect((subscription["disabled_reason"] as? String)?.contains("410") == true)
                let rows = try await harness.database.fetch(SQLStatement(
                    """
                    SELECT actor, credential, organization_id, resource_id, changed_fields, request_id, client_ip, occurred_at \
                    FROM audit_events WHERE resource = 'webhook_subscriptions' AND action = 'disabled'
                    """))
                #expect(rows.count == 1)
                let values = try #require(rows.first?.values)
                #expect(values[0] == .text("webhook-delivery") && values[1] == .text("system:webhook-delivery"), "the delivery worker acted")
                #expect(values[2] == .text("org-a"), "the subscription's organization")
                #expect(values[3] == .text(id))
                #expect(values[4] == .text(#"["enabled"]"#))
                #expect(values[5] == .null && values[6] == .null, "no request, no client")
                #expect(values[7] == .integer(WebhookClock.milliseconds(clock.now)), "at the controllable clock's time")
                let query = "/v1/audit?resource=webhook_subscriptions&action=disabled"
                let mine = try await harness.app.request(.get, query)
                #expect(mine.status == .ok, "\(mine.text)")
                #expect((mine.object["items"] as? [[String: any Sendable]])?.compactMap { $0["resource_id"] as? String } == [id])
                let theirs = try await harness.app.as(.organization("org-b", scopes: ["*"])).request(.get, query)
                #expect((theirs.object["items"] as? [[String: any Sendable]])?.isEmpty == true, "another organization does not see it")
            }
        }
    }
}
