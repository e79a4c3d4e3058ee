import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// The stationthis reference, continued in its order: points, collections, datasets and
/// trainings, health, CORS and the rate limiter (see `StationthisContractTests`).
@Suite("stationthis contract: points, collections, datasets, trainings, tools, health, CORS, rate limit")
struct StationthisResourceContractTests {
    @Test("GET /api/v1/points and /points/balance → {balance, currency: points}; spends never go negative, are audited and idempotent")
    func points() async throws {
        try await TestApp.stationthis { app in
            let admin = try await app.stationUser("admin@example.com", admin: true)
            let user = try await app.stationUser("eve@example.com")
            for path in ["/api/v1/points", "/api/v1/points/balance"] {
                let empty = try await app.request(.get, path, headers: TestApp.bearer(user.token))
                #expect(empty.status == .ok, "\(empty.text)")
                #expect(empty.object["balance"] as? Int == 0 && empty.object["currency"] as? String == "points", "\(empty.text)")
            }
            try await app.grantPoints(100, to: user.id, adminToken: admin.token)
            var headers = TestApp.bearer(user.token)
            headers[HTTPField.Name("Idempotency-Key")!] = "spend-1"
            let spent = try await app.request(.post, "/api/v1/points/spend", json: #"{"amount":30,"description":"an image"}"#, headers: headers)
            #expect(spent.status == .created && spent.object["balance"] as? Int == 70 && spent.object["amount"] as? Int == -30, "\(spent.text)")
            // The same key again: the stored answer, nothing spent twice.
            let replay = try await app.request(.post, "/api/v1/points/spend", json: #"{"amount":30,"description":"an image"}"#, headers: headers)
            #expect(replay.status == .created && replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true", "\(replay.text)")
            #expect(replay.object["transactionId"] as? String == spent.object["transactionId"] as? String)
            let balance = try await app.request(.get, "/api/v1/points/balance", headers: TestApp.bearer(user.token))
            #expect(balance.object["balance"] as? Int == 70, "\(balance.text)")
            // More than the balance: refused, nothing written.
            let tooMuch = try await app.request(.post, "/api/v1/points/spend", json: #"{"amount":71}"#, headers: TestApp.bearer(user.token))
            #expect(tooMuch.status == .conflict && tooMuch.stationError.code == "INSUFFICIENT_POINTS", "\(tooMuch.text)")
            #expect(tooMuch.stationError.message?.contains("amount") == true)
            let zero = try await app.request(.post, "/api/v1/points/spend", json: #"{"amount":0}"#, headers: TestApp.bearer(user.token))
            #expect(zero.status == .badRequest && zero.stationError.code == "INVALID_INPUT" && zero.stationError.message?.contains("amount") == true, "\(zero.text)")
            let text = try await app.request(.post, "/api/v1/points/spend", json: #"{"amount":"ten"}"#, headers: TestApp.bearer(user.token))
            #expect(text.status == .badRequest && text.stationError.code == "INVALID_INPUT", "\(text.text)")
            // The ledger (admins) and its audit trail: one event per transaction.
            let ledger = try await app.request(.get, "/api/v1/point_transactions?sort=sequence", headers: TestApp.bearer(admin.token))
            #expect(ledger.status == .ok, "\(ledger.text)")
            let rows = ledger.object["items"] as? [[String: any Sendable]] ?? []
            #expect(rows.map { $0["balanceAfter"] as? Int } == [100, 70], "\(ledger.text)")
            let audit = try await app.request(.get, "/api/v1/audit?resource=point_transactions", headers: TestApp.bearer(admin.token))
            #expect(audit.status == .ok && audit.object["total"] as? Int == 2, "\(audit.text)")
            let userLedger = try await app.request(.get, "/api/v1/point_transactions", headers: TestApp.bearer(user.token))
            #expect(userLedger.status == .forbidden, "\(userLedger.text)")
        }
    }

    @Test("Concurrent spends are serialised: 20 spends of 10 from 100 points, exactly 10 succeed and the balance ends at 0")
    func concurrentSpends() async throws {
        try await TestApp.stationthis { app in
            let admin = try await app.stationUser("admin@example.com", admin: true)
            let user = try await app.stationUser("fay@example.com")
            try await app.grantPoints(100, to: user.id, adminToken: admin.token)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await app.request(.post, "/api/v1/points/spend", json: #"{"amount":10}"#, headers: TestApp.bearer(user.token)).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 10, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 10, "\(statuses)")
            let balance = try await app.request(.get, "/api/v1/points/balance", headers: TestApp.bearer(user.token))
            #expect(balance.object["balance"] as? Int == 0, "\(balance.text)")
            let ledger = try await app.request(.get, "/api/v1/point_transactions?limit=100&sort=sequence", headers: TestApp.bearer(admin.token))
            let rows = ledger.object["items"] as? [[String: any Sendable]] ?? []
            #expect(rows.map { $0["sequence"] as? Int } == Array(1...11), "\(ledger.text)")
            #expect(rows.map { $0["balanceAfter"] as? Int } == stride(from: 100, through: 0, by: -10).map { $0 }, "\(ledger.text)")
        }
    }

    @Test("Collections: create 201 {collectionId, name, description, config, createdAt, updatedAt}; list {collections}; PUT; delete (204); per user")
    func collections() async throws {
        try await TestApp.stationthis { app in
            let ann = try await app.stationUser("ann@example.com")
            let bob = try await app.stationUser("bob@example.com")
            let created = try await app.request(
                .post, "/api/v1/collections", json: #"{"name":"Cats","description":"Cyberpunk cats","config":{"steps":30}}"#,
                headers: TestApp.bearer(ann.token))
            #expect(created.status == .created, "\(created.text)")
            // The document's members but userId: the owner column is kept out of answers (README).
            #expect(Set(created.object.keys) == ["collectionId", "name", "description", "config", "createdAt", "updatedAt"], "\(created.text)")
            let id = try #require(created.object["collectionId"] as? String)
            let listed = try await app.request(.get, "/api/v1/collections", headers: TestApp.bearer(ann.token))
            #expect(listed.status == .ok && Set(listed.object.keys) == ["collections"], "\(listed.text)")
            #expect((listed.object["collections"] as? [[String: any Sendable]])?.count == 1)
            let updated = try await app.request(
                .put, "/api/v1/collections/\(id)", json: #"{"name":"Cats II","description":null,"config":null}"#, headers: TestApp.bearer(ann.token))
            #expect(updated.status == .ok && updated.object["name"] as? String == "Cats II", "\(updated.text)")
            // Another user sees none of it.
            let theirs = try await app.request(.get, "/api/v1/collections", headers: TestApp.bearer(bob.token))
            #expect((theirs.object["collections"] as? [[String: any Sendable]])?.isEmpty == true, "\(theirs.text)")
            for method in [HTTPRequest.Method.get, .delete] {
                let other = try await app.request(method, "/api/v1/collections/\(id)", headers: TestApp.bearer(bob.token))
                #expect(other.status == .notFound && other.stationError.code == "NOT_FOUND", "\(other.text)")
            }
            let deleted = try await app.request(.delete, "/api/v1/collections/\(id)", headers: TestApp.bearer(ann.token))
            #expect(deleted.status == .noContent, "\(deleted.text)")
            let gone = try await app.request(.get, "/api/v1/collections/\(id)", headers: TestApp.bearer(ann.token))
            #expect(gone.status == .notFound)
        }
    }

    @Test("Datasets → {data}; trainings: list {trainings}, create 400 without datasetId, modelType and triggerWords, unknown 404")
    func datasetsAndTrainings() async throws {
        try await TestApp.stationthis { app in
            let ann = try await app.stationUser("ann@example.com")
            let bob = try await app.stationUser("bob@example.com")
            let dataset = try await app.request(
                .post, "/api/v1/datasets", json: #"{"name":"Cat photos","images":["https://example.com/1.png"]}"#, headers: TestApp.bearer(ann.token))
            #expect(dataset.status == .created, "\(dataset.text)")
            let datasetID = try #require((dataset.object["data"] as? [String: any Sendable])?["datasetId"] as? String, "\(dataset.text)")
            let datasets = try await app.request(.get, "/api/v1/datasets", headers: TestApp.bearer(ann.token))
            #expect(datasets.status == .ok && (datasets.object["data"] as? [[String: any Sendable]])?.count == 1, "\(datasets.text)")
            let empty = try await app.request(.get, "/api/v1/trainings", headers: TestApp.bearer(ann.token))
            #expect(empty.status == .ok && Set(empty.object.keys) == ["trainings"], "\(empty.text)")
            // "create answers 400 without datasetId, modelType and triggerWords"
            let incomplete = try await app.request(.post, "/api/v1/trainings", json: "{}", headers: TestApp.bearer(ann.token))
            #expect(incomplete.status == .badRequest && incomplete.stationError.code == "INVALID_INPUT", "\(incomplete.text)")
            for member in ["datasetId", "modelType", "triggerWords"] {
                #expect(incomplete.stationError.message?.contains(member) == true, "\(member): \(incomplete.text)")
            }
            let body = #"{"datasetId":"\#(datasetID)","modelType":"SDXL","triggerWords":"mycat"}"#
            let training = try await app.request(.post, "/api/v1/trainings", json: body, headers: TestApp.bearer(ann.token))
            #expect(training.status == .created && training.object["status"] as? String == "queued", "\(training.text)")
            let trainingID = try #require(training.object["trainingId"] as? String)
            // Another user can neither train on Ann's dataset nor see her training.
            let foreign = try await app.request(.post, "/api/v1/trainings", json: body, headers: TestApp.bearer(bob.token))
            #expect(foreign.status == .badRequest && foreign.stationError.message?.contains("datasetId") == true, "\(foreign.text)")
            let hidden = try await app.request(.get, "/api/v1/trainings/\(trainingID)", headers: TestApp.bearer(bob.token))
            #expect(hidden.status == .notFound && hidden.stationError.code == "NOT_FOUND", "\(hidden.text)")
            let unknown = try await app.request(.get, "/api/v1/trainings/\(UUID().uuidString.lowercased())", headers: TestApp.bearer(ann.token))
            #expect(unknown.status == .notFound && unknown.stationError.code == "NOT_FOUND", "\(unknown.text)")
            let listed = try await app.request(.get, "/api/v1/trainings", headers: TestApp.bearer(ann.token))
            #expect((listed.object["trainings"] as? [[String: any Sendable]])?.count == 1, "\(listed.text)")
        }
    }

    @Test("Tools: a public list {tools}; an unknown tool 404; admins manage the list")
    func tools() async throws {
        try await TestApp.stationthis { app in
            let admin = try await app.stationUser("admin@example.com", admin: true)
            let user = try await app.stationUser("ann@example.com")
            let created = try await app.request(
                .post, "/api/v1/tools", json: #"{"name":"Text to image","inputs":{"prompt":"string"},"costPoints":5}"#,
                headers: TestApp.bearer(admin.token))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.object["toolId"] as? String)
            #expect(id.hasPrefix("tool_"))
            let refused = try await app.request(.post, "/api/v1/tools", json: #"{"name":"Mine"}"#, headers: TestApp.bearer(user.token))
            #expect(refused.status == .forbidden && refused.stationError.code == "FORBIDDEN", "\(refused.text)")
            // Public: no credentials needed.
            let listed = try await app.request(.get, "/api/v1/tools")
            #expect(listed.status == .ok && Set(listed.object.keys) == ["tools"], "\(listed.text)")
            #expect((listed.object["tools"] as? [[String: any Sendable]])?.first?["costPoints"] as? Int == 5, "\(listed.text)")
            let one = try await app.request(.get, "/api/v1/tools/\(id)")
            #expect(one.status == .ok && one.object["name"] as? String == "Text to image", "\(one.text)")
            let unknown = try await app.request(.get, "/api/v1/tools/tool_0000000000000000000000")
            #expect(unknown.status == .notFound && unknown.stationError.code == "NOT_FOUND", "\(unknown.text)")
        }
    }

    @Test("GET /api/v1/status/health → {\"status\": \"ok\"}")
    func health() async throws {
        try await TestApp.stationthis { app in
            let health = try await app.request(.get, "/api/v1/status/health")
            #expect(health.status == .ok && health.text == #"{"status":"ok"}"#, "\(health.text)")
        }
    }

    @Test("CORS: the web app's origin (http://localhost:5173) with credentials; another origin gets no CORS field")
    func cors() async throws {
        try await TestApp.stationthis { app in
            // A preflight is the browser's, not an API operation: sent past the document checker.
            let preflight = try await app.client.executeRequest(
                uri: "/api/v1/collections", method: .options,
                headers: [.origin: "http://localhost:5173", .accessControlRequestMethod: "POST", .accessControlRequestHeaders: "content-type, x-csrf-token"],
                body: nil)
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "http://localhost:5173")
            #expect(preflight.headers[.accessControlAllowCredentials] == "true")
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("X-CSRF-Token") == true)
            let answer = try await app.request(.get, "/api/v1/status/health", headers: [.origin: "http://localhost:5173"])
            #expect(answer.headers[.accessControlAllowOrigin] == "http://localhost:5173")
            let other = try await app.request(.get, "/api/v1/status/health", headers: [.origin: "https://evil.example"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test("Rate limit: 100 requests per window per client IP, signed in or not, with rate-limit headers; the 101st is 429 RATE_LIMITED")
    func rateLimit() async throws {
        try await TestApp.stationthis(rateLimited: true) { app in
            let user = try await app.stationUser("gus@example.com")  // two requests: sign-up and sign-in
            let first = try await app.request(.get, "/api/v1/collections", headers: TestApp.bearer(user.token))
            #expect(first.headers[HTTPField.Name("X-RateLimit-Limit")!] == "100")
            #expect(first.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "97")
            #expect(first.headers[HTTPField.Name("RateLimit-Policy")!] == #""api";q=100;w=900"#)
            // Anonymous requests from the same address count against the same quota.
            for index in 4...100 {
                _ = try await app.request(.get, index.isMultiple(of: 2) ? "/api/v1/status/health" : "/api/v1/collections", headers: index.isMultiple(of: 2) ? [:] : TestApp.bearer(user.token))
            }
            let exceeded = try await app.request(.get, "/api/v1/collections", headers: TestApp.bearer(user.token))
            #expect(exceeded.status == .tooManyRequests && exceeded.stationError.code == "RATE_LIMITED", "\(exceeded.text)")
            #expect(exceeded.headers[.retryAfter] != nil)
            let anonymous = try await app.request(.get, "/api/v1/status/health")
            #expect(anonymous.status == .tooManyRequests)
        }
    }
}
