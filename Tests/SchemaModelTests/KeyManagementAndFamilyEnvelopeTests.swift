import Testing

@testable import SchemaModel

/// `auth.apiKeys.manageScope` (keys managing keys) and `envelopes.families` (the app's envelopes
/// on the API key, audit and usage answers): parsed, and every problem reported at its path.
@Suite("auth.apiKeys.manageScope and envelopes.families of app.json")
struct KeyManagementAndFamilyEnvelopeTests {
    static func auth(apiKeys: String, roles: String = #"{"admin": ["*"], "member": ["users:read"]}"#) -> String {
        #"""
        {"tokens": {"issuer": "https://tasks.test", "audience": "tasks-api", "secretVariable": "TASKS_JWT_SECRET"},
         "roles": \#(roles), "defaultRole": "member", "apiKeys": \#(apiKeys)}
        """#
    }

    @Test("manageScope parses; absent means keys cannot manage keys")
    func manageScopeParses() throws {
        let file = AuthConfigTests.app(auth: Self.auth(apiKeys: #"{"prefixes": {"live": "sk_live_"}, "manageScope": "admin"}"#))
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(file)) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(file)))")
            return
        }
        #expect(loaded.schemas.apps.first?.config.auth?.apiKeys?.manageScope == "admin")
        let plain = AuthConfigTests.app(auth: Self.auth(apiKeys: #"{"prefixes": {"live": "sk_live_"}}"#))
        guard case .success(let without) = SchemaPipeline.load(TestSchemas.files(plain)) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(plain)))")
            return
        }
        #expect(without.schemas.apps.first?.config.auth?.apiKeys?.manageScope == nil)
    }

    @Test("a malformed manageScope, and one no role grants, are reported at auth.apiKeys.manageScope")
    func manageScopeProblems() {
        let malformed = AuthConfigTests.app(auth: Self.auth(apiKeys: #"{"prefixes": {"live": "sk_live_"}, "manageScope": "Bad Scope"}"#))
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(malformed)), code: "invalid-scope", file: AuthConfigTests.appPath,
            path: "auth.apiKeys.manageScope", contains: "must be")
        let ungranted = AuthConfigTests.app(auth: Self.auth(
            apiKeys: #"{"prefixes": {"live": "sk_live_"}, "manageScope": "keys:manage"}"#, roles: #"{"member": ["users:read"]}"#))
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(ungranted)), code: "invalid-scope", file: AuthConfigTests.appPath,
            path: "auth.apiKeys.manageScope", contains: "no role in auth.roles grants the scope \"keys:manage\"")
        // keys:* or an implied scope grants it.
        let implied = AuthConfigTests.app(auth: String(Self.auth(
            apiKeys: #"{"prefixes": {"live": "sk_live_"}, "manageScope": "keys:manage"}"#, roles: #"{"member": ["ops", "users:*"]}"#
        ).dropLast()) + #", "impliedScopes": {"ops": ["keys:*"]}}"#)
        #expect(TestSchemas.diagnostics(TestSchemas.files(implied)).filter { $0.path == "auth.apiKeys.manageScope" }.isEmpty)
    }

    @Test("families parse in order")
    func familiesParse() throws {
        let file = TestSchemas.file(
            "Schemas/tasks/app.json",
            #"""
            {"name": "tasks", "title": "Tasks API", "version": "1.0.0", "description": "Tracks tasks.",
             "envelopes": {"record": {"wrap": "data"}, "families": ["audit", "apiKeys"]}, "audit": {},
             "auth": \#(Self.auth(apiKeys: #"{"prefixes": {"live": "sk_live_"}}"#))}
            """#)
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(file)) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(file)))")
            return
        }
        #expect(loaded.schemas.apps.first?.config.envelopes.families == ["audit", "apiKeys"])
    }

    @Test("unknown, repeated and absent families, families with nothing to apply, and families in a table are reported")
    func familiesProblems() {
        let app = TestSchemas.file(
            "Schemas/tasks/app.json",
            #"""
            {"name": "tasks", "title": "Tasks API", "version": "1.0.0", "description": "Tracks tasks.",
             "envelopes": {"families": ["apiKeys", "audit", "usage", "webhooks", "audit"]}}
            """#)
        let table = TestSchemas.table(
            "users", fields: #""email": {"type": "email", "description": "Login address."}"#,
            extra: #""envelopes": {"families": ["audit"]}"#)
        let result = TestSchemas.diagnostics(TestSchemas.files(app, table))
        let file = "Schemas/tasks/app.json"
        expectDiagnostic(result, code: "invalid-envelope", file: file, path: "envelopes.families[0]", contains: "add the \"auth.apiKeys\" section")
        expectDiagnostic(result, code: "invalid-envelope", file: file, path: "envelopes.families[1]", contains: "add the \"audit\" section")
        expectDiagnostic(result, code: "invalid-envelope", file: file, path: "envelopes.families[2]", contains: "add the \"usage\" section")
        expectDiagnostic(result, code: "invalid-envelope", file: file, path: "envelopes.families[3]", contains: "unknown route family \"webhooks\"")
        expectDiagnostic(result, code: "invalid-envelope", file: file, path: "envelopes.families[4]", contains: "listed twice")
        expectDiagnostic(result, code: "invalid-envelope", file: file, path: "envelopes.families", contains: "declare envelopes.record.wrap or envelopes.list")
        expectDiagnostic(result, code: "invalid-envelope", path: "envelopes.families", contains: "belongs in app.json")
    }
}
