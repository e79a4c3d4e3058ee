import Runtime
import Testing

/// Which tier counts an authenticated caller, and under which key: the key's own tier (counted
/// per key), else its organization's (counted per organization), else the default; anonymous
/// callers and route groups are untouched by tiers.
@Suite("Rate-limit tier selection")
struct RateLimitTierSelectionTests {
    static let standard = RateLimitPolicy(name: "standard", quota: 100, window: 60)
    static let professional = RateLimitPolicy(name: "professional", quota: 1_000, window: 60)
    static let enterprise = RateLimitPolicy(name: "enterprise", quota: 10_000, window: 60)
    static let settings = RateLimitSettings(
        perAnonymousIP: RateLimitPolicy(name: "anonymous", quota: 10, window: 60),
        routeGroups: [(RateLimitPolicy(name: "credentials", quota: 5, window: 60), ["/v1/auth/login"])],
        tiers: RateLimitTiers([standard, professional, enterprise], defaultTier: standard))
    static let assignments = RateLimitTierAssignments(
        version: 3, tiers: [.apiKey("k1"): "enterprise", .organization("o1"): "professional", .apiKey("k2"): "dropped"])

    static func select(_ identity: Identity?, path: String = "/v1/projects") -> String? {
        settings.selection(path: path, identity: identity, clientAddress: "10.0.0.1", assignments: assignments).map { "\($0.policy.name) \($0.key)" }
    }

    @Test("a key's own tier, its organization's, the default; a tier the app no longer declares counts as none")
    func order() {
        #expect(Self.select(Identity(subject: "k1", kind: "api_key", scopes: [], organizationID: "o1")) == "enterprise api_key:enterprise:k1")
        #expect(Self.select(Identity(subject: "k3", kind: "api_key", scopes: [], organizationID: "o1")) == "professional org:professional:o1")
        #expect(Self.select(Identity(subject: "u1", kind: "user", scopes: [], organizationID: "o1")) == "professional org:professional:o1")
        #expect(Self.select(Identity(subject: "u1", kind: "user", scopes: [], organizationID: "o2")) == "standard org:standard:o2")
        #expect(Self.select(Identity(subject: "k2", kind: "api_key", scopes: [])) == "standard api_key:standard:k2")
        #expect(Self.select(Identity(subject: "u1", kind: "user", scopes: [])) == "standard user:standard:u1")
    }

    @Test("perIP counts every caller outside the route groups per client IP, with credentials or without")
    func perIP() {
        let settings = RateLimitSettings(
            perIP: RateLimitPolicy(name: "api", quota: 100, window: 900),
            routeGroups: [(RateLimitPolicy(name: "credentials", quota: 5, window: 60), ["/api/v1/auth/password"])])
        func select(_ identity: Identity?, path: String = "/api/v1/points") -> String? {
            settings.selection(path: path, identity: identity, clientAddress: "10.0.0.1").map { "\($0.policy.name) \($0.key)" }
        }
        #expect(select(nil) == "api ip:api:10.0.0.1")
        #expect(select(Identity(subject: "u1", kind: "user", scopes: [])) == "api ip:api:10.0.0.1")
        #expect(select(Identity(subject: "k1", kind: "api_key", scopes: [], organizationID: "o1")) == "api ip:api:10.0.0.1")
        #expect(select(nil, path: "/api/v1/auth/password") == "credentials ip:credentials:10.0.0.1")
    }

    @Test("anonymous callers and route groups keep their own policies")
    func untouched() {
        #expect(Self.select(nil) == "anonymous ip:anonymous:10.0.0.1")
        #expect(Self.select(Identity(subject: "k1", kind: "api_key", scopes: []), path: "/v1/auth/login") == "credentials ip:credentials:10.0.0.1")
    }
}
