import Foundation
import HTTPTypes
import NIOCore
import Testing

@testable import Server

/// Sovrium's security stories (`reference/sovrium/security/`, as developer then as app
/// administrator): authentication, rate limits, API keys scoped to tables and operations, CORS,
/// and the admin routes `/api/admin/api-keys`, `/api/admin/rate-limits`, `/api/admin/usage`.
@Suite("Sovrium: security stories (US-API-SECURITY-001..004, US-API-SECURITY-ADMIN-001..003)", .serialized)
struct SovriumSecurityContractTests {
    static let projects = "/api/tables/projects/records"
    static let keys = "/api/admin/api-keys"
    static func apiKey(_ key: String) -> HTTPFields { [HTTPField.Name("X-API-Key")!: key] }

    /// A request the document does not describe (a CORS preflight), sent past the checker.
    static func raw(_ sovrium: SovriumHarness, _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields) async throws -> Reply {
        let response = try await sovrium.app.client.executeRequest(uri: uri, method: method, headers: headers, body: nil)
        return Reply(status: response.status, headers: response.headers, bytes: Array(buffer: response.body))
    }

    /// Creates an API key as `token`; returns its id and secret.
    static func key(_ sovrium: SovriumHarness, name: String, scopes: [String], token: String) async throws -> (id: String, secret: String) {
        let list = scopes.map { "\"\($0)\"" }.joined(separator: ", ")
        let reply = try await sovrium.app.request(
            .post, keys, json: #"{"name": "\#(name)", "environment": "live", "scopes": [\#(list)]}"#, headers: SovriumHarness.bearer(token))
        #expect(reply.status == .created, "\(reply.text)")
        return (try #require(reply.object["id"] as? String), try #require(reply.object["key"] as? String))
    }

    @Test("US-API-SECURITY-001: session cookies and bearer tokens authenticate; unauthenticated requests are 401")
    func authentication() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("ada@example.com")
            #expect(try await sovrium.app.request(.get, Self.projects, headers: SovriumHarness.bearer(token)).status == .ok)
            let browser = try await sovrium.app.request(
                .post, "/api/auth/login", json: #"{"email": "ada@example.com", "password": "\#(SovriumHarness.password)"}"#,
                headers: [.origin: "http://localhost:3000"])
            let jar = browser.headers[values: .setCookie].map { String($0.prefix { $0 != ";" }) }.joined(separator: "; ")
            #expect(try await sovrium.app.request(.get, Self.projects, headers: [.cookie: jar]).status == .ok)
            let anonymous = try await sovrium.app.request(.get, Self.projects)
            #expect(anonymous.status == .unauthorized && anonymous.sovriumError.code == "UNAUTHORIZED")
            let tampered = try await sovrium.app.request(.get, Self.projects, headers: SovriumHarness.bearer(String(token.dropLast(2)) + "xx"))
            #expect(tampered.status == .unauthorized)
        }
    }

    @Test("US-API-SECURITY-002: rate limits per endpoint (password reset: 10 per minute per address) answer 429 RATE_LIMITED with Retry-After; they are configured and documented")
    func rateLimits() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("ada@example.com")
            for index in 0..<10 {
                let accepted = try await sovrium.app.request(.post, "/api/auth/forgot-password", json: #"{"email": "nobody\#(index)@example.com"}"#)
                #expect(accepted.status == .accepted, "\(index): \(accepted.text)")
            }
            let limited = try await sovrium.app.request(.post, "/api/auth/forgot-password", json: #"{"email": "nobody@example.com"}"#)
            #expect(limited.status == .tooManyRequests && limited.sovriumError.code == "RATE_LIMITED", "\(limited.text)")
            let retryAfter = try #require(limited.headers[.retryAfter].flatMap { Int($0) }, "\(limited.headers)")
            #expect((1...60).contains(retryAfter))
            #expect(limited.headers[HTTPField.Name("RateLimit-Policy")!] == #""passwordReset";q=10;w=60"#, "\(limited.headers)")
            // The released path is in the same group and shares its counter.
            let alias = try await sovrium.app.request(.post, "/api/auth/request-password-reset", json: #"{"email": "nobody@example.com"}"#)
            #expect(alias.status == .tooManyRequests, "\(alias.text)")
            // Other endpoints count against their own policy, untouched.
            let read = try await sovrium.app.request(.get, Self.projects, headers: SovriumHarness.bearer(token))
            #expect(read.status == .ok && read.headers[HTTPField.Name("RateLimit-Policy")!] == #""standard";q=100;w=60"#, "\(read.headers)")
            let login = try await sovrium.app.request(.post, "/api/auth/login", json: #"{"email": "ada@example.com", "password": "\#(SovriumHarness.password)"}"#)
            #expect(login.status == .ok && login.headers[HTTPField.Name("RateLimit-Policy")!] == #""signIn";q=20;w=60"#, "\(login.headers)")
            // AC-003: configured in app.json, and documented on each limited operation.
            let document = try await sovrium.app.request(.get, "/api/openapi.json")
            let paths = try #require(document.object["paths"] as? [String: any Sendable])
            for path in ["/api/auth/login", "/api/auth/forgot-password", "/api/tables/projects/records"] {
                let operation = ((paths[path] as? [String: any Sendable])?[path.hasPrefix("/api/tables") ? "get" : "post"] as? [String: any Sendable])
                #expect((operation?["responses"] as? [String: any Sendable])?["429"] != nil, "\(path)")
            }
        }
    }

    @Test("US-API-SECURITY-003: API keys authenticate (X-API-Key or Bearer), are scoped to tables and operations, and are created and revoked")
    func apiKeys() async throws {
        try await SovriumHarness.run { sovrium in
            let (admin, _) = try await sovrium.user("admin@example.com", admin: true)
            try await sovrium.create("projects", #"{"name": "Alpha"}"#, token: admin)
            let (id, secret) = try await Self.key(sovrium, name: "Read projects", scopes: ["projects:read"], token: admin)
            #expect(secret.hasPrefix("sov_live_"))
            // AC-001: the key authenticates, in X-API-Key or as a bearer token.
            for headers in [Self.apiKey(secret), SovriumHarness.bearer(secret)] {
                let read = try await sovrium.app.request(.get, Self.projects, headers: headers)
                #expect(read.status == .ok && read.records.count == 1, "\(read.text)")
            }
            // AC-002: scoped: reading projects only; another operation or table is refused as absent.
            let write = try await sovrium.app.request(.post, Self.projects, json: #"{"name": "B"}"#, headers: Self.apiKey(secret))
            #expect(write.status == .notFound || write.status == .forbidden, "\(write.text)")
            let other = try await sovrium.app.request(.get, "/api/tables/contacts/records", headers: Self.apiKey(secret))
            #expect(other.status == .notFound || other.status == .forbidden, "\(other.text)")
            let unknownScope = try await sovrium.app.request(
                .post, Self.keys, json: #"{"name": "x", "environment": "live", "scopes": ["invoices:read"]}"#, headers: SovriumHarness.bearer(admin))
            #expect(unknownScope.status == .badRequest && unknownScope.sovriumError.fields == ["scopes[0]"], "\(unknownScope.text)")
            // AC-003: revoked, it stops at once.
            let revoked = try await sovrium.app.request(.delete, "\(Self.keys)/\(id)", headers: SovriumHarness.bearer(admin))
            #expect(revoked.status == .noContent, "\(revoked.text)")
            let after = try await sovrium.app.request(.get, Self.projects, headers: Self.apiKey(secret))
            #expect(after.status == .unauthorized && after.sovriumError.code == "UNAUTHORIZED", "\(after.text)")
        }
    }

    @Test("US-API-SECURITY-004: CORS headers follow the configuration; a preflight from an allowed origin is answered, another origin gets none")
    func cors() async throws {
        try await SovriumHarness.run { sovrium in
            var preflight: HTTPFields = [.origin: "http://localhost:3000"]
            preflight[.accessControlRequestMethod] = "POST"
            preflight[.accessControlRequestHeaders] = "content-type, authorization"
            // A preflight is the browser's, not an API operation: sent past the document checker.
            let allowed = try await Self.raw(sovrium, .options, "/api/auth/login", headers: preflight)
            #expect(allowed.status == .noContent, "\(allowed.status)")
            #expect(allowed.headers[.accessControlAllowOrigin] == "http://localhost:3000")
            #expect(allowed.headers[.accessControlAllowCredentials] == "true")
            #expect(allowed.headers[.accessControlMaxAge] == "600")
            #expect(allowed.headers[.accessControlAllowMethods]?.contains("POST") == true)
            var other = preflight
            other[.origin] = "https://evil.example"
            let refused = try await Self.raw(sovrium, .options, "/api/auth/login", headers: other)
            #expect(refused.headers[.accessControlAllowOrigin] == nil)
            let simple = try await sovrium.app.request(.get, "/api/health", headers: [.origin: "http://localhost:3000"])
            #expect(simple.headers[.accessControlAllowOrigin] == "http://localhost:3000" && simple.headers[.vary]?.contains("Origin") == true)
        }
    }

    @Test("US-API-SECURITY-ADMIN-001: admins create keys with a description and revoke them at /api/admin/api-keys; 401 without authentication")
    func keyManagement() async throws {
        try await SovriumHarness.run { sovrium in
            let (admin, _) = try await sovrium.user("admin@example.com", admin: true)
            let auth = SovriumHarness.bearer(admin)
            let (id, secret) = try await Self.key(sovrium, name: "Nightly CRM export", scopes: ["contacts:read"], token: admin)
            let listed = try await sovrium.app.request(.get, Self.keys, headers: auth)
            let items = listed.object["items"] as? [[String: any Sendable]] ?? []
            #expect(items.count == 1 && items.first?["name"] as? String == "Nightly CRM export" && items.first?["key"] == nil, "\(listed.text)")
            #expect(!listed.text.contains(secret), "the secret is shown once, at creation")
            let one = try await sovrium.app.request(.get, "\(Self.keys)/\(id)", headers: auth)
            #expect(one.status == .ok && one.object["scopes"] as? [String] == ["contacts:read"], "\(one.text)")
            #expect(try await sovrium.app.request(.delete, "\(Self.keys)/\(id)", headers: auth).status == .noContent)
            let empty = try await sovrium.app.request(.get, Self.keys, headers: auth)
            #expect((empty.object["items"] as? [[String: any Sendable]])?.isEmpty == true, "\(empty.text)")
            for (method, path) in [(HTTPRequest.Method.get, Self.keys), (.post, Self.keys), (.get, "\(Self.keys)/\(id)"), (.delete, "\(Self.keys)/\(id)")] {
                let reply = try await sovrium.app.request(method, path, json: method == .post ? "{}" : nil)
                #expect(reply.status == .unauthorized && reply.sovriumError.code == "UNAUTHORIZED", "\(method) \(path): \(reply.text)")
            }
        }
    }

    @Test("US-API-SECURITY-ADMIN-002: per-key limits by tier at /api/admin/rate-limits, effective at the key's next request; 401 without authentication")
    func tiers() async throws {
        try await SovriumHarness.run { sovrium in
            let (admin, _) = try await sovrium.user("admin@example.com", admin: true)
            let auth = SovriumHarness.bearer(admin)
            let listed = try await sovrium.app.request(.get, "/api/admin/rate-limits/tiers", headers: auth)
            let tiers = (listed.object["items"] as? [[String: any Sendable]] ?? []).map { ($0["name"] as? String ?? "", $0["quota"] as? Int ?? 0) }
            #expect(tiers.map(\.0) == ["standard", "professional", "enterprise"] && tiers.map(\.1) == [100, 1000, 10000], "\(listed.text)")
            let (id, secret) = try await Self.key(sovrium, name: "Partner", scopes: ["projects:read"], token: admin)
            let before = try await sovrium.app.request(.get, Self.projects, headers: Self.apiKey(secret))
            #expect(before.headers[HTTPField.Name("RateLimit-Policy")!] == #""standard";q=100;w=60"#, "\(before.headers)")
            let set = try await sovrium.app.request(.put, "/api/admin/rate-limits/api-keys/\(id)", json: #"{"tier": "professional"}"#, headers: auth)
            #expect(set.status == .ok && set.object["effectiveTier"] as? String == "professional", "\(set.text)")
            let after = try await sovrium.app.request(.get, Self.projects, headers: Self.apiKey(secret))
            #expect(after.headers[HTTPField.Name("RateLimit-Policy")!] == #""professional";q=1000;w=60"#, "\(after.headers)")
            let undeclared = try await sovrium.app.request(.put, "/api/admin/rate-limits/api-keys/\(id)", json: #"{"tier": "gold"}"#, headers: auth)
            #expect(undeclared.status == .badRequest && undeclared.sovriumError.fields == ["tier"], "\(undeclared.text)")
            let (member, _) = try await sovrium.user("member@example.com")
            #expect(try await sovrium.app.request(.get, "/api/admin/rate-limits/tiers", headers: SovriumHarness.bearer(member)).status == .forbidden)
            for (method, path) in [(HTTPRequest.Method.get, "/api/admin/rate-limits/tiers"), (.get, "/api/admin/rate-limits/api-keys/\(id)"), (.put, "/api/admin/rate-limits/api-keys/\(id)")] {
                let reply = try await sovrium.app.request(method, path, json: method == .put ? #"{"tier": null}"# : nil)
                #expect(reply.status == .unauthorized && reply.sovriumError.code == "UNAUTHORIZED", "\(path): \(reply.text)")
            }
        }
    }

    @Test("US-API-SECURITY-ADMIN-003: usage per API key at /api/admin/usage: request counts, errors and timing per day; 401 without authentication")
    func usage() async throws {
        try await SovriumHarness.run { sovrium in
            let (admin, _) = try await sovrium.user("admin@example.com", admin: true)
            let (id, secret) = try await Self.key(sovrium, name: "Dashboard", scopes: ["projects:read"], token: admin)
            for _ in 0..<3 { _ = try await sovrium.app.request(.get, Self.projects, headers: Self.apiKey(secret)) }
            _ = try await sovrium.app.request(.get, Self.projects + "?limit=0", headers: Self.apiKey(secret))
            let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
            var row: [String: any Sendable]?
            let deadline = ContinuousClock.now + .seconds(15)
            while ContinuousClock.now < deadline, row == nil {
                let reply = try await sovrium.app.request(.get, "/api/admin/usage?api_key_id=\(id)&from=\(today)&to=\(today)", headers: SovriumHarness.bearer(admin))
                #expect(reply.status == .ok, "\(reply.text)")
                row = reply.items.first { $0["requests"] as? Int == 4 }
                if row == nil { try await Task.sleep(for: .milliseconds(250)) }
            }
            let found = try #require(row, "the key's usage never reached 4 requests")
            #expect(found["day"] as? String == today && found["apiKeyId"] as? String == id && found["clientErrors"] as? Int == 1, "\(found)")
            let latency = try #require(found["latencyMs"] as? [String: any Sendable])
            #expect(latency["p50"] is Double || latency["p50"] is Int)
            #expect(latency["p95"] != nil && latency["p99"] != nil)
            let anonymous = try await sovrium.app.request(.get, "/api/admin/usage")
            #expect(anonymous.status == .unauthorized && anonymous.sovriumError.code == "UNAUTHORIZED", "\(anonymous.text)")
        }
    }
}
