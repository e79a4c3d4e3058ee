import Crypto
import Foundation
import Generated
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// Sovrium's webhook stories (`reference/sovrium/webhooks/`, as developer then as app
/// administrator): outgoing webhooks per table and event, an incoming webhook with signature
/// checks, payloads, retries, and the admin routes `/api/admin/webhooks`, `/{id}/logs`, `/{id}/retry`.
@Suite("Sovrium: webhook stories (US-API-WEBHOOK-001..004, US-API-WEBHOOK-ADMIN-001..003)", .serialized)
struct SovriumWebhookContractTests {
    static let admin = "/api/admin/webhooks"

    /// Subscribes the receiver to `events` as `token`; returns the subscription's id and secret.
    static func subscribe(_ sovrium: SovriumHarness, _ events: [String], token: String) async throws -> (id: String, secret: String) {
        let list = events.map { "\"\($0)\"" }.joined(separator: ", ")
        let reply = try await sovrium.app.request(
            .post, admin, json: #"{"url": "\#(sovrium.receiver.url)", "description": "CRM sync", "eventTypes": [\#(list)]}"#,
            headers: SovriumHarness.bearer(token))
        #expect(reply.status == .created, "\(reply.text)")
        return (try #require(reply.object["id"] as? String), try #require(reply.object["secret"] as? String))
    }

    /// Whether `request`'s `X-Signature` is `sha256=<hex HMAC-SHA256>` of its body under the
    /// subscription's secret (`whsec_` + base64 of the key), checked here independently of the server.
    static func verifies(_ request: WebhookReceiver.Received, secret: String) throws -> Bool {
        let key = try #require(Data(base64Encoded: String(secret.dropFirst("whsec_".count))))
        let mac = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: key))
        return request.headers["x-signature"] == "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    static func json(_ request: WebhookReceiver.Received) -> [String: any Sendable] {
        ((try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: any Sendable]) ?? [:]
    }

    @Test("US-API-WEBHOOK-001/003: a webhook per table fires on create, update and delete within 5 s, with type, timestamp, the record and a verifiable signature")
    func outgoing() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("admin@example.com", admin: true)
            let (_, secret) = try await Self.subscribe(sovrium, ["projects.*"], token: token)
            let started = ContinuousClock.now
            let project = try await sovrium.create("projects", #"{"name": "Alpha", "priority": 2}"#, token: token)
            let id = try #require(project["id"] as? String)
            let first = try await sovrium.receiver.waitFor(1, timeout: .seconds(5))
            // US-API-WEBHOOK-001 AC-003: within 5 s of the event.
            #expect(first.count == 1 && ContinuousClock.now - started < .seconds(5), "\(first.count) deliveries")
            try await sovrium.create("contacts", #"{"email": "ada@example.com"}"#, token: token)   // another table: not this webhook's
            _ = try await sovrium.app.request(.patch, "/api/tables/projects/records/\(id)", json: #"{"priority": 5}"#, headers: SovriumHarness.bearer(token))
            _ = try await sovrium.app.request(.delete, "/api/tables/projects/records/\(id)", headers: SovriumHarness.bearer(token))
            let received = try await sovrium.receiver.waitFor(3, timeout: .seconds(10))
            try await Task.sleep(for: .milliseconds(300))
            #expect(await sovrium.receiver.received().count == 3, "only the projects events")
            // AC-002: create, update, delete; the released payload: `event`, `table`, `data.record`.
            // Deliveries run concurrently, so they may arrive in any order.
            #expect(Set(received.compactMap { Self.json($0)["event"] as? String }) == ["record.create", "record.update", "record.delete"])
            for request in received {
                let body = Self.json(request)
                // US-API-WEBHOOK-003: the event type, a timestamp, the record, a signature the receiver can check.
                #expect(body["table"] as? String == "projects" && (body["id"] as? String)?.hasPrefix("msg_") == true, "\(body)")
                #expect((body["timestamp"] as? String).map { $0.hasSuffix("Z") && $0.count == 24 } == true, "\(body)")
                let record = try #require((body["data"] as? [String: any Sendable])?["record"] as? [String: any Sendable], "\(body)")
                #expect(record["id"] as? String == id && (record["fields"] as? [String: any Sendable])?["name"] as? String == "Alpha")
                #expect(try Self.verifies(request, secret: secret), "\(request.headers)")
                #expect(request.headers["content-type"] == "application/json" && request.headers["user-agent"] == "Loom-Webhooks/1")
                #expect(request.headers["x-webhook-event"] == body["event"] as? String, "\(request.headers)")
            }
            let updated = try #require(received.first { Self.json($0)["event"] as? String == "record.update" })
            let update = try #require(Self.json(updated)["data"] as? [String: any Sendable])
            #expect(((update["previous"] as? [String: any Sendable])?["fields"] as? [String: any Sendable])?["priority"] as? Int == 2,
                "an update carries the earlier values of what it changed: \(update)")
            #expect(((update["record"] as? [String: any Sendable])?["fields"] as? [String: any Sendable])?["priority"] as? Int == 5)
        }
    }

    @Test("US-API-WEBHOOK-002: the incoming webhook at /api/webhooks/contacts checks X-Signature (401), validates the payload (400) and acts on it")
    func incoming() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("admin@example.com", admin: true)
            let path = "/api/webhooks/contacts"
            let body = #"{"email": "grace@example.com", "first_name": "Grace"}"#
            // AC-002: unsigned, wrongly signed or signed with another secret: 401, nothing done.
            for signature in [nil, "sha256=00", SovriumHarness.signature(body, secret: "another secret")] {
                var headers: HTTPFields = [:]
                if let signature { headers[HTTPField.Name("X-Signature")!] = signature }
                let refused = try await sovrium.app.request(.post, path, json: body, headers: headers)
                #expect(refused.status == .unauthorized && refused.sovriumError.code == "UNAUTHORIZED", "\(refused.text)")
            }
            func send(_ text: String) async throws -> Reply {
                try await sovrium.app.request(
                    .post, path, json: text, headers: [HTTPField.Name("X-Signature")!: SovriumHarness.signature(text, secret: SovriumHarness.contactsSecret)])
            }
            // AC-003: the payload is parsed and validated.
            let invalid = try await send(#"{"email": "not-an-email"}"#)
            #expect(invalid.status == .badRequest && invalid.sovriumError.fields == ["email"], "\(invalid.text)")
            let broken = try await send("{")
            #expect(broken.status == .badRequest, "\(broken.text)")
            // AC-001: the configured endpoint acts: the contact is created, then updated, once each.
            #expect(try await send(body).status == .ok)
            #expect(try await send(body).status == .ok)
            #expect(try await send(#"{"email": "grace@example.com", "last_name": "Hopper"}"#).status == .ok)
            let list = try await sovrium.app.request(.get, "/api/tables/contacts/records", headers: SovriumHarness.bearer(token))
            #expect(list.records.count == 1, "\(list.text)")
            // A deleted contact's address: acknowledged (a sender retrying could never get past it), nothing changed.
            let id = try #require(list.records.first?["id"] as? String)
            #expect(try await sovrium.app.request(.delete, "/api/tables/contacts/records/\(id)", headers: SovriumHarness.bearer(token)).status == .noContent)
            #expect(try await send(#"{"email": "grace@example.com", "first_name": "Ada"}"#).status == .ok)
            #expect(try await sovrium.app.request(.get, "/api/tables/contacts/records", headers: SovriumHarness.bearer(token)).records.isEmpty)
            let fields = list.records.first?["fields"] as? [String: any Sendable]
            #expect(fields?["first_name"] as? String == "Grace" && fields?["last_name"] as? String == "Hopper", "\(list.text)")
        }
    }

    @Test("US-API-WEBHOOK-004: failed deliveries are retried with exponential backoff, at most 5 times, then the delivery fails")
    func retries() async throws {
        // The app's schedule: 5 retries, each wait 4× the one before (30 s, 2 min, 8 min, 32 min, 2 h 8 min), no jitter.
        #expect(Sovrium.webhooks.delivery.retrySchedule == [30, 120, 480, 1920, 7680])
        #expect(Sovrium.webhooks.delivery.jitterPercent == 0)
        let schedule = Sovrium.webhooks.delivery.retrySchedule
        #expect(zip(schedule, schedule.dropFirst()).allSatisfy { $1 == $0 * 4 })
        // The first failure is retried 30 s later.
        try await SovriumHarness.run(script: [.init(status: 500)]) { sovrium in
            let (token, _) = try await sovrium.user("admin@example.com", admin: true)
            let (id, _) = try await Self.subscribe(sovrium, ["projects.created"], token: token)
            try await sovrium.create("projects", #"{"name": "Alpha"}"#, token: token)
            _ = try await sovrium.receiver.waitFor(1)
            let message = try await Self.waitForLogs(sovrium, id, token: token) { $0.first?["attempts"] as? Int == 1 }.first
            #expect(message?["status"] as? String == "pending" && message?["lastStatus"] as? Int == 500, "\(String(describing: message))")
            let nextText: String? = message?["nextAttemptAt"] as? String
            let next = try #require(nextText.flatMap { Self.date($0) }, "\(String(describing: message))")
            #expect(abs(next.timeIntervalSinceNow - 30) < 5, "\(next)")
        }
        // The same five retries on a schedule of seconds: six attempts in all, then failed.
        let quick = WebhookSettings.Delivery(timeoutSeconds: 5, connectTimeoutSeconds: 5, retrySchedule: [1, 1, 1, 1, 1], jitterPercent: 0, maxConcurrencyPerEndpoint: 1)
        try await SovriumHarness.run(script: Array(repeating: .init(status: 503), count: 7), delivery: quick) { sovrium in
            let (token, _) = try await sovrium.user("admin@example.com", admin: true)
            let (id, _) = try await Self.subscribe(sovrium, ["projects.created"], token: token)
            try await sovrium.create("projects", #"{"name": "Alpha"}"#, token: token)
            let failed = try await Self.waitForLogs(sovrium, id, token: token, timeout: .seconds(30)) { $0.first?["status"] as? String == "failed" }
            #expect(failed.first?["attempts"] as? Int == 6, "\(failed)")
            try await Task.sleep(for: .milliseconds(1500))
            #expect(await sovrium.receiver.received().count == 6)
        }
    }

    @Test("US-API-WEBHOOK-ADMIN-001: admins create, edit and delete webhooks with their events at /api/admin/webhooks; 401 without authentication")
    func configuration() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("admin@example.com", admin: true)
            let auth = SovriumHarness.bearer(token)
            let (id, _) = try await Self.subscribe(sovrium, ["projects.created", "contacts.*"], token: token)
            let listed = try await sovrium.app.request(.get, Self.admin, headers: auth)
            #expect(listed.status == .ok && (listed.object["items"] as? [[String: any Sendable]])?.count == 1, "\(listed.text)")
            // AC-003: the events each webhook fires on.
            let edited = try await sovrium.app.request(
                .patch, "\(Self.admin)/\(id)", json: #"{"eventTypes": ["projects.deleted"], "description": "Deletions only"}"#, headers: auth)
            #expect(edited.status == .ok && edited.object["eventTypes"] as? [String] == ["projects.deleted"], "\(edited.text)")
            let unknown = try await sovrium.app.request(.patch, "\(Self.admin)/\(id)", json: #"{"eventTypes": ["projects.archived"]}"#, headers: auth)
            #expect(unknown.status == .badRequest && unknown.sovriumError.fields == ["eventTypes[0]"], "\(unknown.text)")
            try await sovrium.create("projects", #"{"name": "Not sent"}"#, token: token)
            let deleted = try await sovrium.app.request(.delete, "\(Self.admin)/\(id)", headers: auth)
            #expect(deleted.status == .noContent)
            #expect(try await sovrium.app.request(.get, "\(Self.admin)/\(id)", headers: auth).status == .notFound)
            #expect(await sovrium.receiver.received().isEmpty)
            // A member (no webhooks:manage) is refused; AC-004: no credentials, 401 on every route.
            let (member, _) = try await sovrium.user("member@example.com")
            #expect(try await sovrium.app.request(.get, Self.admin, headers: SovriumHarness.bearer(member)).status == .forbidden)
            for (method, path) in [(HTTPRequest.Method.get, Self.admin), (.post, Self.admin), (.get, "\(Self.admin)/\(id)"), (.patch, "\(Self.admin)/\(id)"), (.delete, "\(Self.admin)/\(id)")] {
                let reply = try await sovrium.app.request(method, path, json: method == .get || method == .delete ? nil : "{}")
                #expect(reply.status == .unauthorized && reply.sovriumError.code == "UNAUTHORIZED", "\(method) \(path): \(reply.text)")
            }
        }
    }

    @Test("US-API-WEBHOOK-ADMIN-002/003: /{id}/logs shows success, failure and pending with response details; /{id}/retry resends the original payload and logs it")
    func logsAndRetry() async throws {
        let once = WebhookSettings.Delivery(timeoutSeconds: 5, connectTimeoutSeconds: 5, retrySchedule: [], jitterPercent: 0, maxConcurrencyPerEndpoint: 1)
        try await SovriumHarness.run(script: [.init(status: 500)], delivery: once) { sovrium in
            let (token, _) = try await sovrium.user("admin@example.com", admin: true)
            let auth = SovriumHarness.bearer(token)
            let (id, _) = try await Self.subscribe(sovrium, ["projects.created"], token: token)
            try await sovrium.create("projects", #"{"name": "Fails first"}"#, token: token)
            _ = try await Self.waitForLogs(sovrium, id, token: token) { $0.first?["status"] as? String == "failed" }
            try await sovrium.create("projects", #"{"name": "Succeeds"}"#, token: token)
            let logs = try await Self.waitForLogs(sovrium, id, token: token) { $0.count == 2 && $0.first?["status"] as? String == "success" }
            // ADMIN-002 AC-001/002: history per webhook, with its states.
            #expect(Set(logs.compactMap { $0["status"] as? String }) == ["success", "failed"], "\(logs)")
            let failed = try #require(logs.first { $0["status"] as? String == "failed" })
            #expect(failed["lastStatus"] as? Int == 500 && failed["attempts"] as? Int == 1)
            let onlyFailed = try await sovrium.app.request(.get, "\(Self.admin)/\(id)/logs?status=failed", headers: auth)
            #expect((onlyFailed.object["items"] as? [[String: any Sendable]])?.count == 1, "\(onlyFailed.text)")
            // AC-003: response details of each attempt.
            let message = try #require(failed["id"] as? String)
            let attempts = try await sovrium.app.request(.get, "\(Self.admin)/\(id)/messages/\(message)/attempts", headers: auth)
            let attempt = try #require((attempts.object["items"] as? [[String: any Sendable]])?.first, "\(attempts.text)")
            #expect(attempt["responseStatus"] as? Int == 500 && attempt["durationMs"] is Int && attempt["responseBody"] as? String == "answer 500", "\(attempt)")
            // ADMIN-003: retry the failed deliveries: the original payload, the result logged.
            let retry = try await sovrium.app.request(.post, "\(Self.admin)/\(id)/retry", headers: auth)
            #expect(retry.status == .accepted && retry.object["replayed"] as? Int == 1, "\(retry.text)")
            let after = try await Self.waitForLogs(sovrium, id, token: token) { $0.allSatisfy { $0["status"] as? String == "success" } }
            #expect(after.count == 2)
            let received = await sovrium.receiver.received()
            #expect(received.count == 3 && received[0].body == received[2].body, "the retry sent the original payload")
            let logged = try await sovrium.app.request(.get, "\(Self.admin)/\(id)/messages/\(message)/attempts", headers: auth)
            #expect(logged.object["total"] as? Int == 2, "\(logged.text)")
            // AC-004 of both: 401 without credentials.
            for (method, path) in [(HTTPRequest.Method.get, "\(Self.admin)/\(id)/logs"), (.post, "\(Self.admin)/\(id)/retry"), (.get, "\(Self.admin)/\(id)/messages/\(message)/attempts")] {
                let reply = try await sovrium.app.request(method, path)
                #expect(reply.status == .unauthorized && reply.sovriumError.code == "UNAUTHORIZED", "\(path): \(reply.text)")
            }
        }
    }

    /// The logs of subscription `id` once `condition` holds (newest first), waiting up to `timeout`.
    static func waitForLogs(
        _ sovrium: SovriumHarness, _ id: String, token: String, timeout: Duration = .seconds(20),
        _ condition: ([[String: any Sendable]]) -> Bool
    ) async throws -> [[String: any Sendable]] {
        let deadline = ContinuousClock.now + timeout
        var items: [[String: any Sendable]] = []
        while ContinuousClock.now < deadline {
            let reply = try await sovrium.app.request(.get, "\(admin)/\(id)/logs", headers: SovriumHarness.bearer(token))
            items = reply.object["items"] as? [[String: any Sendable]] ?? []
            if condition(items) { return items }
            try await Task.sleep(for: .milliseconds(400))
        }
        Issue.record("the logs never met the condition: \(items)")
        return items
    }

    static func date(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true))
    }
}
