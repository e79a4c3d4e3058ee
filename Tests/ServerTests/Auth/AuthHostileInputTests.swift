import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import Server

/// The seeded no-5xx pattern of `HostileInputTests`, aimed at the auth and platform routes:
/// forged, garbled and oversized tokens and keys in every header position (Authorization,
/// X-API-Key, the cookies, X-CSRF-Token), malformed and mistyped bodies, NULs and huge values.
/// Whatever arrives, the answer is a 4xx or a success, never a 5xx, on either engine.
@Suite("Hostile input: auth routes")
struct AuthHostileInputTests {
    /// Credential texts: forged JWTs (alg none, other algorithms, typ swaps), garbled base64,
    /// key look-alikes, NULs, control characters and very long values.
    static let credentials: [String] = [
        "", " ", "Bearer", "Bearer ", "bearer x", "Basic YTpi", "Bearer a.b.c", "Bearer ...", "Bearer e30.e30.",
        "Bearer eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4In0.",
        "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6InBsYXRmb3JtK2p3dCJ9.eyJzdWIiOiJ4In0.AAAA",
        "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6ImltcGVyc29uYXRpb24rand0In0.eyJvcmciOjEsImFjdCI6InkifQ.AAAA",
        "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.e30.AAAA", "Bearer eyJ%%%.e30.x", "Bearer \u{7F}\u{1}",
        "sk_live_", "sk_live_" + String(repeating: "A", count: 40), "sk_test_\u{0}abc", "Bearer sk_live_zzzz",
        String(repeating: "A", count: 8_000), "Bearer " + String(repeating: "eyJ", count: 3_000),
        "Bearer " + String(repeating: "a.", count: 2_000), "Bearer é漢字", "Bearer \u{202E}", "Bearer 0000000000000000.x",
        "Bearer " + String(repeating: "0", count: 16) + "." + String(repeating: "1", count: 43),
    ]
    /// Bodies: malformed JSON, wrong types, NULs, lone surrogates, huge strings and numbers.
    static let bodies: [String] = [
        "", "{", "[]", "null", "1", #""x""#, #"{"email":1}"#, #"{"email":"a@b.io","password":null}"#,
        #"{"email":"a\u0000@b.io","password":"x"}"#, #"{"email":"a@b.io","password":"\u0000"}"#, #"{"email":"\ud800"}"#,
        #"{"refresh_token":["x"]}"#, #"{"refresh_token":"\u0000"}"#, #"{"refresh_token":"0000000000000000.1111"}"#,
        #"{"name":"#, String(repeating: "[", count: 500), #"{"email":"a@b.io","password":"x","name":"x","extra":1}"#,
        #"{"email":"a@b.io","password":""# + String(repeating: "p", count: 5_000) + #"","name":"x"}"#,
        #"{"email":""# + String(repeating: "e", count: 400) + #"@b.io","password":"long enough 1","name":"n"}"#,
        #"{"expires_at":"2026-99-99T99:99:99Z"}"#, #"{"grace_seconds":1e999}"#, #"{"grace_seconds":-1}"#,
        #"{"scopes":[{}],"name":"n","environment":"live"}"#, #"{"slug":"\u0000","name":"x"}"#, #"{"role":"\u0000"}"#,
        #"{"token":"\u0000"}"#, #"{"password":"correct horse","current_password":"\u0000"}"#,
    ]
    /// Path and query fragments: ids that are not UUIDs, NULs, huge numbers, broken escapes.
    static let fragments = [
        "x", "%00", "%FF", "%2", "00000000-0000-0000-0000-000000000000", String(repeating: "9", count: 60), "..", "%27",
        "limit=0", "limit=-1", "limit=99999999999999999999", "offset=%00", "email=%25%5F%5C", "search=%00",
        "organization_id=%27", "search=" + String(repeating: "a", count: 300),
    ]

    @Test("600 seeded hostile requests on the auth and platform routes: no 5xx")
    func noServerErrors() async throws {
        try await TestApp.run("tracker") { app in
            let user = try await app.signUp()
            let admin = try await app.platformAdmin()
            let routes: [(HTTPRequest.Method, String)] = [
                (.post, "/v1/auth/signup"), (.post, "/v1/auth/login"), (.post, "/v1/auth/refresh"), (.post, "/v1/auth/logout"),
                (.get, "/v1/auth/identity"), (.get, "/v1/auth/me"), (.patch, "/v1/auth/me"), (.post, "/v1/auth/me/password"),
                (.post, "/v1/auth/password/forgot"), (.post, "/v1/auth/password/reset"), (.post, "/v1/auth/email/verify"),
                (.get, "/v1/auth/sessions"), (.post, "/v1/auth/sessions"), (.patch, "/v1/auth/sessions/{x}"),
                (.delete, "/v1/auth/sessions/{x}"), (.post, "/v1/auth/api-keys"), (.post, "/v1/auth/api-keys/{x}/rotate"),
                (.delete, "/v1/auth/api-keys/{x}"), (.post, "/v1/auth/organizations"), (.get, "/v1/auth/organizations/{x}"),
                (.put, "/v1/auth/organizations/{x}/members/{x}/role"), (.post, "/v1/auth/invitations/accept"),
                (.post, "/v1/platform/auth/login"), (.post, "/v1/platform/auth/refresh"), (.get, "/v1/platform/admin/me"),
                (.patch, "/v1/platform/admin/me"), (.post, "/v1/platform/admin"), (.delete, "/v1/platform/admin/{x}"),
                (.get, "/v1/platform/admin/organizations?{q}"), (.get, "/v1/platform/admin/organizations/{x}"),
                (.post, "/v1/platform/admin/organizations/{x}/impersonate"), (.get, "/v1/platform/admin/end-users?{q}"),
                (.post, "/v1/platform/admin/end-users/{x}/ban"), (.post, "/v1/platform/admin/end-users/{x}/unban"),
                (.get, "/v1/projects"), (.post, "/v1/projects"),
            ]
            let valid: [String] = ["Bearer \(user.accessToken)", "Bearer \(admin.accessToken)"]
            var random = SplitMix(seed: 0xA0_7E)
            var failures: [String] = []
            for _ in 0..<600 {
                let (method, template) = routes[random.next(below: routes.count)]
                var path = template
                while let range = path.range(of: "{x}") {
                    path.replaceSubrange(range, with: Self.fragments[random.next(below: Self.fragments.count)])
                }
                path = path.replacingOccurrences(of: "{q}", with: Self.fragments[random.next(below: Self.fragments.count)])
                var headers = HTTPFields()
                let pool = Self.credentials + valid
                switch random.next(below: 6) {
                case 0: headers[.authorization] = pool[random.next(below: pool.count)]
                case 1: headers[APIKeyHeader.name] = Self.credentials[random.next(below: Self.credentials.count)]
                case 2:
                    headers[.cookie] = "loom_access=\(Self.cookieSafe(pool[random.next(below: pool.count)])); loom_csrf=x"
                    headers[HTTPField.Name("X-CSRF-Token")!] = ["x", "y", ""][random.next(below: 3)]
                case 3:
                    headers[.authorization] = pool[random.next(below: pool.count)]
                    headers[APIKeyHeader.name] = Self.credentials[random.next(below: Self.credentials.count)]
                case 4: headers[.cookie] = "loom_refresh=\(Self.cookieSafe(Self.credentials[random.next(below: Self.credentials.count)]))"
                default: break
                }
                headers[.contentType] = ["application/json", "text/plain", "application/json; charset=utf-8"][random.next(below: 3)]
                let body = method == .get ? nil : Self.bodies[random.next(below: Self.bodies.count)]
                let reply = try await app.request(method, path, json: body, headers: headers)
                if reply.status.code >= 500 {
                    failures.append("\(method) \(path.prefix(80)) \(body?.prefix(60) ?? "") → \(reply.status.code) \(reply.text.prefix(200))")
                }
            }
            let summary = failures.prefix(10).joined(separator: "\n")
            #expect(failures.isEmpty, "\(failures.count) server errors:\n\(summary)")
        }
    }

    /// `text` with the characters a cookie header cannot carry replaced (HTTP fields refuse
    /// control characters outright, which is a client error, not the server's).
    static func cookieSafe(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F || $0 == ";" ? "_" : Character($0) })
    }
}
