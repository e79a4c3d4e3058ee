import Auth
import Foundation
import Generated
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// The B2B reference (`/work/shared/reference/b2b-saas-api.md`, here `reference/b2b-saas-api.md`)
/// point by point, in its order, with its example requests, against a live `b2b` server
/// (SQLite, or PostgreSQL under `.ci/with-postgres`). Every answer is also checked against the
/// app's OpenAPI document by `TestApp`. Points not served are named in the README's B2B section.
///
/// The walk, in the document's section order (a suite per file; tests in source order):
/// 1. What the API Does: user management (`B2BResourceContractTests.users`), session management
///    and organization management (`B2BPlatformContractTests.sessionManagement`, `.organizations`).
/// 2. Authentication: API key authentication and the permission model (`apiKeyAuthentication`,
///    below); who else reaches the data, the keys and the admin routes (`B2BAccessContractTests`:
///    sign-ups, their founded organizations, `/v1/keys` admin only); "admin: Full access including
///    key management" and revocation (`B2BKeyManagementTests`); the service key of a fresh install
///    ("server-to-server ... with service API keys", `B2BBootstrapTests`).
/// 3. Operational Constraints, below: Rate Limiting (`rateLimiting`, `enterpriseTier`), Request
///    Limits (`requestLimits`, `sizeLimits`), Timeout Behavior (`timeouts`), Pagination (`pagination`).
/// 4. API Endpoints, Request/Response Format, Error Handling (`B2BResourceContractTests`: users,
///    organizations/keys/audit, the second DELETE, health, headers, formats and error codes).
/// 5. Versioning (`B2BPlatformContractTests.versioning`).
/// 6. Integration Guidelines: Idempotency (`B2BResourceContractTests.idempotency`), Webhook
///    Integration (`B2BWebhookContractTests`).
/// 7. Security Considerations, Monitoring and Observability (`B2BPlatformContractTests
///    .transportSecurity`, `.usageMetrics`; URL parameters in `B2BResourceContractTests.healthAndFormat`).
/// 8. Getting Help: `/openapi.json`, `/docs` (`B2BResourceContractTests.documentation`).
@Suite("B2B contract: authentication, rate limits, request limits, pagination")
struct B2BContractTests {
    @Test("API Key Authentication: X-API-Key on every request, sk_live_/sk_test_ keys, scopes, IP ranges, expiry, revocation")
    func apiKeyAuthentication() async throws {
        try await TestApp.b2b { app in
            let token = try await app.b2bOperator()
            // "All API requests require authentication via the X-API-Key header."
            let anonymous = try await app.request(.get, "/v1/users")
            #expect(anonymous.status == .unauthorized && anonymous.errorCode == "AUTHENTICATION_FAILED", "\(anonymous.text)")
            let wrong = try await app.request(.get, "/v1/users", headers: TestApp.key("sk_live_not-a-key"))
            #expect(wrong.status == .unauthorized && wrong.errorCode == "AUTHENTICATION_FAILED", "\(wrong.text)")
            // Key types: sk_live_* (production), sk_test_* (sandbox).
            let live = try await app.b2bFullKey(token: token)
            let test = try await app.b2bFullKey(token: token, environment: "test")
            #expect(live.hasPrefix("sk_live_") && test.hasPrefix("sk_test_"))
            for key in [live, test] {
                let listed = try await app.request(.get, "/v1/users", headers: TestApp.key(key))
                #expect(listed.status == .ok, "\(listed.text)")
            }
            // Permission model: users:read reads, and "requests exceeding key permissions receive 403".
            let reader = try await app.b2bKey(#"{"name":"reader","environment":"live","scopes":["users:read"]}"#, token: token).key
            #expect(try await app.request(.get, "/v1/users", headers: TestApp.key(reader)).status == .ok)
            let refused = try await app.request(.post, "/v1/users", json: #"{"email":"a@example.com"}"#, headers: TestApp.key(reader))
            #expect(refused.status == .forbidden && refused.errorCode == "PERMISSION_DENIED", "\(refused.text)")
            let writer = try await app.b2bKey(#"{"name":"writer","environment":"live","scopes":["users:write"]}"#, token: token).key
            let user = try await app.request(.post, "/v1/users", json: #"{"email":"w@example.com"}"#, headers: TestApp.key(writer))
            #expect(user.status == .created, "\(user.text)")
            let id = try #require(user.data["id"] as? String)
            let noDelete = try await app.request(.delete, "/v1/users/\(id)", headers: TestApp.key(writer))
            #expect(noDelete.status == .forbidden && noDelete.errorCode == "PERMISSION_DENIED", "\(noDelete.text)")
            let deleter = try await app.b2bKey(#"{"name":"deleter","environment":"live","scopes":["users:delete"]}"#, token: token).key
            #expect(try await app.request(.delete, "/v1/users/\(id)", headers: TestApp.key(deleter)).status == .noContent)
            // "Can be restricted by IP range": the test client is 127.0.0.1.
            let elsewhere = try await app.b2bKey(
                #"{"name":"office","environment":"live","scopes":["users:read"],"allowed_cidrs":["10.0.0.0/8"]}"#, token: token).key
            let outside = try await app.request(.get, "/v1/users", headers: TestApp.key(elsewhere))
            #expect(outside.status == .forbidden && outside.errorCode == "PERMISSION_DENIED", "\(outside.text)")
            let local = try await app.b2bKey(
                #"{"name":"local","environment":"live","scopes":["users:read"],"allowed_cidrs":["127.0.0.0/8"]}"#, token: token).key
            #expect(try await app.request(.get, "/v1/users", headers: TestApp.key(local)).status == .ok)
            // "Have configurable expiration": a past expiry is refused, a future one works.
            let past = try await app.request(
                .post, "/v1/keys", json: #"{"name":"old","environment":"live","scopes":["users:read"],"expires_at":"2020-01-01T00:00:00Z"}"#,
                headers: [.authorization: "Bearer \(token)"])
            #expect(past.status == .unprocessableContent && past.errorFields == ["expires_at"], "\(past.text)")
            let expiring = try await app.b2bKey(
                #"{"name":"soon","environment":"live","scopes":["users:read"],"expires_at":"\#(Self.iso(daysFromNow: 30))"}"#, token: token)
            #expect(try await app.request(.get, "/v1/users", headers: TestApp.key(expiring.key)).status == .ok)
            // ...and once its expiry has passed (set in the database: the API accepts only future
            // expiries), the same key is refused with 401 AUTHENTICATION_FAILED.
            let lapsing = try await app.b2bKey(#"{"name":"lapsing","environment":"live","scopes":["users:read"]}"#, token: token)
            #expect(try await app.request(.get, "/v1/users", headers: TestApp.key(lapsing.key)).status == .ok)
            let database = try #require(app.database)
            let placeholders = database.dialect == .postgres ? ("$1", "$2") : ("?", "?")
            _ = try await database.write([
                SQLStatement(
                    "UPDATE auth_api_keys SET expires_at = \(placeholders.0) WHERE name = \(placeholders.1)",
                    [.timestamp(Date().addingTimeInterval(-1)), .text("lapsing")])
            ])
            let lapsed = try await app.request(.get, "/v1/users", headers: TestApp.key(lapsing.key))
            #expect(lapsed.status == .unauthorized && lapsed.errorCode == "AUTHENTICATION_FAILED", "\(lapsed.text)")
            Self.expectDocumentError(lapsed, code: "AUTHENTICATION_FAILED")
            // "Revocable at any time": DELETE /v1/keys/{id}, and the key stops at once.
            #expect(try await app.request(.delete, "/v1/keys/\(expiring.id)", headers: [.authorization: "Bearer \(token)"]).status == .noContent)
            let revoked = try await app.request(.get, "/v1/users", headers: TestApp.key(expiring.key))
            #expect(revoked.status == .unauthorized && revoked.errorCode == "AUTHENTICATION_FAILED", "\(revoked.text)")
        }
    }

    @Test("Rate Limiting: the Standard tier's 100 requests per minute with X-RateLimit-*, 429 with Retry-After, Professional's 1,000")
    func rateLimiting() async throws {
        try await RateLimitServer.run("b2b", settings: nil) { app in
            let app = app.as(.anonymous)
            let token = try await app.b2bOperator()
            let key = try await app.b2bKey(#"{"name":"busy","environment":"live","scopes":["users:read"]}"#, token: token)
            let first = try await app.request(.get, "/v1/users", headers: TestApp.key(key.key))
            #expect(first.headers[HTTPField.Name("X-RateLimit-Limit")!] == "100")
            #expect(first.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "99")
            let reset = Int(first.headers[HTTPField.Name("X-RateLimit-Reset")!] ?? "") ?? 0
            #expect(reset > Int(Date().timeIntervalSince1970) && reset <= Int(Date().timeIntervalSince1970) + 61)
            for _ in 2...100 { _ = try await app.request(.get, "/v1/users", headers: TestApp.key(key.key)) }
            let exceeded = try await app.request(.get, "/v1/users", headers: TestApp.key(key.key))
            #expect(exceeded.status == .tooManyRequests && exceeded.errorCode == "RATE_LIMIT_EXCEEDED", "\(exceeded.text)")
            let retry = Int(exceeded.headers[.retryAfter] ?? "") ?? 0
            #expect(retry > 0 && retry <= 60)
            // Professional: 1,000 per minute, assigned to the key by an admin.
            let assigned = try await app.request(
                .put, "/v1/rate-limits/api-keys/\(key.id)", json: #"{"tier":"professional"}"#, headers: [.authorization: "Bearer \(token)"])
            #expect(assigned.status == .ok, "\(assigned.text)")
            let professional = try await app.request(.get, "/v1/users", headers: TestApp.key(key.key))
            #expect(professional.status == .ok && professional.headers[HTTPField.Name("X-RateLimit-Limit")!] == "1000", "\(professional.text)")
        }
    }

    @Test("Rate Limiting: Enterprise is 10,000 requests per minute (the number app.json declares for the document's 'custom')")
    func enterpriseTier() async throws {
        try await RateLimitServer.run("b2b", settings: nil) { app in
            let app = app.as(.anonymous)
            let token = try await app.b2bOperator()
            let key = try await app.b2bKey(#"{"name":"big","environment":"live","scopes":["users:read"]}"#, token: token)
            let assigned = try await app.request(
                .put, "/v1/rate-limits/api-keys/\(key.id)", json: #"{"tier":"enterprise"}"#, headers: [.authorization: "Bearer \(token)"])
            #expect(assigned.status == .ok, "\(assigned.text)")
            let reply = try await app.request(.get, "/v1/users", headers: TestApp.key(key.key))
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(reply.headers[HTTPField.Name("X-RateLimit-Limit")!] == "10000")
            #expect(reply.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "9999")
        }
    }

    @Test("Request Limits: URL length 8 KB, 50 query parameters, batches of at most 100 items")
    func requestLimits() async throws {
        try await TestApp.b2b { app in
            let key = TestApp.key(try await app.b2bFullKey(token: try await app.b2bOperator()))
            let long = try await app.request(.get, "/v1/users?filter=" + String(repeating: "a", count: 8200), headers: key)
            #expect(long.status == .uriTooLong, "\(long.text)")
            Self.expectDocumentError(long, code: "URI_TOO_LONG")
            #expect(long.errorFields == ["url"], "\(long.text)")
            // 50 query parameters: no b2b route declares a repeatable parameter and every list refuses
            // a name it does not declare (or a repeated one), so 50 are shown passing on `/health`,
            // which reads no query; the 51st is refused there, before any route runs, naming `query`.
            let query = { (count: Int) in (1...count).map { "p\($0)=1" }.joined(separator: "&") }
            let fifty = try await app.request(.get, "/health?\(query(50))")
            #expect(fifty.status == .ok, "\(fifty.text)")
            let fiftyOne = try await app.request(.get, "/health?\(query(51))")
            #expect(fiftyOne.status == .badRequest && fiftyOne.errorFields == ["query"], "\(fiftyOne.text)")
            Self.expectDocumentError(fiftyOne, code: "BAD_REQUEST")
            // On a list, 50 reach the list's own check (each unknown name refused by name, never
            // `query`), and 51 are refused by the limit alone.
            let fiftyOnList = try await app.request(.get, "/v1/users?\(query(50))", headers: key)
            #expect(fiftyOnList.status == .badRequest && fiftyOnList.text.contains("has 50 invalid parameters"), "\(fiftyOnList.text.prefix(300))")
            #expect(!fiftyOnList.errorFields.isEmpty && fiftyOnList.errorFields.allSatisfy { $0.hasPrefix("p") }, "\(fiftyOnList.errorFields)")
            let many = try await app.request(.get, "/v1/users?\(query(51))", headers: key)
            #expect(many.status == .badRequest && many.errorFields == ["query"], "\(many.text)")
            Self.expectDocumentError(many, code: "BAD_REQUEST")
            let items = { (count: Int) in
                (1...count).map { #"{"action":"create","data":{"email":"u\#($0)@example.com"}}"# }.joined(separator: ",")
            }
            let batch = try await app.request(.post, "/v1/users/batch", json: #"{"operations":[\#(items(100))]}"#, headers: key)
            #expect(batch.status == .ok || batch.status == .created, "\(batch.text)")
            let tooMany = try await app.request(.post, "/v1/users/batch", json: #"{"operations":[\#(items(101))]}"#, headers: key)
            #expect(tooMany.status == .unprocessableContent && tooMany.errorFields == ["operations"], "\(tooMany.text)")
        }
    }

    @Test("Request Limits: a body over 10 MB is 413 and header fields over 32 KB are 431, in the document's error body, on a live server")
    func sizeLimits() async throws {
        try await TestApp.b2b { app in
            let key = try await app.b2bFullKey(token: try await app.b2bOperator())
            // The body: its declared length is refused before a byte of it is read (the answer closes
            // the connection), so the client sends the head alone, on the server's own socket.
            let port = try #require(app.client.port)
            let head = [
                "POST /v1/users HTTP/1.1", "Host: 127.0.0.1", "X-API-Key: \(key)", "Content-Type: application/json",
                "Content-Length: \(10 * 1024 * 1024 + 1)",
            ].joined(separator: "\r\n") + "\r\n\r\n"
            let raw = try await RawHTTPExchange.exchange(port: port, head + #"{"email":"big@example.com","name":""#)
            #expect(raw.hasPrefix("HTTP/1.1 413"), "\(raw.prefix(300))")
            let body = try #require(raw.range(of: "\r\n\r\n").map { String(raw[$0.upperBound...]) })
            Self.expectDocumentError(Reply(status: .contentTooLarge, headers: [:], bytes: Array(body.utf8)), code: "PAYLOAD_TOO_LARGE")
            let listed = try await app.request(.get, "/v1/users", headers: TestApp.key(key))
            #expect(listed.object["total"] as? Int == 0, "nothing was written: \(listed.text)")
            // Header fields over 32 KB.
            var padded = TestApp.key(key)
            padded[HTTPField.Name("X-Padding")!] = String(repeating: "b", count: 33_000)
            let headers = try await app.request(.get, "/v1/users", headers: padded)
            #expect(headers.status == .requestHeaderFieldsTooLarge, "\(headers.text.prefix(300))")
            Self.expectDocumentError(headers, code: "REQUEST_HEADER_FIELDS_TOO_LARGE")
            // Just under both limits is served: header fields of 30,000 bytes, and a body one byte under
            // 10 MB (JSON padded with whitespace).
            padded[HTTPField.Name("X-Padding")!] = String(repeating: "b", count: 30_000)
            #expect(try await app.request(.get, "/v1/users", headers: padded).status == .ok)
            let limit = 10 * 1024 * 1024
            let (front, back) = (#"{"email":"near@example.com","#, #""name":"Near"}"#)
            let near = front + String(repeating: " ", count: limit - 1 - front.utf8.count - back.utf8.count) + back
            #expect(near.utf8.count == limit - 1)
            let accepted = try await app.request(.post, "/v1/users", json: near, headers: TestApp.key(key))
            #expect(accepted.status == .created && accepted.data["email"] as? String == "near@example.com", "\(accepted.text.prefix(300))")
        }
    }

    /// The request header a timeout test sets to slow its request's handler (`TimeBudgetTesting`).
    static let delayHeader = HTTPField.Name("X-Test-Delay-Ms")!

    @Test("Timeout Behavior: the app's own budgets (standard 30 s, batch 120 s), scaled by 1/20 on a live server: 504 GATEWAY_TIMEOUT past each, nothing written")
    func timeouts() async throws {
        // 30 s becomes 1.5 s and 120 s 6 s; a handler is paused by the milliseconds its request asks for.
        let testing = TimeBudgetTesting(scale: 0.05) { head in head.headerFields[Self.delayHeader].flatMap(Int.init).map { .milliseconds($0) } }
        try await TestApp.b2b(configure: { $0.timeBudgetTesting = testing }) { app in
            // The key comes from the command line's path (a service key), so no sign-up's bcrypt runs within a scaled budget.
            let settings = try #require(try AppCatalog.app(named: "b2b").auth)
            let key = TestApp.key(try await AuthService.createAPIKey(
                owner: nil, name: "timeouts", scopes: ["admin"], environment: "live", settings: settings, database: try #require(app.database),
                app: "b2b", declaredScopes: ["admin"]
            ).key)
            var slow = key
            slow[Self.delayHeader] = "30000"
            // A standard request past its budget: 504 in the document's error body, well before the handler would end.
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/v1/users", nil), (.post, "/v1/users", #"{"email":"late@example.com"}"#),
            ] as [(HTTPRequest.Method, String, String?)] {
                let started = ContinuousClock.now
                let reply = try await app.request(method, path, json: body, headers: slow)
                let elapsed = ContinuousClock.now - started
                #expect(reply.status == .gatewayTimeout, "\(method) \(path): \(reply.text)")
                Self.expectDocumentError(reply, code: "GATEWAY_TIMEOUT")
                #expect(elapsed >= .milliseconds(1500) && elapsed < .seconds(25), "\(method) \(path) took \(elapsed)")
            }
            let operations = #"{"operations":[{"action":"create","data":{"email":"b1@example.com"}}]}"#
            // A batch gets the batch budget: twice the standard budget is within it...
            var longer = key
            longer[Self.delayHeader] = "3000"
            let batch = try await app.request(.post, "/v1/users/batch", json: operations, headers: longer)
            #expect(batch.status == .ok, "\(batch.text)")
            // ...and past it the batch is 504 too, with none of its items written.
            let started = ContinuousClock.now
            let late = try await app.request(
                .post, "/v1/users/batch", json: #"{"operations":[{"action":"create","data":{"email":"b2@example.com"}}]}"#, headers: slow)
            let elapsed = ContinuousClock.now - started
            #expect(late.status == .gatewayTimeout, "\(late.text)")
            Self.expectDocumentError(late, code: "GATEWAY_TIMEOUT")
            #expect(elapsed >= .seconds(6) && elapsed < .seconds(25), "the late batch took \(elapsed)")
            let listed = try await app.request(.get, "/v1/users", headers: key)
            #expect(listed.dataItems.compactMap { $0["email"] as? String } == ["b1@example.com"], "\(listed.text)")
        }
    }

    /// `{"error": {"code", "message", "details": [...]}}`, the document's error format.
    static func expectDocumentError(_ reply: Reply, code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = reply.object["error"] as? [String: any Sendable]
        #expect(error?["code"] as? String == code, "\(reply.text.prefix(300))", sourceLocation: sourceLocation)
        #expect((error?["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(error?["details"] is [Any], sourceLocation: sourceLocation)
    }

    @Test("Pagination: GET /v1/users?limit=50&offset=100, default page size 20, maximum 100, with total; /v1/keys, /v1/audit and /v1/usage page alike")
    func pagination() async throws {
        try await TestApp.b2b { app in
            let token = try await app.b2bOperator()
            let key = TestApp.key(try await app.b2bFullKey(token: token))
            for round in 0..<2 {
                let operations = (1...100).map { #"{"action":"create","data":{"email":"p\#($0)-\#(round)@example.com"}}"# }
                let batch = try await app.request(
                    .post, "/v1/users/batch", json: #"{"operations":[\#(operations.joined(separator: ","))]}"#, headers: key)
                #expect(batch.status.code < 300, "\(batch.text)")
            }
            let page = try await app.request(.get, "/v1/users?limit=50&offset=100", headers: key)
            #expect(page.status == .ok, "\(page.text)")
            #expect(page.dataItems.count == 50)
            #expect(page.object["total"] as? Int == 200 && page.object["limit"] as? Int == 50 && page.object["offset"] as? Int == 100)
            let first = try await app.request(.get, "/v1/users", headers: key)
            #expect(first.dataItems.count == 20 && first.object["limit"] as? Int == 20 && first.object["offset"] as? Int == 0)
            let most = try await app.request(.get, "/v1/users?limit=100", headers: key)
            #expect(most.dataItems.count == 100)
            let beyond = try await app.request(.get, "/v1/users?limit=101", headers: key)
            #expect(beyond.status == .badRequest && beyond.errorFields == ["limit"], "\(beyond.text)")
            // The audit trail and the usage statistics page by the same rule (the app's
            // `limits.defaultPageSize`/`maxPageSize`), and their OpenAPI says so.
            let audit = try await app.request(.get, "/v1/audit", headers: key)
            #expect(audit.status == .ok && audit.dataItems.count == 20 && audit.object["limit"] as? Int == 20, "\(audit.text.prefix(300))")
            #expect((audit.object["total"] as? Int ?? 0) >= 200, "every user's creation is in the trail")
            #expect(try await app.request(.get, "/v1/audit?limit=100", headers: key).dataItems.count == 100)
            let usage = try await app.request(.get, "/v1/usage", headers: key)
            #expect(usage.status == .ok && usage.object["limit"] as? Int == 20, "\(usage.text.prefix(300))")
            #expect(try await app.request(.get, "/v1/usage?limit=100", headers: key).status == .ok)
            // /v1/keys: the caller's keys, newest first, by the same rule: 22 more keys make 23.
            for index in 1...22 {
                _ = try await app.b2bKey(#"{"name":"k\#(index)","environment":"test","scopes":["users:read"]}"#, token: token)
            }
            let keys = try await app.request(.get, "/v1/keys", headers: key)
            #expect(keys.status == .ok && keys.dataItems.count == 20, "\(keys.text.prefix(300))")
            #expect(keys.object["total"] as? Int == 23 && keys.object["limit"] as? Int == 20 && keys.object["offset"] as? Int == 0)
            let created = keys.dataItems.compactMap { $0["created_at"] as? String }
            #expect(created.count == 20 && created == created.sorted(by: >), "newest first: \(created)")
            let lastKeys = try await app.request(.get, "/v1/keys?limit=5&offset=20", headers: key)
            #expect(lastKeys.dataItems.count == 3, "\(lastKeys.text.prefix(300))")
            #expect(lastKeys.object["total"] as? Int == 23 && lastKeys.object["limit"] as? Int == 5 && lastKeys.object["offset"] as? Int == 20)
            let names = (keys.dataItems + lastKeys.dataItems).compactMap { $0["name"] as? String }
            #expect(Set(names) == Set((1...22).map { "k\($0)" } + ["backend"]) && names.count == 23, "the two pages hold every key once: \(names)")
            #expect(try await app.request(.get, "/v1/keys?limit=100", headers: key).dataItems.count == 23)
            for path in ["/v1/users", "/v1/audit", "/v1/usage", "/v1/keys"] {
                let refused = try await app.request(.get, "\(path)?limit=101", headers: key)
                #expect(refused.status == .badRequest && refused.errorFields == ["limit"], "\(path): \(refused.text)")
                // A parameter given twice is refused by every list, not read as its first value.
                let repeated = try await app.request(.get, "\(path)?limit=5&limit=6", headers: key)
                #expect(repeated.status == .badRequest && repeated.errorFields == ["limit"], "\(path): \(repeated.text)")
            }
            let document = try #require(try JSONSerialization.jsonObject(with: Data(B2b.openAPIDocument.utf8)) as? [String: Any])
            for path in ["/v1/users", "/v1/audit", "/v1/usage", "/v1/keys"] {
                let parameters = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?["get"] as? [String: Any]
                let limit = try #require(Self.resolved(parameters?["parameters"] as? [Any] ?? [], in: document).first { $0["name"] as? String == "limit" })
                let schema = limit["schema"] as? [String: Any]
                #expect(schema?["maximum"] as? Int == 100, "\(path): \(limit)")
                #expect(schema?["default"] as? Int == 20 || (limit["description"] as? String)?.contains("default 20") == true, "\(path): \(limit)")
            }
        }
    }

    /// `parameters` of an OpenAPI operation with each `$ref` replaced by its component.
    static func resolved(_ parameters: [Any], in document: [String: Any]) -> [[String: Any]] {
        let components = (document["components"] as? [String: Any])?["parameters"] as? [String: Any] ?? [:]
        return parameters.compactMap { parameter in
            guard let parameter = parameter as? [String: Any] else { return nil }
            guard let reference = parameter["$ref"] as? String else { return parameter }
            return components[String(reference.split(separator: "/").last ?? "")] as? [String: Any]
        }
    }

    /// An instant `days` from now as the document writes times (`2024-01-15T10:30:00Z`).
    static func iso(daysFromNow days: Double) -> String {
        ISO8601DateFormatter().string(from: Date().addingTimeInterval(days * 86400))
    }
}
