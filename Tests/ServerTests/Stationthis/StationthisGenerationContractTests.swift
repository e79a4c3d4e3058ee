import Foundation
import Generated
import Runtime
import Testing
import Webhooks

@testable import Server

extension WebhookServerSuites {
    /// The "Generations" bullet of `reference/stationthis-external-api.md`, in its order: execute
    /// → 202, status (404 for another user's job), the signed `generation.completed` delivery to
    /// the caller's URL and its retries after 1 s, 5 s and 30 s; then what the local worker
    /// guarantees (a lost claim sends nothing; two workers run each job once).
    @Suite("stationthis contract: generations", .serialized)
    struct StationthisGenerationContractTests {
        static let secret = "the caller's own secret 42"

        @Test("POST /api/v1/generations/execute {toolId, inputs, delivery} → 202 {status: accepted, generationId, toolId, delivery}; bad input 400 naming the field; unknown tool 404")
        func execute() async throws {
            try await GenerationHarness.run(workers: 0) { harness in
                let app = harness.app
                let (tool, user) = try await harness.toolAndUser()
                let body = #"{"toolId":"\#(tool)","inputs":{"prompt":"a cat"},"delivery":{"mode":"webhook","url":"\#(harness.receiver.url)","secret":"\#(Self.secret)"}}"#
                let accepted = try await app.request(.post, "/api/v1/generations/execute", json: body, headers: TestApp.bearer(user.token))
                #expect(accepted.status == .accepted, "\(accepted.text)")
                #expect(Set(accepted.object.keys) == ["status", "generationId", "toolId", "delivery"], "\(accepted.text)")
                #expect(accepted.object["status"] as? String == "accepted" && accepted.object["toolId"] as? String == tool)
                #expect((accepted.object["generationId"] as? String)?.hasPrefix("gen_") == true, "\(accepted.text)")
                let delivery = accepted.object["delivery"] as? [String: any Sendable]
                #expect(delivery?["mode"] as? String == "webhook" && delivery?["url"] as? String == harness.receiver.url, "\(accepted.text)")
                #expect(!accepted.text.contains(Self.secret), "the secret is never written back")

                let unknown = try await app.request(
                    .post, "/api/v1/generations/execute", json: #"{"toolId":"tool_0000000000000000000000"}"#, headers: TestApp.bearer(user.token))
                #expect(unknown.status == .notFound && unknown.stationError.code == "NOT_FOUND", "\(unknown.text)")

                let refusals: [(String, String)] = [
                    (#"{"inputs":{}}"#, "toolId"),
                    (#"{"toolId":"\#(tool)","delivery":{"mode":"webhook","url":"ftp://example.com/hook","secret":"s"}}"#, "delivery.url"),
                    (#"{"toolId":"\#(tool)","delivery":{"mode":"webhook","url":"http://10.0.0.7/hook","secret":"s"}}"#, "delivery.url"),
                    (#"{"toolId":"\#(tool)","delivery":{"mode":"webhook","url":"http://169.254.169.254/latest","secret":"s"}}"#, "delivery.url"),
                    (#"{"toolId":"\#(tool)","delivery":{"mode":"webhook","secret":"s"}}"#, "delivery.url"),
                    (#"{"toolId":"\#(tool)","delivery":{"mode":"webhook","url":"\#(harness.receiver.url)"}}"#, "delivery.secret"),
                    (#"{"toolId":"\#(tool)","delivery":{"mode":"carrier pigeon"}}"#, "delivery.mode"),
                ]
                for (json, field) in refusals {
                    let refused = try await app.request(.post, "/api/v1/generations/execute", json: json, headers: TestApp.bearer(user.token))
                    #expect(refused.status == .badRequest && refused.stationError.code == "INVALID_INPUT", "\(json): \(refused.text)")
                    #expect(refused.stationError.message?.contains(field) == true, "\(json) names \(field): \(refused.text)")
                }
                let anonymous = try await app.request(.post, "/api/v1/generations/execute", json: #"{"toolId":"\#(tool)"}"#)
                #expect(anonymous.status == .unauthorized && anonymous.stationError.code == "UNAUTHORIZED", "\(anonymous.text)")
                #expect(try await harness.database.rowCount("generation_jobs") == 1, "refused runs write nothing")
            }
        }

        @Test("GET /api/v1/generations/status/{id} → the job, outputs once completed; 404 for another user's job or an unknown id")
        func status() async throws {
            try await GenerationHarness.run { harness in
                let app = harness.app
                let (tool, user) = try await harness.toolAndUser()
                let accepted = try await app.request(
                    .post, "/api/v1/generations/execute", json: #"{"toolId":"\#(tool)","inputs":{"prompt":"a cat","steps":20}}"#,
                    headers: TestApp.bearer(user.token))
                #expect(accepted.status == .accepted, "\(accepted.text)")
                #expect((accepted.object["delivery"] as? [String: any Sendable])?["mode"] as? String == "poll", "poll is the default: \(accepted.text)")
                let id = try #require(accepted.object["generationId"] as? String)
                let done = try await harness.waitForCompletion(id, token: user.token)
                #expect(done.status == .ok && done.object["status"] as? String == "completed", "\(done.text)")
                let outputs = try #require(done.object["outputs"] as? [String: any Sendable], "\(done.text)")
                let expected = GenerationWorker.outputs(toolID: tool, inputs: RawJSON(validatedText: #"{"steps":20,"prompt":"a cat"}"#))
                #expect(outputs["digest"] as? String == (try JSONSerialization.jsonObject(with: Data(expected.text.utf8)) as? [String: Any])?["digest"] as? String)
                #expect(outputs["inputKeys"] as? [String] == ["prompt", "steps"], "\(done.text)")
                #expect(done.object["completedAt"] is String && done.object["toolId"] as? String == tool, "\(done.text)")

                let other = try await app.stationUser("bob@example.com")
                let hidden = try await app.request(.get, "/api/v1/generations/status/\(id)", headers: TestApp.bearer(other.token))
                #expect(hidden.status == .notFound && hidden.stationError.code == "NOT_FOUND", "\(hidden.text)")
                let unknown = try await app.request(.get, "/api/v1/generations/status/gen_0000000000000000000000", headers: TestApp.bearer(user.token))
                #expect(unknown.status == .notFound && unknown.stationError.code == "NOT_FOUND", "\(unknown.text)")
                #expect(try await harness.database.rowCount("webhook_messages") == 0, "poll mode delivers nothing")
            }
        }

        @Test("Completion → {event: generation.completed, generationId, toolId, status, outputs, timestamp}, X-Webhook-Signature: sha256=<hex HMAC>; retries after 1 s, 5 s and 30 s")
        func completionDelivered() async throws {
            let failures = [WebhookReceiver.Answer(status: 500), .init(status: 503), .init(status: 500)]
            try await GenerationHarness.run(script: failures) { harness in
                let app = harness.app
                let (tool, user) = try await harness.toolAndUser()
                let body = #"{"toolId":"\#(tool)","inputs":{"prompt":"a cat"},"delivery":{"mode":"webhook","url":"\#(harness.receiver.url)","secret":"\#(Self.secret)"}}"#
                let accepted = try await app.request(.post, "/api/v1/generations/execute", json: body, headers: TestApp.bearer(user.token))
                let id = try #require(accepted.object["generationId"] as? String, "\(accepted.text)")
                let done = try await harness.waitForCompletion(id, token: user.token)
                #expect(!done.text.contains(Self.secret), "the status never shows the secret: \(done.text)")

                // The schedule is checked on the module's clock, which the test moves (no jitter: the declared waits exactly).
                var delivery = try await harness.waitForAttempts(1)
                #expect(delivery.status == "pending" && delivery.next - WebhookClock.milliseconds(harness.clock.now) == 1_000, "\(delivery)")
                for (attempt, wait) in [(Int64(2), 5_000), (3, 30_000)] {
                    harness.clock.advance(by: Double(delivery.next - WebhookClock.milliseconds(harness.clock.now)) / 1_000)
                    delivery = try await harness.waitForAttempts(attempt)
                    #expect(delivery.status == "pending" && delivery.next - WebhookClock.milliseconds(harness.clock.now) == Int64(wait), "\(delivery)")
                }
                harness.clock.advance(by: 30)
                delivery = try await harness.waitForAttempts(4)
                #expect(delivery.status == "success" && !delivery.holdsSecret, "delivered, and the secret is gone from the outbox: \(delivery)")

                let received = await harness.receiver.received()
                #expect(received.count == 4, "one attempt and three retries")
                let first = try #require(received.first)
                #expect(received.allSatisfy { $0.body == first.body }, "every retry sends the same body")
                #expect(received.allSatisfy { $0.headers["x-webhook-signature"] == GenerationHarness.signature($0.body, secret: Self.secret) })
                let event = try #require(try JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any])
                #expect(Set(event.keys) == ["event", "generationId", "toolId", "status", "outputs", "timestamp"], "\(event)")
                #expect(event["event"] as? String == "generation.completed" && event["generationId"] as? String == id)
                #expect(event["toolId"] as? String == tool && event["status"] as? String == "completed" && event["outputs"] is [String: Any])
                #expect(String(decoding: first.body, as: UTF8.self).hasPrefix(#"{"event":"generation.completed","generationId""#), "event first")
                let secrets = try await harness.database.fetch(SQLStatement("SELECT delivery_secret FROM generation_jobs"))
                #expect(secrets.first?.values.first == .null, "the job row no longer holds the secret")
            }
        }

        @Test("A completion whose claim was lost rolls back and sends nothing; two workers run each of 12 jobs once")
        func workerClaims() async throws {
            try await GenerationHarness.run(workers: 0) { harness in
                let app = harness.app
                let (tool, user) = try await harness.toolAndUser()
                let body = #"{"toolId":"\#(tool)","delivery":{"mode":"webhook","url":"\#(harness.receiver.url)","secret":"\#(Self.secret)"}}"#
                let first = try await app.request(.post, "/api/v1/generations/execute", json: body, headers: TestApp.bearer(user.token))
                #expect(first.status == .accepted, "\(first.text)")
                let worker = harness.worker()
                let claimed = try #require(try await worker.claim())
                #expect(try await worker.claim() == nil, "a claimed job is not claimed again while its lease holds")
                // Another instance took the job over (its lease ended): this completion must not commit, nor its event.
                var placeholders = PlaceholderSequence(dialect: harness.database.dialect)
                _ = try await harness.database.write([SQLStatement(
                    "UPDATE generation_jobs SET worker_id = \(placeholders.next()) WHERE generation_id = \(placeholders.next())",
                    [.text("worker-other"), .text(claimed.generationId)])])
                try await worker.complete(claimed)
                #expect(try await harness.database.rowCount("webhook_messages") == 0, "the rolled-back completion wrote no event")
                let still = try await app.request(.get, "/api/v1/generations/status/\(claimed.generationId)", headers: TestApp.bearer(user.token))
                #expect(still.object["status"] as? String == "running", "\(still.text)")

                for _ in 0..<12 {
                    let accepted = try await app.request(.post, "/api/v1/generations/execute", json: body, headers: TestApp.bearer(user.token))
                    #expect(accepted.status == .accepted, "\(accepted.text)")
                }
                let workers = [harness.worker(), harness.worker()]
                let tasks = workers.map { worker in Task { try await worker.run() } }
                let received = try await harness.receiver.waitFor(12)
                try await Task.sleep(for: .milliseconds(300))
                for task in tasks { task.cancel() }
                for task in tasks { try await task.value }
                let ids = received.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any])?["generationId"] as? String }
                #expect(ids.count == 12 && Set(ids).count == 12, "each job completed and delivered once: \(ids)")
                #expect(try await harness.database.rowCount("webhook_messages") == 12)
                let claims = try await harness.database.fetch(SQLStatement(
                    "SELECT COUNT(*) FROM audit_events WHERE resource = 'generation_jobs' AND action = 'updated'"))
                // The first job's claim, then one claim and one completion per new job, none twice.
                #expect(claims.first?.values.first == .integer(25), "\(claims)")
            }
        }
    }
}
