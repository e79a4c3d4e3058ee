import Foundation
import HTTPTypes
import NIOCore
import Runtime
import Testing

@testable import Server

/// The B2B reference's "API Endpoints", "Request/Response Format", "Error Handling",
/// "Idempotency" and "Getting Help" in the document's order, against a live `b2b` server (see
/// `B2BContractTests`).
@Suite("B2B contract: resources, formats, errors, idempotency, documentation")
struct B2BResourceContractTests {
    @Test("Users: the standard operations on /v1/users with {\"data\": ...} envelopes and usr_ ids")
    func users() async throws {
        try await TestApp.b2b { app in
            let key = TestApp.key(try await app.b2bFullKey(token: try await app.b2bOperator()))
            let created = try await app.request(.post, "/v1/users", json: #"{"email":"user@example.com","name":"Ada"}"#, headers: key)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.data["id"] as? String)
            #expect(id.hasPrefix("usr_") && created.data["email"] as? String == "user@example.com" && created.data["created_at"] is String)
            let read = try await app.request(.get, "/v1/users/\(id)", headers: key)
            #expect(read.status == .ok && read.data["id"] as? String == id, "\(read.text)")
            // Timestamps: RFC 3339 in UTC with milliseconds (`2026-12-05T08:13:51.625Z`), the document's
            // `2024-01-15T10:30:00Z` with the fraction list order and cursors rely on (README).
            for name in ["created_at", "updated_at"] {
                let stamp = try #require(created.data[name] as? String, "\(created.text)")
                #expect(stamp.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(name): \(stamp)")
                var parser = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
                parser.timeZone = TimeZone(identifier: "UTC")!
                #expect((try? parser.parse(stamp)) != nil, "\(name): \(stamp)")
            }
            let replaced = try await app.request(.put, "/v1/users/\(id)", json: #"{"email":"ada@example.com","name":"Ada L."}"#, headers: key)
            #expect(replaced.status == .ok && replaced.data["email"] as? String == "ada@example.com", "\(replaced.text)")
            #expect(replaced.data["name"] as? String == "Ada L.", "\(replaced.text)")
            // PUT is a full replace: a PUT without the optional `name` clears it...
            let cleared = try await app.request(.put, "/v1/users/\(id)", json: #"{"email":"ada@example.com"}"#, headers: key)
            #expect(cleared.status == .ok && cleared.data["email"] as? String == "ada@example.com", "\(cleared.text)")
            #expect(cleared.data["name"] == nil || cleared.data["name"] is NSNull, "\(cleared.text)")
            let reread = try await app.request(.get, "/v1/users/\(id)", headers: key)
            #expect(reread.data["name"] == nil || reread.data["name"] is NSNull, "\(reread.text)")
            // ...and the same PUT again answers the same record ("PUT ... idempotent by design").
            let again = try await app.request(.put, "/v1/users/\(id)", json: #"{"email":"ada@example.com"}"#, headers: key)
            #expect(again.status == .ok, "\(again.text)")
            for field in ["id", "email", "organization_id", "created_at"] {
                #expect(String(describing: again.data[field]) == String(describing: cleared.data[field]), "\(field): \(again.text) vs \(cleared.text)")
            }
            #expect(again.data["name"] == nil || again.data["name"] is NSNull, "\(again.text)")
            #expect(Set(again.data.keys) == Set(cleared.data.keys), "\(again.text) vs \(cleared.text)")
            let restored = try await app.request(.put, "/v1/users/\(id)", json: #"{"email":"ada@example.com","name":"Ada L."}"#, headers: key)
            #expect(restored.status == .ok && restored.data["name"] as? String == "Ada L.", "\(restored.text)")
            let patched = try await app.request(.patch, "/v1/users/\(id)", json: #"{"name":"Ada Lovelace"}"#, headers: key)
            #expect(patched.status == .ok && patched.data["name"] as? String == "Ada Lovelace", "\(patched.text)")
            #expect(patched.data["email"] as? String == "ada@example.com")
            let listed = try await app.request(.get, "/v1/users?filter=name%20~%20'lovelace'", headers: key)
            #expect(listed.dataItems.map { $0["id"] as? String } == [id] && listed.object["total"] as? Int == 1, "\(listed.text)")
            let deleted = try await app.request(.delete, "/v1/users/\(id)", headers: key)
            #expect(deleted.status == .noContent && deleted.bytes.isEmpty)
            let gone = try await app.request(.get, "/v1/users/\(id)", headers: key)
            #expect(gone.status == .notFound && gone.errorCode == "RESOURCE_NOT_FOUND", "\(gone.text)")
        }
    }

    @Test("Organizations, API keys (admin only) and audit logs (read only)")
    func organizationsKeysAudit() async throws {
        try await TestApp.b2b { app in
            let token = try await app.b2bOperator()
            let key = TestApp.key(try await app.b2bFullKey(token: token))
            let organization = try await app.request(.post, "/v1/organizations", json: #"{"name":"Acme Corp"}"#, headers: key)
            #expect(organization.status == .created, "\(organization.text)")
            let id = try #require(organization.data["id"] as? String)
            #expect(id.hasPrefix("org_"))
            let member = try await app.request(
                .post, "/v1/users", json: #"{"email":"m@acme.com","organization_id":"\#(id)"}"#, headers: key)
            #expect(member.status == .created && member.data["organization_id"] as? String == id, "\(member.text)")
            let renamed = try await app.request(.put, "/v1/organizations/\(id)", json: #"{"name":"Acme Inc"}"#, headers: key)
            #expect(renamed.status == .ok && renamed.data["name"] as? String == "Acme Inc", "\(renamed.text)")
            #expect(try await app.request(.patch, "/v1/organizations/\(id)", json: #"{"name":"Acme"}"#, headers: key).status == .ok)
            let listed = try await app.request(.get, "/v1/organizations", headers: key)
            #expect(listed.dataItems.count == 1 && listed.object["total"] as? Int == 1, "\(listed.text)")
            // Organization changes need the admin permission.
            let reader = TestApp.key(try await app.b2bKey(#"{"name":"r","environment":"live","scopes":["users:read"]}"#, token: token).key)
            #expect(try await app.request(.get, "/v1/organizations/\(id)", headers: reader).status == .ok)
            let refused = try await app.request(.delete, "/v1/organizations/\(id)", headers: reader)
            #expect(refused.status == .forbidden && refused.errorCode == "PERMISSION_DENIED", "\(refused.text)")
            #expect(try await app.request(.delete, "/v1/organizations/\(id)", headers: key).status == .noContent)
            // /v1/keys: the operator's keys, prefix and last four only, in the document's list envelope.
            let keys = try await app.request(.get, "/v1/keys", headers: [.authorization: "Bearer \(token)"])
            #expect(keys.status == .ok && keys.dataItems.count == 2 && keys.dataItems.allSatisfy { $0["key"] == nil }, "\(keys.text)")
            #expect(keys.object["items"] == nil)
            // /v1/audit: every write above, newest first, as {"data": [...], "total", "limit", "offset"}.
            let audit = try await app.request(.get, "/v1/audit?resource=organizations&limit=3", headers: [.authorization: "Bearer \(token)"])
            #expect(audit.status == .ok, "\(audit.text)")
            #expect(audit.dataItems.compactMap { $0["action"] as? String } == ["deleted", "updated", "updated"], "\(audit.text)")
            #expect(audit.object["total"] as? Int == 4 && audit.object["limit"] as? Int == 3 && audit.object["offset"] as? Int == 0)
            #expect(Set(audit.object.keys) == ["data", "total", "limit", "offset"], "\(audit.text)")
            #expect(try await app.request(.post, "/v1/audit", json: "{}", headers: [.authorization: "Bearer \(token)"]).status.code >= 400)
            // GET /v1/audit/{id} ("Get single resource"): one event in the record envelope; an unknown id is 404.
            let newest = try #require(audit.dataItems.first?["id"] as? String)
            let one = try await app.request(.get, "/v1/audit/\(newest)", headers: key)
            #expect(one.status == .ok && one.data["id"] as? String == newest && one.data["action"] as? String == "deleted", "\(one.text)")
            let unknown = try await app.request(.get, "/v1/audit/\(UUID().uuidString.lowercased())", headers: key)
            #expect(unknown.status == .notFound && unknown.errorCode == "RESOURCE_NOT_FOUND", "\(unknown.text)")
            let malformed = try await app.request(.get, "/v1/audit/not-an-id", headers: key)
            #expect(malformed.status == .badRequest && malformed.errorFields == ["id"], "\(malformed.text)")
            // An auth-trail event too, for a caller bound to no organization; a reader without the scope is 403.
            let authTrail = try await app.request(.get, "/v1/audit?source=auth&limit=1", headers: key)
            let authEvent = try #require(authTrail.dataItems.first?["id"] as? String, "\(authTrail.text)")
            let fromAuth = try await app.request(.get, "/v1/audit/\(authEvent)", headers: key)
            #expect(fromAuth.status == .ok && fromAuth.data["resource"] as? String == "auth", "\(fromAuth.text)")
            let notAllowed = try await app.request(.get, "/v1/audit/\(newest)", headers: reader)
            #expect(notAllowed.status == .forbidden && notAllowed.errorCode == "PERMISSION_DENIED", "\(notAllowed.text)")
        }
    }

    @Test("Standard Operations: DELETE is idempotent in effect: a second DELETE of a user, an organization, a key or a webhook is 404 RESOURCE_NOT_FOUND")
    func secondDelete() async throws {
        try await TestApp.b2bComplete { app in
            let token = try await app.b2bOperator()
            let key = TestApp.key(try await app.b2bFullKey(token: token))
            let user = try await app.request(.post, "/v1/users", json: #"{"email":"gone@example.com"}"#, headers: key)
            let organization = try await app.request(.post, "/v1/organizations", json: #"{"name":"Gone Inc"}"#, headers: key)
            let spare = try await app.b2bKey(#"{"name":"spare","environment":"live","scopes":["users:read"]}"#, headers: key)
            let webhook = try await app.request(
                .post, "/v1/webhooks", json: #"{"url":"http://127.0.0.1:9/hooks","event_types":["users.*"]}"#, headers: key)
            #expect(webhook.status == .created, "\(webhook.text)")
            let paths = [
                "/v1/users/\(try #require(user.data["id"] as? String, "\(user.text)"))",
                "/v1/organizations/\(try #require(organization.data["id"] as? String, "\(organization.text)"))",
                "/v1/keys/\(spare.id)",
                "/v1/webhooks/\(try #require(webhook.object["id"] as? String, "\(webhook.text)"))",
            ]
            for path in paths {
                let first = try await app.request(.delete, path, headers: key)
                #expect(first.status == .noContent && first.bytes.isEmpty, "\(path): \(first.text)")
                let again = try await app.request(.delete, path, headers: key)
                #expect(again.status == .notFound && again.errorCode == "RESOURCE_NOT_FOUND", "\(path): \(again.text)")
                let read = try await app.request(.get, path, headers: key)
                #expect(read.status == .notFound && read.errorCode == "RESOURCE_NOT_FOUND", "\(path): \(read.text)")
            }
        }
    }

    @Test("Health endpoints, X-Request-Id, Content-Type and the error format")
    func healthAndFormat() async throws {
        try await TestApp.b2b { app in
            for path in ["/health", "/health/ready", "/health/live"] {
                #expect(try await app.request(.get, path).status == .ok, "\(path)")
            }
            let key = TestApp.key(try await app.b2bFullKey(token: try await app.b2bOperator()))
            var traced = key
            traced[HTTPField.Name("X-Request-Id")!] = "support-ticket-42"
            let echoed = try await app.request(.get, "/v1/users", headers: traced)
            #expect(echoed.headers[HTTPField.Name("X-Request-Id")!] == "support-ticket-42")
            #expect(echoed.headers[.contentType]?.hasPrefix("application/json") == true)
            let own = try await app.request(.get, "/v1/users", headers: key)
            #expect(own.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            // A new id for every request that brings none.
            let next = try await app.request(.get, "/v1/users", headers: key)
            let ids = [own, next].compactMap { $0.headers[HTTPField.Name("X-Request-Id")!] }
            #expect(ids.count == 2 && ids[0] != ids[1], "\(ids)")
            // The document's error example: VALIDATION_ERROR naming the field "email".
            let invalid = try await app.request(.post, "/v1/users", json: #"{"email":"not-an-email"}"#, headers: key)
            #expect(invalid.status == .unprocessableContent && invalid.errorCode == "VALIDATION_ERROR", "\(invalid.text)")
            #expect(invalid.errorFields == ["email"])
            let error = try #require(invalid.object["error"] as? [String: any Sendable])
            #expect(error["message"] is String && Set(error.keys) == ["code", "message", "details"], "\(invalid.text)")
            // "Content-Type: Must be application/json" (POST/PUT).
            var plain = key
            plain[.contentType] = "text/plain"
            let unsupported = try await app.request(.post, "/v1/users", json: #"{"email":"a@example.com"}"#, headers: plain)
            #expect(unsupported.status == .unsupportedMediaType, "\(unsupported.text)")
            let member = try await app.request(.post, "/v1/users", json: #"{"email":"put@example.com"}"#, headers: key)
            let memberID = try #require(member.data["id"] as? String)
            let unsupportedPut = try await app.request(.put, "/v1/users/\(memberID)", json: #"{"email":"put@example.com"}"#, headers: plain)
            #expect(unsupportedPut.status == .unsupportedMediaType, "PUT too: \(unsupportedPut.text)")
            // Chosen (README): a JSON body sent without Content-Type is read as JSON, not refused.
            let bare = try await app.client.executeRequest(
                uri: "/v1/users", method: .post, headers: key, body: ByteBuffer(string: #"{"email":"bare@example.com"}"#))
            #expect(bare.status == .created, "\(String(buffer: bare.body))")
            // "Accept: application/json (default)": answers are JSON whatever Accept asks for.
            var html = key
            html[.accept] = "text/html"
            let negotiated = try await app.request(.get, "/v1/users", headers: html)
            #expect(negotiated.status == .ok && negotiated.headers[.contentType]?.hasPrefix("application/json") == true, "\(negotiated.text)")
            // "No sensitive data in URL parameters": a key is read from X-API-Key only, never from the query.
            let inURL = try await app.request(.get, "/v1/users?api_key=\(key[HTTPField.Name("X-API-Key")!]!)")
            #expect(inURL.status == .unauthorized && inURL.errorCode == "AUTHENTICATION_FAILED", "\(inURL.text)")
            // 409 CONFLICT: "Action conflicts with resource state" (a taken email).
            _ = try await app.request(.post, "/v1/users", json: #"{"email":"taken@example.com"}"#, headers: key)
            let taken = try await app.request(.post, "/v1/users", json: #"{"email":"taken@example.com"}"#, headers: key)
            #expect(taken.status == .conflict && taken.errorCode == "CONFLICT" && taken.errorFields == ["email"], "\(taken.text)")
        }
    }

    @Test("Error Codes: INTERNAL_ERROR is written in the document's body like every other code, with 500")
    func internalError() throws {
        let app = try AppCatalog.app(named: "b2b")
        let error = app.settings.errors.apply(APIError.internalError)
        #expect(error.status == .internalServerError && error.code == "INTERNAL_ERROR")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(app.settings.errorFormat.body(for: error, requestID: "r1"))) as? [String: Any])
        let inner = try #require(body["error"] as? [String: Any], "\(body)")
        #expect(inner["code"] as? String == "INTERNAL_ERROR" && inner["message"] is String && inner["details"] is [Any], "\(body)")
    }

    @Test("Idempotency: POST /v1/users with X-Idempotency-Key: unique-request-id-12345 writes once")
    func idempotency() async throws {
        try await TestApp.b2b { app in
            var headers = TestApp.key(try await app.b2bFullKey(token: try await app.b2bOperator()))
            headers[HTTPField.Name("X-Idempotency-Key")!] = "unique-request-id-12345"
            let first = try await app.request(.post, "/v1/users", json: #"{"email":"once@example.com"}"#, headers: headers)
            let again = try await app.request(.post, "/v1/users", json: #"{"email":"once@example.com"}"#, headers: headers)
            #expect(first.status == .created && again.status == .created, "\(again.text)")
            #expect(again.data["id"] as? String == first.data["id"] as? String)
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let other = try await app.request(.post, "/v1/users", json: #"{"email":"other@example.com"}"#, headers: headers)
            #expect(other.status == .unprocessableContent && other.errorCode == "VALIDATION_ERROR", "\(other.text)")
            let listed = try await app.request(.get, "/v1/users", headers: TestApp.key(headers[HTTPField.Name("X-API-Key")!]!))
            #expect(listed.object["total"] as? Int == 1)
            // "valid for 24 hours": the records b2b keeps, purged after that by `PeriodicPurge`
            // (whose expiry `IdempotencyTests` proves); the audit trail is kept 90 days alike.
            let b2b = try AppCatalog.app(named: "b2b")
            #expect(b2b.settings.idempotency?.retentionSeconds == 24 * 3600)
            #expect(b2b.audit?.retentionDays == 90)
        }
    }

    @Test("Getting Help: GET /openapi.json and GET /docs")
    func documentation() async throws {
        try await TestApp.b2b { app in
            let document = try await app.request(.get, "/openapi.json")
            #expect(document.status == .ok)
            let paths = try #require(document.object["paths"] as? [String: any Sendable])
            for path in [
                "/v1/users", "/v1/users/{id}", "/v1/users/batch", "/v1/organizations", "/v1/organizations/{id}", "/v1/keys", "/v1/keys/{id}",
                "/v1/audit", "/v1/usage",
            ] {
                #expect(paths[path] != nil, "\(path)")
            }
            let webhooks = try #require(document.object["webhooks"] as? [String: any Sendable])
            #expect(webhooks["users.created"] != nil && webhooks["organizations.deleted"] != nil)
            let docs = try await app.request(.get, "/docs")
            #expect(docs.status == .ok && docs.headers[.contentType]?.hasPrefix("text/html") == true)
        }
    }
}
