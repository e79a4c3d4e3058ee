import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// EventFlow's `POST /api/v1/producers/{id}/webhook` (an endpoint declaring a Standard Webhooks
/// `webhook`): the runtime verifies before the handler, deduplicates by `webhook-id` in the
/// handler's transaction and purges old ids; on SQLite and PostgreSQL.
@Suite("Incoming webhooks")
struct IncomingWebhookRouteTests {
    private static let secret = TestApp.incomingWebhookSecret
    private static let body = #"{"id": "msg_a", "type": "order.created", "timestamp": "2026-12-05T10:00:00Z", "data": {"order": 7}}"#

    /// A producer's webhook path and the app, for `body`.
    private func withProducer(_ body: @Sendable (TestApp, String) async throws -> Void) async throws {
        try await TestApp.run("eventflow") { app in
            let producer = try await app.registerProducer("shop", as: try await app.eventflowUser())
            let producerID = try #require(producer["producer_id"] as? String)
            try await body(app, "/api/v1/producers/\(producerID)/webhook")
        }
    }

    private func send(
        _ app: TestApp, _ path: String, id: String = "msg_a", timestamp: Int64 = IncomingWebhookSigning.now, body: String = Self.body,
        signature: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Reply {
        let signed = signature ?? IncomingWebhookSigning.standardWebhooks(secret: Self.secret, id: id, timestamp: timestamp, body: body)
        return try await app.as(.anonymous).request(
            .post, path, json: body, headers: IncomingWebhookSigning.standardHeaders(id: id, timestamp: timestamp, signature: signed),
            sourceLocation: sourceLocation)
    }

    private func events(_ app: TestApp) async throws -> Int { try await app.database!.rowCount("events") }

    @Test("a signed message is stored as the producer's event; the same webhook-id again is 200 and stores nothing")
    func storedOnce() async throws {
        try await withProducer { app, path in
            let first = try await send(app, path)
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.text == "{}")
            #expect(try await events(app) == 1)
            let list = try await app.request(.get, "/api/v1/events?event_type=order.created")
            #expect(((list.items.first?["payload"]) as? [String: any Sendable])?["order"] as? Int == 7)
            // A redelivery (new timestamp, new signature, same id) does not run the handler again.
            let again = try await send(app, path, timestamp: IncomingWebhookSigning.now - 5)
            #expect(again.status == .ok)
            #expect(again.text == "{}")
            #expect(try await events(app) == 1)
            #expect(try await app.database!.rowCount("loom_webhook_receipts") == 1)
            let next = try await send(app, path, id: "msg_b")
            #expect(next.status == .ok)
            #expect(try await events(app) == 2)
        }
    }

    @Test("a missing or wrong signature, a missing header or a stale timestamp is 401 and the handler does not run")
    func refused() async throws {
        try await withProducer { app, path in
            let wrongSecret = IncomingWebhookSigning.standardWebhooks(
                secret: "whsec_" + Data(repeating: 1, count: 24).base64EncodedString(), id: "msg_a", timestamp: IncomingWebhookSigning.now, body: Self.body)
            for reply in [
                try await send(app, path, signature: wrongSecret),
                try await send(app, path, signature: "v1,"),
                // Well outside the 300 s tolerance, so a slow test machine cannot bring them back in
                // (the exact boundary is IncomingWebhookVerifierTests' on a fixed clock).
                try await send(app, path, timestamp: IncomingWebhookSigning.now - 400),
                try await send(app, path, timestamp: IncomingWebhookSigning.now + 400),
                try await app.as(.anonymous).request(.post, path, json: Self.body),
            ] {
                #expect(reply.status == .unauthorized, "\(reply.text)")
                #expect(reply.object["error_code"] as? String == "INVALID_CREDENTIALS")
            }
            // A body changed after signing.
            let signature = IncomingWebhookSigning.standardWebhooks(
                secret: Self.secret, id: "msg_a", timestamp: IncomingWebhookSigning.now, body: Self.body)
            let tampered = Self.body.replacingOccurrences(of: "7", with: "8")
            #expect(try await send(app, path, body: tampered, signature: signature).status == .unauthorized)
            #expect(try await events(app) == 0)
            #expect(try await app.database!.rowCount("loom_webhook_receipts") == 0)
        }
    }

    @Test("after a valid signature the body is validated (422 naming the field); the id stays unrecorded")
    func validatedAfterSignature() async throws {
        try await withProducer { app, path in
            let invalid = #"{"type": "Not A Type", "data": {}}"#
            let reply = try await send(app, path, body: invalid)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorFields == ["type"])
            let missing = try await send(app, path, id: "msg_c", body: #"{"type": "order.created"}"#)
            #expect(missing.errorFields == ["data"])
            #expect(try await app.database!.rowCount("loom_webhook_receipts") == 0)
        }
    }

    @Test("a message the handler refuses (unknown producer) records no id: the redelivery is handled")
    func failedHandlerRecordsNothing() async throws {
        try await withProducer { app, path in
            let unknown = "/api/v1/producers/\(UUID().uuidString.lowercased())/webhook"
            let reply = try await send(app, unknown)
            #expect(reply.status == .notFound, "\(reply.text)")
            let receipts = try await app.database!.rowCount("loom_webhook_receipts")
            #expect(receipts == 0)
            // The producer's own path takes the same message id: nothing recorded it.
            #expect(try await send(app, path).status == .ok)
        }
    }

    @Test("the reference standardwebhooks package signs a message the server accepts")
    func referencePackageSigns() async throws {
        guard StandardWebhooksInterop.available else {
            print("skipped: python3 lacks the standardwebhooks package (.ci/run installs it)")
            return
        }
        try await withProducer { app, path in
            let timestamp = IncomingWebhookSigning.now
            let signature = try StandardWebhooksInterop.sign(secret: Self.secret, id: "msg_ref", timestamp: timestamp, body: Array(Self.body.utf8))
            #expect(signature.hasPrefix("v1,"))
            let reply = try await send(app, path, id: "msg_ref", timestamp: timestamp, signature: signature)
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(try await events(app) == 1)
        }
    }

    @Test("the purge deletes ids older than 24 hours and keeps newer ones")
    func purge() async throws {
        try await TestDatabase.withMigratedApp("eventflow") { database, _ in
            let now = Date()
            let milliseconds = { (date: Date) in Int64(date.timeIntervalSince1970 * 1000) }
            let dialect = database.client.dialect
            var placeholders = PlaceholderSequence(dialect: dialect)
            let values = (0..<6).map { _ in placeholders.next() }
            _ = try await database.client.write([SQLStatement(
                "INSERT INTO loom_webhook_receipts (endpoint, message_id, received_at) VALUES ('receive_webhook', \(values[0]), \(values[1])), "
                    + "('receive_webhook', \(values[2]), \(values[3])), ('receive_webhook', \(values[4]), \(values[5]))",
                [.text("old"), .integer(milliseconds(now.addingTimeInterval(-25 * 3600))),
                 .text("day"), .integer(milliseconds(now.addingTimeInterval(-23 * 3600))),
                 .text("new"), .integer(milliseconds(now))])])
            let purged = try await IncomingWebhookReceipts(database: database.client).purge(now: now)
            #expect(purged == 1)
            let left = try await database.client.fetch(SQLStatement("SELECT message_id FROM loom_webhook_receipts ORDER BY message_id"))
            #expect(left.map { $0.values.first } == [.text("day"), .text("new")])
        }
    }
}

extension IncomingWebhookRouteTests {
    @Test("the same message delivered five times at once is stored once: the id's insert shares the event's transaction")
    func concurrentRedeliveries() async throws {
        try await withProducer { app, path in
            let timestamp = IncomingWebhookSigning.now
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<5 { group.addTask { try await send(app, path, timestamp: timestamp).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: .ok, count: 5))
            #expect(try await events(app) == 1)
            #expect(try await app.database!.rowCount("loom_webhook_receipts") == 1)
        }
    }
}

extension IncomingWebhookRouteTests {
    @Test("serve's check: an unset or malformed secret stops the start, naming the variable and the endpoint")
    func startRefusedWithoutSecret() throws {
        let app = try AppCatalog.app(named: "eventflow")
        #expect(app.incomingWebhooks.map(\.secretVariable) == ["EVENTFLOW_INBOUND_WEBHOOK_SECRET"])
        var configuration = LoomServer.Configuration()
        for environment in [[:], ["EVENTFLOW_INBOUND_WEBHOOK_SECRET": "not-a-whsec-secret!"]] {
            do {
                try ServerIncomingWebhooks.configure(app: app, on: &configuration, environment: environment)
                Issue.record("the start was not refused with \(environment.keys)")
            } catch {
                #expect("\(error)".contains("EVENTFLOW_INBOUND_WEBHOOK_SECRET"))
                #expect("\(error)".contains("receive_webhook"))
                #expect(!"\(error)".contains("not-a-whsec-secret"))
            }
        }
        try ServerIncomingWebhooks.configure(app: app, on: &configuration, environment: ["EVENTFLOW_INBOUND_WEBHOOK_SECRET": Self.secret])
        #expect(configuration.incomingWebhookSecrets == ["EVENTFLOW_INBOUND_WEBHOOK_SECRET": Self.secret])
    }

    @Test("a route built without its secret answers 503 and never runs the handler")
    func routeWithoutSecret() async throws {
        try await TestApp.run("eventflow", configure: { $0.incomingWebhookSecrets = [:] }) { app in
            let producer = try await app.registerProducer("shop", as: try await app.eventflowUser())
            let producerID = try #require(producer["producer_id"] as? String)
            let reply = try await send(app, "/api/v1/producers/\(producerID)/webhook")
            #expect(reply.status == .serviceUnavailable)
            #expect(try await events(app) == 0)
        }
    }
}
