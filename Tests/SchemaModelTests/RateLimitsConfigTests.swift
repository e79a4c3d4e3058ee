import Testing

@testable import SchemaModel

/// The `rateLimits` section and `trustedProxies` of `app.json`: parsing, and every bad value
/// reported at its path.
@Suite("rateLimits of app.json")
struct RateLimitsConfigTests {
    /// `app.json` of the fixture app with `extra` members added.
    static func app(_ extra: String) -> SchemaFile {
        TestSchemas.file(
            AuthConfigTests.appPath,
            #"{"name": "tasks", "title": "Tasks API", "version": "1.0.0", "description": "Tracks tasks.", "# + extra + "}")
    }

    @Test("policies, slots, route groups, legacy headers and trusted proxies parse in declaration order")
    func parses() throws {
        let extra = #"""
            "rateLimits": {"policies": {"standard": {"quota": 100, "window": 60}, "login": {"quota": 5, "window": 60}},
             "perCaller": "standard", "perAnonymousIP": "standard",
             "routeGroups": [{"policy": "login", "paths": ["/v1/auth/login"]}], "legacyHeaders": true},
            "trustedProxies": ["10.0.0.0/8", "2001:db8::/32"]
            """#
        let files = TestSchemas.files(Self.app(extra))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        let config = try #require(loaded.schemas.apps.first?.config)
        let limits = try #require(config.rateLimits)
        #expect(limits.policies == [.init(name: "standard", quota: 100, window: 60), .init(name: "login", quota: 5, window: 60)])
        #expect(limits.perCaller == "standard" && limits.perAnonymousIP == "standard" && limits.perOrganization == nil)
        #expect(limits.routeGroups == [.init(policy: "login", paths: ["/v1/auth/login"])])
        #expect(limits.legacyHeaders)
        #expect(config.trustedProxies == ["10.0.0.0/8", "2001:db8::/32"])
    }

    @Test("perIP names a policy and stands alone: perCaller, perOrganization, perAnonymousIP and tiers beside it are refused")
    func perIP() throws {
        let files = TestSchemas.files(Self.app(#""rateLimits": {"policies": {"api": {"quota": 100, "window": 900}}, "perIP": "api""# + "}"))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        #expect(loaded.schemas.apps.first?.config.rateLimits?.perIP == "api")
        let extra = #""rateLimits": {"policies": {"api": {"quota": 100, "window": 900}}, "perIP": "ap", "perCaller": "api", "perAnonymousIP": "api"}"#
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.app(extra)))
        let file = AuthConfigTests.appPath
        expectDiagnostic(result, code: "invalid-rate-limit", file: file, path: "rateLimits.perIP", contains: "no policy is named")
        expectDiagnostic(result, code: "invalid-rate-limit", file: file, path: "rateLimits.perCaller", contains: "leave out")
        expectDiagnostic(result, code: "invalid-rate-limit", file: file, path: "rateLimits.perAnonymousIP", contains: "leave out")
    }

    @Test("bad numbers, unknown policies, parameterised or repeated paths, organizations without auth and bad CIDRs are reported")
    func invalid() {
        let extra = #"""
            "rateLimits": {"policies": {"standard": {"quota": 0, "window": 100000}, "bad name": {"quota": 1, "window": 1}},
             "perCaller": "standrad", "perOrganization": "standard",
             "routeGroups": [{"policy": "login", "paths": ["/v1/items/{id}", "/v1/login", "/v1/login"]}]},
            "trustedProxies": ["10.0.0.0/99", "proxy.example.com"]
            """#
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.app(extra)))
        let file = AuthConfigTests.appPath
        let code = "invalid-rate-limit"
        expectDiagnostic(result, code: code, file: file, path: "rateLimits.policies.standard.quota", contains: "between 1")
        expectDiagnostic(result, code: code, file: file, path: "rateLimits.policies.standard.window", contains: "86400")
        expectDiagnostic(result, code: code, file: file, path: "rateLimits.policies.bad name", contains: "letters, digits")
        expectDiagnostic(result, code: code, file: file, path: "rateLimits.perCaller", contains: "no policy is named")
        expectDiagnostic(result, code: code, file: file, path: "rateLimits.perOrganization", contains: "organizationRoles")
        expectDiagnostic(result, code: code, file: file, path: "rateLimits.routeGroups[0].policy", contains: "no policy is named")
        expectDiagnostic(result, code: code, file: file, path: "rateLimits.routeGroups[0].paths[0]", contains: "without parameters")
        expectDiagnostic(result, code: code, file: file, path: "rateLimits.routeGroups[0].paths[2]", contains: "already in a route group")
        expectDiagnostic(result, code: code, file: file, path: "trustedProxies[0]", contains: "CIDR")
        expectDiagnostic(result, code: code, file: file, path: "trustedProxies[1]", contains: "CIDR")
    }

    @Test("tiers and the default tier parse in declaration order; without auth they are refused")
    func tiersParse() throws {
        let extra = #"""
            "rateLimits": {"policies": {"standard": {"quota": 100, "window": 60}, "professional": {"quota": 1000, "window": 60}},
             "tiers": ["standard", "professional"], "defaultTier": "standard"}
            """#
        let files = TestSchemas.files(Self.app(extra + #", "auth": "# + AuthConfigTests.minimal))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        let limits = try #require(loaded.schemas.apps.first?.config.rateLimits)
        #expect(limits.tiers == ["standard", "professional"])
        #expect(limits.defaultTier == "standard")
        let withoutAuth = TestSchemas.diagnostics(TestSchemas.files(Self.app(extra)))
        expectDiagnostic(withoutAuth, code: "invalid-rate-limit", file: AuthConfigTests.appPath, path: "rateLimits.tiers", contains: "auth")
    }

    @Test("unknown or repeated tiers, a default outside the tiers, tiers beside perCaller are reported")
    func invalidTiers() {
        let extra = #"""
            "rateLimits": {"policies": {"standard": {"quota": 100, "window": 60}},
             "perCaller": "standard", "tiers": ["standard", "gold", "standard"], "defaultTier": "silver"}
            """#
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.app(extra)))
        let file = AuthConfigTests.appPath
        let code = "invalid-rate-limit"
        expectDiagnostic(result, code: code, file: file, path: "rateLimits.tiers[1]", contains: "no policy is named")
        expectDiagnostic(result, code: code, file: file, path: "rateLimits.tiers[2]", contains: "listed twice")
        expectDiagnostic(result, code: code, file: file, path: "rateLimits.defaultTier", contains: "is not a tier")
        expectDiagnostic(result, code: code, file: file, path: "rateLimits.perCaller", contains: "tiers decide")
    }
}
