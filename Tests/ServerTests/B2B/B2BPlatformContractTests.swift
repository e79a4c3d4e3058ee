import Foundation
import HTTPTypes
import Testing

@testable import Server

/// The B2B reference's remaining points, in its order: "What the API Does" (session and
/// organization management), "Versioning", "Security Considerations" and "Monitoring and
/// Observability" (metrics via API), against a live `b2b` server (see `B2BContractTests`).
@Suite("B2B contract: sessions, organizations, versions, transport security, metrics")
struct B2BPlatformContractTests {
    @Test("Session Management: operators' tokens are generated, refreshed, listed and ended at /v1/auth")
    func sessionManagement() async throws {
        try await TestApp.b2b { app in
            _ = try await app.b2bOperator()
            let login = try await app.request(.post, "/v1/auth/login", json: #"{"email":"ops@example.com","password":"correct horse battery"}"#)
            let token = try #require(login.object["access_token"] as? String, "\(login.text)")
            let refreshToken = try #require(login.object["refresh_token"] as? String)
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            let sessions = try await app.request(.get, "/v1/auth/sessions", headers: bearer)
            #expect(sessions.status == .ok && sessions.items.count >= 2, "\(sessions.text)")
            // "401 intermittent: token expiration; implement token refresh".
            let refreshed = try await app.request(.post, "/v1/auth/refresh", json: #"{"refresh_token":"\#(refreshToken)"}"#)
            #expect(refreshed.status == .ok && refreshed.object["access_token"] is String, "\(refreshed.text)")
            #expect(try await app.request(.post, "/v1/auth/logout", headers: bearer).status == .noContent)
            let ended = try await app.request(.get, "/v1/auth/sessions", headers: bearer)
            #expect(ended.status == .unauthorized && ended.errorCode == "AUTHENTICATION_FAILED", "\(ended.text)")
        }
    }

    @Test("Organization Management: users belong to organizations and are listed by organization")
    func organizations() async throws {
        try await TestApp.b2b { app in
            let key = TestApp.key(try await app.b2bFullKey(token: try await app.b2bOperator()))
            var ids: [String] = []
            for name in ["Acme", "Globex"] {
                let organization = try await app.request(.post, "/v1/organizations", json: #"{"name":"\#(name)"}"#, headers: key)
                ids.append(try #require(organization.data["id"] as? String, "\(organization.text)"))
            }
            for (index, id) in ids.enumerated() {
                let user = try await app.request(
                    .post, "/v1/users", json: #"{"email":"u\#(index)@example.com","organization_id":"\#(id)"}"#, headers: key)
                #expect(user.status == .created, "\(user.text)")
            }
            let acme = try await app.request(.get, "/v1/users?organization_id=\(ids[0])", headers: key)
            #expect(acme.status == .ok && acme.dataItems.map { $0["email"] as? String } == ["u0@example.com"], "\(acme.text)")
            #expect(acme.object["total"] as? Int == 1)
        }
    }

    @Test("Versioning: /v1 is served; /v2, which the document gives no contract, is not")
    func versioning() async throws {
        try await TestApp.b2b { app in
            let key = TestApp.key(try await app.b2bFullKey(token: try await app.b2bOperator()))
            #expect(try await app.request(.get, "/v1/users", headers: key).status == .ok)
            #expect(try await app.request(.get, "/v2/users", headers: key).status == .notFound)
        }
    }

    @Test("Security Considerations: TLS is required (Strict-Transport-Security on every answer)")
    func transportSecurity() async throws {
        try await TestApp.b2b { app in
            let key = TestApp.key(try await app.b2bFullKey(token: try await app.b2bOperator()))
            for (path, headers) in [("/health", HTTPFields()), ("/v1/users", key), ("/v1/keys", key)] {
                let answer = try await app.request(.get, path, headers: headers)
                #expect(answer.headers[HTTPField.Name("Strict-Transport-Security")!] == "max-age=31536000; includeSubDomains", "\(path): \(answer.headers)")
            }
        }
    }

    @Test("Metrics Available (via API): request volume, error rates and latency percentiles at GET /v1/usage")
    func usageMetrics() async throws {
        try await TestApp.b2b { app in
            let token = try await app.b2bOperator()
            let admin = try await app.b2bKey(#"{"name":"admin","environment":"live","scopes":["admin"]}"#, token: token)
            let key = TestApp.key(admin.key)
            #expect(try await app.request(.get, "/v1/users", headers: key).status == .ok)
            #expect(try await app.request(.get, "/v1/users/usr_0000000000000000000000", headers: key).status == .notFound)
            let usage = try await app.request(.get, "/v1/usage?limit=10", headers: key)
            #expect(usage.status == .ok, "\(usage.text)")
            #expect(Set(usage.object.keys) == ["data", "total", "limit", "offset"], "\(usage.text)")
            let row = try #require(usage.dataItems.first, "\(usage.text)")
            #expect((row["requests"] as? Int ?? 0) >= 2 && (row["client_errors"] as? Int ?? 0) >= 1, "\(usage.text)")
            #expect(row["latency_ms"] is [String: any Sendable] && row["server_errors"] as? Int == 0, "\(usage.text)")
            // A key's rows carry its id as /v1/keys writes it (key_...), and the filter takes that id.
            #expect(row["api_key_id"] as? String == admin.id, "\(usage.text)")
            let mine = try await app.request(.get, "/v1/usage?api_key_id=\(admin.id)", headers: key)
            #expect(mine.status == .ok && mine.dataItems.count == 1 && mine.dataItems.first?["api_key_id"] as? String == admin.id, "\(mine.text)")
            let malformed = try await app.request(.get, "/v1/usage?api_key_id=nope", headers: key)
            #expect(malformed.status == .badRequest && malformed.errorFields == ["api_key_id"], "\(malformed.text)")
            // usage:read: admin implies it; a users key does not hold it.
            let reader = TestApp.key(try await app.b2bKey(#"{"name":"r","environment":"live","scopes":["users:read"]}"#, token: token).key)
            let refused = try await app.request(.get, "/v1/usage", headers: reader)
            #expect(refused.status == .forbidden && refused.errorCode == "PERMISSION_DENIED", "\(refused.text)")
        }
    }
}
