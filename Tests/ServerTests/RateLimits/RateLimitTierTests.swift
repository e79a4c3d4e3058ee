import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// Rate-limit tiers on the tracker (both engines): a key's or an organization's tier changed
/// through `<base>/rate-limits/...` counts from the caller's next request, the change is
/// audited in its transaction, and the routes refuse what they must. Every answer is checked
/// against the tracker's document by `TestApp`.
@Suite("Rate-limit tiers")
struct RateLimitTierTests {
    static let standard = RateLimitPolicy(name: "standard", quota: 3, window: 3_600)
    static let professional = RateLimitPolicy(name: "professional", quota: 6, window: 3_600)
    /// The tracker's tiers with quotas a test reaches in a few requests.
    static let settings = RateLimitSettings(
        legacyHeaders: true,
        tiers: RateLimitTiers([standard, professional, RateLimitPolicy(name: "enterprise", quota: 100, window: 3_600)], defaultTier: standard))
    static let policyHeader = HTTPField.Name("RateLimit-Policy")!
    static let base = "/v1/rate-limits"

    /// An app admin: bound to no organization, holding the scope (a new user each time, so the
    /// admin's own quota never runs out in a test).
    static func admin(_ app: TestApp) -> TestApp {
        app.as(.unbound(scopes: ["rate-limits:manage"], user: "admin-\(UUID().uuidString.prefix(8))"))
    }

    /// A new account's API key (unbound, reading projects).
    static func key(_ app: TestApp) async throws -> (id: String, headers: HTTPFields) {
        let account = try await app.signUp()
        let reply = try await app.request(
            .post, TestApp.auth + "/api-keys", json: #"{"name": "ci", "environment": "test", "scopes": ["projects:read"]}"#,
            headers: account.headers)
        #expect(reply.status == .created, "\(reply.text)")
        let key = try #require(reply.object["key"] as? String)
        return (try #require(reply.object["id"] as? String), [APIKeyHeader.name: key])
    }

    @Test("a key's new tier counts from its next request: a key refused under standard is served under professional")
    func keyTier() async throws {
        try await RateLimitServer.run("tracker", settings: Self.settings) { app in
            let key = try await Self.key(app)
            for _ in 0..<3 { #expect(try await app.request(.get, TestApp.auth + "/identity", headers: key.headers).status == .ok) }
            let refused = try await app.request(.get, TestApp.auth + "/identity", headers: key.headers)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[Self.policyHeader] == #""standard";q=3;w=3600"#)

            let before = try await Self.admin(app).request(.get, Self.base + "/api-keys/\(key.id)")
            #expect(before.status == .ok)
            #expect(before.object["tier"] is NSNull && before.object["effective_tier"] as? String == "standard", "\(before.text)")
            let changed = try await Self.admin(app).request(.put, Self.base + "/api-keys/\(key.id)", json: #"{"tier": "professional"}"#)
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(changed.object["tier"] as? String == "professional" && changed.object["effective_tier"] as? String == "professional")

            let served = try await app.request(.get, TestApp.auth + "/identity", headers: key.headers)
            #expect(served.status == .ok, "\(served.text)")
            #expect(served.headers[Self.policyHeader] == #""professional";q=6;w=3600"#)
            #expect(served.headers[.xRateLimitLimit] == "6" && served.headers[.xRateLimitRemaining] == "5")

            let cleared = try await Self.admin(app).request(.put, Self.base + "/api-keys/\(key.id)", json: #"{"tier": null}"#)
            #expect(cleared.object["tier"] is NSNull && cleared.object["effective_tier"] as? String == "standard", "\(cleared.text)")
            let back = try await app.request(.get, TestApp.auth + "/identity", headers: key.headers)
            #expect(back.status == .tooManyRequests, "back under standard, whose window is spent")

            let database = try #require(app.database)
            let rows = try await database.fetch(SQLStatement(
                "SELECT action, resource_id, changed_fields FROM audit_events WHERE resource = 'rate_limit_tiers' ORDER BY occurred_at"))
            #expect(rows.count == 2, "both changes audited: \(rows)")
            #expect(rows.first?.values.first == .text("rate_limit_tier_changed"))
        }
    }

    @Test("an organization's tier: its callers share its quota under the new tier from their next request")
    func organizationTier() async throws {
        try await RateLimitServer.run("tracker", settings: Self.settings) { app in
            let owner = try await app.signUp()
            let created = try await app.request(.post, TestApp.auth + "/organizations", json: #"{"name": "Acme", "slug": "acme"}"#, headers: owner.headers)
            let organization = try #require(created.object["id"] as? String, "\(created.text)")
            let member = app.as(.organization(organization, scopes: ["*"]))
            let first = try await member.request(.get, "/v1/projects")
            #expect(first.headers[Self.policyHeader] == #""standard";q=3;w=3600"#, "\(first.text)")

            let changed = try await Self.admin(app).request(.put, Self.base + "/organizations/\(organization)", json: #"{"tier": "enterprise"}"#)
            #expect(changed.status == .ok && changed.object["effective_tier"] as? String == "enterprise", "\(changed.text)")
            let other = app.as(.organization(organization, scopes: ["*"], user: "user-9"))
            let next = try await other.request(.get, "/v1/projects")
            #expect(next.headers[Self.policyHeader] == #""enterprise";q=100;w=3600"#)
            let read = try await Self.admin(app).request(.get, Self.base + "/organizations/\(organization)")
            #expect(read.object["tier"] as? String == "enterprise", "\(read.text)")
        }
    }

    @Test("the tiers are listed; an organization-bound admin, a caller without the scope, unknown ids and tiers are refused")
    func refusals() async throws {
        try await RateLimitServer.run("tracker", settings: Self.settings) { app in
            let list = try await Self.admin(app).request(.get, Self.base + "/tiers")
            #expect(list.items.map { $0["name"] as? String } == ["standard", "professional", "enterprise"], "\(list.text)")
            #expect(list.items.first?["default"] as? Bool == true && list.items.first?["quota"] as? Int == 3)

            let key = try await Self.key(app)
            let bound = app.as(.organization("org-a", scopes: ["rate-limits:manage"]))
            #expect(try await bound.request(.put, Self.base + "/api-keys/\(key.id)", json: #"{"tier": "enterprise"}"#).status == .forbidden)
            let unscoped = app.as(.unbound(scopes: ["projects:read"], user: "reader"))
            #expect(try await unscoped.request(.get, Self.base + "/tiers").status == .forbidden)
            let unknown = UUID().uuidString.lowercased()
            #expect(try await Self.admin(app).request(.get, Self.base + "/api-keys/\(unknown)").status == .notFound)
            #expect(try await Self.admin(app).request(.put, Self.base + "/organizations/\(unknown)", json: #"{"tier": "standard"}"#).status == .notFound)
            #expect(try await Self.admin(app).request(.get, Self.base + "/api-keys/not-a-key").status == .notFound)
            let badTier = try await Self.admin(app).request(.put, Self.base + "/api-keys/\(key.id)", json: #"{"tier": "gold"}"#)
            #expect(badTier.status == .unprocessableContent, "\(badTier.text)")
            #expect(badTier.text.contains("tier"))
            let after = try await Self.admin(app).request(.get, Self.base + "/api-keys/\(key.id)")
            #expect(after.object["tier"] is NSNull, "nothing was assigned")
        }
    }
}
