import Foundation
import HTTPTypes
import NIOConcurrencyHelpers
import Runtime
import Testing

@testable import Server

/// Rate limits as `serve` mounts them, on SQLite (counters in process) and PostgreSQL (counters
/// in `loom_rate_limits`): the policy per caller, per anonymous IP and per route group, the IETF
/// and `X-RateLimit-*` headers, 429 with `Retry-After` in the app's error body, and the system
/// routes left alone. Every answer is checked against the layout app's document by `TestApp`.
@Suite("Rate limits")
struct RateLimitTests {
    static let policy = HTTPField.Name("RateLimit-Policy")!
    static let limit = HTTPField.Name("RateLimit")!

    @Test("an anonymous client gets its quota per IP, each answer says what is left, the next is 429 with Retry-After in the app's error body")
    func anonymousQuota() async throws {
        let rejections = NIOLockedValueBox<[RateLimitRejection]>([])
        try await RateLimitServer.run(rejected: { rejection in rejections.withLockedValue { $0.append(rejection) } }) { app in
            let anonymous = app.as(.anonymous)
            for remaining in [2, 1, 0] {
                let reply = try await anonymous.request(.get, "/api/shop/customers")
                #expect(reply.status != .tooManyRequests, "\(reply.text)")
                #expect(reply.headers[Self.policy] == #""anonymous";q=3;w=60"#)
                let limit = try #require(reply.headers[Self.limit])
                #expect(limit.hasPrefix("\"anonymous\";r=\(remaining);t="), "\(limit)")
                #expect(reply.headers[.xRateLimitLimit] == "3")
                #expect(reply.headers[.xRateLimitRemaining] == String(remaining))
                let reset = try #require(reply.headers[.xRateLimitReset].flatMap { Int($0) })
                let now = Int(Date().timeIntervalSince1970)
                #expect((now...(now + 61)).contains(reset))
            }
            let refused = try await anonymous.request(.get, "/api/shop/customers")
            #expect(refused.status == .tooManyRequests)
            let retryAfter = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...60).contains(retryAfter))
            #expect(refused.headers[Self.limit] == "\"anonymous\";r=0;t=\(retryAfter)")
            let error = try #require(refused.object["error"] as? [String: any Sendable], "\(refused.text)")
            #expect(error["code"] as? String == "TOO_MANY_REQUESTS")
            #expect(refused.object["requestId"] is String)
        }
        #expect(rejections.withLockedValue { $0.map(\.policy) } == ["anonymous"])
    }

    @Test("an authenticated caller counts against its own quota, not the anonymous one")
    func perCaller() async throws {
        try await RateLimitServer.run { app in
            for _ in 0..<3 { try await app.as(.anonymous).request(.get, "/api/shop/customers") }
            #expect(try await app.as(.anonymous).request(.get, "/api/shop/customers").status == .tooManyRequests)
            for remaining in (0..<5).reversed() {
                let reply = try await app.request(.get, "/api/shop/customers")
                #expect(reply.status == .ok, "\(reply.text)")
                #expect(reply.headers[Self.limit]?.hasPrefix("\"standard\";r=\(remaining);") == true)
            }
            #expect(try await app.request(.get, "/api/shop/customers").status == .tooManyRequests)
            let other = try await app.as(.organization("org-a", scopes: ["*"], user: "user-2")).request(.get, "/api/shop/customers")
            #expect(other.status == .ok, "another user has a quota of its own")
        }
    }

    @Test("sign-in and register share the stricter credentials policy per IP; the health probe is never limited")
    func routeGroupAndSystemRoutes() async throws {
        try await RateLimitServer.run { app in
            let body = #"{"email": "nobody@example.com", "password": "wrong-password-1"}"#
            let first = try await app.request(.post, "/api/accounts/sign-in", json: body)
            #expect(first.status != .tooManyRequests)
            #expect(first.headers[Self.policy] == #""credentials";q=2;w=60"#)
            try await app.request(.post, "/api/accounts/register", json: "{}")
            let third = try await app.request(.post, "/api/accounts/sign-in", json: body)
            #expect(third.status == .tooManyRequests, "\(third.text)")
            let anonymous = try await app.as(.anonymous).request(.get, "/api/shop/customers")
            #expect(anonymous.headers[Self.policy] == #""anonymous";q=3;w=60"#, "other routes keep their own policy")
            for _ in 0..<10 {
                let health = try await app.request(.get, "/api/status")
                #expect(health.status == .ok)
                #expect(health.headers[Self.policy] == nil)
            }
        }
    }
}

extension RateLimitTests {
    @Test("answers that are not APIErrors (an unknown path's 404) carry the rate-limit fields too")
    func headersOnUnknownPath() async throws {
        try await RateLimitServer.run { app in
            let reply = try await app.as(.anonymous).request(.get, "/api/shop/no-such-route")
            #expect(reply.status == .notFound)
            #expect(reply.headers[Self.policy] == #""anonymous";q=3;w=60"#)
            #expect(reply.headers[Self.limit]?.hasPrefix(#""anonymous";r=2;"#) == true)
            #expect(reply.headers[.xRateLimitRemaining] == "2")
        }
    }
}
