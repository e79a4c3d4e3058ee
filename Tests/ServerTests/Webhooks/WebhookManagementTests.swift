import Foundation
import APIContract
import Generated
import HTTPTypes
import Runtime
import Testing
import Webhooks

@testable import Server

extension WebhookServerSuites {
    /// The management API (`webhooks.management`, issue 13) on the suite's engine: subscriptions
    /// stored in the database, confined to the caller's organization, checked by the SSRF guard
    /// when created, delivered to with their own secrets (both during a rotation's grace), their
    /// messages and attempts listed, and replayed.
    @Suite("Webhook management API", .serialized)
    struct WebhookManagementTests {
        static let path = ManagementHarness.path
        static let orgB = TestCaller.organization("org-b", scopes: ["*"], user: "user-b")
        static let project = #"{"name": "Hooks", "owner_email": "ann@example.com"}"#

        @Test("create (secret shown once), list, get, update, delete; org A cannot see or change org B's subscription")
        func crudAndTenancy() async throws {
            try await ManagementHarness.run { harness in
                let app = harness.app
                let (id, secret) = try await harness.subscribe(["tasks.*"])
                #expect(id.hasPrefix("whsub_"))
                #expect(secret.hasPrefix("whsec_") && (try? WebhookSecret(secret)) != nil)
                let got = try await app.request(.get, "\(Self.path)/\(id)")
                #expect(got.status == .ok)
                #expect(got.object["secret"] == nil, "the secret is shown only once")
                #expect(got.object["event_types"] as? [String] == ["tasks.*"])
                #expect(got.object["organization_id"] as? String == "org-a")
                let (idB, _) = try await harness.subscribe(["*"], as: Self.orgB)
                let listA = try await app.request(.get, "\(Self.path)?limit=10")
                #expect(listA.object["total"] as? Int == 1)
                #expect((listA.object["items"] as? [[String: any Sendable]])?.map { $0["id"] as? String } == [id])
                for (method, suffix, body) in [
                    (HTTPRequest.Method.get, "", nil), (.patch, "", #"{"enabled": false}"#), (.delete, "", nil),
                    (.post, "/rotate-secret", nil), (.post, "/test", nil), (.get, "/messages", nil),
                    (.post, "/replay", #"{"since": "2020-01-01T00:00:00Z"}"#),
                ] as [(HTTPRequest.Method, String, String?)] {
                    let reply = try await app.request(method, "\(Self.path)/\(idB)\(suffix)", json: body)
                    #expect(reply.status == .notFound, "\(method) \(suffix): org A must not reach org B's subscription")
                }
                #expect(try await app.as(Self.orgB).request(.get, "\(Self.path)/\(idB)").object["enabled"] as? Bool == true)
                let ownerB = app.as(Self.orgB)
                #expect(try await ownerB.request(.patch, "\(Self.path)/\(idB)", json: #"{"description": "kept"}"#).status == .ok)
                let untouched = try await ownerB.request(.patch, "\(Self.path)/\(idB)", json: #"{"enabled": true}"#)
                #expect(untouched.object["description"] as? String == "kept", "a member the update leaves out keeps its value")
                let updated = try await app.request(
                    .patch, "\(Self.path)/\(id)", json: #"{"description": null, "event_types": ["projects.created", "tasks.*"], "enabled": false}"#)
                #expect(updated.status == .ok, "\(updated.text)")
                #expect(updated.object["description"] is NSNull)
                #expect(updated.object["enabled"] as? Bool == false)
                #expect(updated.object["event_types"] as? [String] == ["projects.created", "tasks.*"])
                let admin = TestCaller.unbound(scopes: ["webhooks:manage"], user: "admin")
                #expect(try await app.as(admin).request(.get, Self.path).object["total"] as? Int == 2, "an unbound admin sees all")
                let member = TestCaller.organization("org-a", scopes: ["projects:read"])
                #expect(try await app.as(member).request(.get, Self.path).status == .forbidden)
                #expect(try await app.as(.anonymous).request(.get, Self.path).status == .unauthorized)
                #expect(try await app.request(.delete, "\(Self.path)/\(id)").status == .noContent)
                #expect(try await app.request(.get, "\(Self.path)/\(id)").status == .notFound)
                let audit = try await app.as(.unbound(scopes: ["audit:read"], user: "auditor")).request(.get, "/v1/audit?resource=webhook_subscriptions")
                let actions = (audit.object["items"] as? [[String: any Sendable]] ?? []).filter { $0["resource_id"] as? String == id }
                #expect(actions.map { $0["action"] as? String } == ["deleted", "updated", "created"], "subscription changes are audited")
                #expect(actions[1]["changed_fields"] as? [String] == ["description", "enabled", "event_types"])
            }
        }

        @Test("deleting a subscription removes its deliveries and the messages no other subscription still has a delivery of")
        func deletePurgesMessages() async throws {
            try await ManagementHarness.run { harness in
                let (only, _) = try await harness.subscribe(["projects.created"])
                let (shared, _) = try await harness.subscribe(["projects.*"])
                let project = try #require(try await harness.app.create("/v1/projects", Self.project)["id"] as? String)
                #expect(try await harness.app.request(.patch, "/v1/projects/\(project)", json: #"{"status": "paused"}"#).status == .ok)
                #expect(try await harness.count("webhook_messages") == 2)
                #expect(try await harness.count("webhook_deliveries") == 3)
                let deleted = try await harness.app.request(.delete, "\(Self.path)/\(shared)")
                #expect(deleted.status == .noContent, "\(deleted.text)")
                #expect(try await harness.count("webhook_messages") == 1, "the update's message had no other receiver")
                #expect(try await harness.count("webhook_deliveries") == 1)
                #expect(try await harness.app.request(.delete, "\(Self.path)/\(only)").status == .noContent)
                #expect(try await harness.count("webhook_messages") == 0)
                #expect(try await harness.count("webhook_deliveries") == 0)
            }
        }

        @Test("deleting a subscription spares a message whose static subscriptions' deliveries are not written yet")
        func deleteSparesMarkedMessages() async throws {
            try await ManagementHarness.run { harness in
                let (stored, _) = try await harness.subscribe(["projects.created"])
                // As a write makes it when a static subscription receives the event too: the stored
                // subscription's delivery in the transaction, the static one's owed (`fan_out`).
                let dialect = harness.database.dialect
                _ = try await harness.database.write([
                    SQLStatement(
                        PlaceholderSequence.render(
                            "INSERT INTO webhook_messages (id, event_type, organization_id, payload, created_at, fan_out) VALUES ('msg_owed', 'projects.created', NULL, '{}', 1, ?)",
                            for: dialect),
                        [.text(#"["tracker.main"]"#)]),
                    SQLStatement(
                        PlaceholderSequence.render(
                            "INSERT INTO webhook_deliveries (id, message_id, subscription, status, attempts, next_attempt_at, updated_at) VALUES (?, 'msg_owed', ?, 'success', 1, 1, 1)",
                            for: dialect),
                        [.text("msg_owed:" + stored), .text(stored)]),
                ])
                #expect(try await harness.app.request(.delete, "\(Self.path)/\(stored)").status == .noContent)
                #expect(try await harness.count("webhook_deliveries") == 0)
                let left = try await harness.database.fetch(SQLStatement("SELECT id, fan_out FROM webhook_messages"))
                #expect(left.map(\.values) == [[.text("msg_owed"), .text(#"["tracker.main"]"#)]], "the static subscription's delivery is still owed")
            }
        }

        @Test("URLs the SSRF guard refuses, and patterns matching no event, are 422 naming the field")
        func refusedAtCreation() async throws {
            try await ManagementHarness.run(allowLoopback: false) { harness in
                let refused = [
                    "http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
                    "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/",
                    "http://[fc00::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://224.0.0.1/", "ftp://example.com/",
                    "not a url", "http://",
                ]
                for url in refused {
                    let reply = try await harness.app.request(.post, Self.path, json: #"{"url": "\#(url)", "event_types": ["*"]}"#)
                    #expect(reply.status == .unprocessableContent, "\(url): \(reply.text)")
                    #expect(reply.errorFields == ["url"], "\(url)")
                }
                let pattern = try await harness.app.request(
                    .post, Self.path, json: #"{"url": "http://10.0.0.1/", "event_types": ["invoices.*"]}"#)
                #expect(pattern.status == .unprocessableContent)
                #expect(Set(pattern.errorFields).contains("event_types[0]"), "\(pattern.text)")
                #expect(try await harness.app.request(.get, Self.path).object["total"] as? Int == 0, "nothing refused was stored")
            }
        }

        @Test("an organization stores at most WebhookContract.maximumSubscriptions subscriptions: 409 beyond")
        func capped() async throws {
            try await ManagementHarness.run { harness in
                let database = harness.database
                var p = PlaceholderSequence(dialect: database.dialect)
                let values = (0..<6).map { _ in p.next() }.joined(separator: ", ")
                // Stored directly: a hundred creates through the API would only repeat the same path.
                let statements = (0..<WebhookContract.maximumSubscriptions).map { index in
                    SQLStatement(
                        """
                        INSERT INTO webhook_subscriptions (id, organization_id, url, secret, enabled, created_at, updated_at) \
                        VALUES (\(values), 0)
                        """,
                        [.text("whsub_\(index)"), .text("org-a"), .text("http://127.0.0.1:9/"), .text(WebhookSecret.generate().text), .integer(1), .integer(0)])
                }
                _ = try await database.write(statements)
                let refused = try await harness.app.request(.post, Self.path, json: #"{"url": "\#(harness.receiver.url)", "event_types": ["*"]}"#)
                #expect(refused.status == .conflict, "\(refused.text)")
                _ = try await harness.subscribe(as: Self.orgB)
            }
        }

        @Test("events reach the organization's subscriptions only, signed with their secret; messages and attempts are listed")
        func deliveredAndLogged() async throws {
            try await ManagementHarness.run { harness in
                let (id, secret) = try await harness.subscribe(["projects.*"])
                try await harness.app.as(Self.orgB).create("/v1/projects", Self.project)
                try await harness.app.create("/v1/projects", Self.project)
                let received = try await harness.receiver.waitFor(1)
                let messages = try await harness.waitForMessages(id) { $0.first?["status"] as? String == "success" }
                #expect(messages.count == 1, "org B's project is not org A's event")
                #expect(received.count == 1)
                let request = try #require(received.first)
                #expect(try ManagementHarness.verifies(request, secret: secret))
                let payload = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
                #expect(payload["organization_id"] as? String == "org-a")
                #expect(payload["type"] as? String == "projects.created")
                let message = try #require(messages.first?["id"] as? String)
                #expect(message == request.headers["webhook-id"])
                let attempts = try await harness.app.request(.get, "\(Self.path)/\(id)/messages/\(message)/attempts")
                #expect(attempts.status == .ok, "\(attempts.text)")
                let attempt = try #require((attempts.object["items"] as? [[String: any Sendable]])?.first)
                #expect(attempt["response_status"] as? Int == 200)
                #expect(attempt["response_body"] as? String == "answer 200")
                #expect(try await harness.app.request(.get, "\(Self.path)/\(id)/messages/msg_nope/attempts").status == .notFound)
                let test = try await harness.app.request(.post, "\(Self.path)/\(id)/test")
                #expect(test.status == .accepted)
                #expect(test.object["event_type"] as? String == "webhook.test")
                let all = try await harness.receiver.waitFor(2)
                #expect(all.count == 2)
                #expect(try all.last.map { try ManagementHarness.verifies($0, secret: secret) } == true)
            }
        }

        @Test("a rotated secret: deliveries carry both signatures, the new and the old")
        func rotation() async throws {
            try await ManagementHarness.run { harness in
                let (id, old) = try await harness.subscribe(["projects.created"])
                let rotated = try await harness.app.request(.post, "\(Self.path)/\(id)/rotate-secret", json: #"{"grace_seconds": 3600}"#)
                #expect(rotated.status == .ok, "\(rotated.text)")
                let new = try #require(rotated.object["secret"] as? String)
                #expect(new != old)
                #expect(rotated.object["previous_secret_expires_at"] is String)
                // The delivery service reads the subscription again after the change.
                try await Task.sleep(for: .milliseconds(300))
                try await harness.app.create("/v1/projects", Self.project)
                let request = try #require(try await harness.receiver.waitFor(1).first)
                #expect(request.headers["webhook-signature"]?.split(separator: " ").count == 2)
                #expect(try ManagementHarness.verifies(request, secret: new))
                #expect(try ManagementHarness.verifies(request, secret: old))
            }
        }

        @Test("failed messages are replayed, one by one or every one since a time")
        func replay() async throws {
            let settings = Tracker.webhooks.with(delivery: .init(
                timeoutSeconds: 5, connectTimeoutSeconds: 5, retrySchedule: [], jitterPercent: 0, maxConcurrencyPerEndpoint: 1))
            let failures = Array(repeating: WebhookReceiver.Answer(status: 500), count: 2)
            try await ManagementHarness.run(settings: settings, script: failures) { harness in
                let (id, _) = try await harness.subscribe(["projects.created"])
                let since = TimestampFormat.makeTimestamp(Date().addingTimeInterval(-60))
                try await harness.app.create("/v1/projects", #"{"name": "One", "owner_email": "ann@example.com"}"#)
                try await harness.app.create("/v1/projects", #"{"name": "Two", "owner_email": "ann@example.com"}"#)
                let failed = try await harness.waitForMessages(id) { $0.count == 2 && $0.allSatisfy { $0["status"] as? String == "failed" } }
                #expect(try await harness.messages(id, "?status=failed").count == 2)
                let first = try #require(failed.last?["id"] as? String)
                let one = try await harness.app.request(.post, "\(Self.path)/\(id)/messages/\(first)/replay")
                #expect(one.status == .accepted, "\(one.text)")
                _ = try await harness.waitForMessages(id) { $0.filter { $0["status"] as? String == "success" }.count == 1 }
                let rest = try await harness.app.request(.post, "\(Self.path)/\(id)/replay", json: #"{"since": "\#(since)"}"#)
                #expect(rest.status == .accepted)
                #expect(rest.object["replayed"] as? Int == 1)
                _ = try await harness.waitForMessages(id) { $0.allSatisfy { $0["status"] as? String == "success" } }
                let attempts = try await harness.app.request(.get, "\(Self.path)/\(id)/messages/\(first)/attempts")
                #expect(attempts.object["total"] as? Int == 2, "the failed attempt stays in the log")
                #expect(await harness.receiver.received().count == 4)
            }
        }
    }
}
