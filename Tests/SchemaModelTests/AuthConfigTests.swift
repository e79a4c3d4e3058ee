import Testing

@testable import SchemaModel

/// The `auth` section of `app.json`: parsed with defaults, every bad value reported at its path.
@Suite("auth section of app.json")
struct AuthConfigTests {
    static let appPath = "Schemas/tasks/app.json"

    /// `app.json` of the fixture app with `auth` set to `auth`.
    static func app(auth: String) -> SchemaFile {
        TestSchemas.file(
            appPath,
            #"{"name": "tasks", "title": "Tasks API", "version": "1.0.0", "description": "Tracks tasks.", "auth": "#
                + auth + "}")
    }

    static let minimal = #"""
        {"tokens": {"issuer": "https://tasks.test", "audience": "tasks-api", "secretVariable": "TASKS_JWT_SECRET"},
         "roles": {"admin": ["*"], "member": ["users:read", "users:*", "reports:export"]}, "defaultRole": "member"}
        """#

    @Test("a minimal section parses with the documented defaults")
    func defaults() throws {
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(Self.app(auth: Self.minimal))) else {
            Issue.record("the minimal auth section was refused: \(TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: Self.minimal))))")
            return
        }
        let auth = try #require(loaded.schemas.apps.first?.config.auth)
        #expect(auth.path == "/auth")
        #expect(auth.tokens.accessTokenSeconds == 900)
        #expect(auth.tokens.refreshTokenSeconds == 2_592_000)
        #expect(auth.passwords == AuthPasswordsConfig(minLength: 8, hashCost: 12, maxFailures: 5, lockoutSeconds: 900))
        #expect(auth.roles.map(\.name) == ["admin", "member"])
        #expect(auth.roles[1].scopes == ["users:read", "users:*", "reports:export"])
        #expect(auth.apiKeys == nil)
    }

    @Test("an app without auth has none")
    func absent() throws {
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files()) else {
            Issue.record("the fixture was refused")
            return
        }
        #expect(loaded.schemas.apps.first?.config.auth == nil)
    }

    @Test("API key prefixes keep their order")
    func apiKeys() throws {
        let auth = Self.minimal.dropLast() + #", "apiKeys": {"prefixes": {"prod": "pk_prod_", "dev": "pk_dev_"}, "acceptBearer": true}}"#
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(Self.app(auth: String(auth)))) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: String(auth)))))")
            return
        }
        let keys = try #require(loaded.schemas.apps.first?.config.auth?.apiKeys)
        #expect(keys.prefixes.map(\.environment) == ["prod", "dev"])
        #expect(keys.prefixes.map(\.prefix) == ["pk_prod_", "pk_dev_"])
        #expect(keys.acceptBearer)
        #expect(keys.maxRotationGraceSeconds == 604_800)
    }

    @Test("cookie mode parses with its defaults; SameSite None is refused")
    func cookies() throws {
        let auth = Self.minimal.dropLast() + #", "cookies": {}}"#
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(Self.app(auth: String(auth)))) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: String(auth)))))")
            return
        }
        #expect(loaded.schemas.apps.first?.config.auth?.cookies == AuthCookiesConfig(sameSite: .strict, secure: true))
        let none = Self.minimal.dropLast() + #", "cookies": {"sameSite": "none"}}"#
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: String(none))))
        expectDiagnostic(result, code: "unknown-value", file: Self.appPath, path: "auth.cookies.sameSite", contains: "\"none\"")
    }

    @Test("cookies.accessName renames the access token cookie; a name that is no token, or another session cookie's, is refused")
    func cookieName() throws {
        let auth = Self.minimal.dropLast() + #", "cookies": {"sameSite": "lax", "accessName": "jwt"}}"#
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(Self.app(auth: String(auth)))) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: String(auth)))))")
            return
        }
        #expect(loaded.schemas.apps.first?.config.auth?.cookies == AuthCookiesConfig(sameSite: .lax, secure: true, accessName: "jwt"))
        for (name, message) in [("my cookie", "letters, digits"), ("", "letters, digits"), ("loom_csrf", "another session cookie")] {
            let bad = Self.minimal.dropLast() + #", "cookies": {"accessName": "\#(name)"}}"#
            let result = TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: String(bad))))
            expectDiagnostic(result, code: "invalid-auth-setting", file: Self.appPath, path: "auth.cookies.accessName", contains: message)
        }
    }

    @Test("the sign-up answer parses (tokens by default); accepted needs the verifyEmail route; an unknown answer is refused")
    func signupAnswer() throws {
        guard case .success(let plain) = SchemaPipeline.load(TestSchemas.files(Self.app(auth: Self.minimal))) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: Self.minimal))))")
            return
        }
        #expect(plain.schemas.apps.first?.config.auth?.signup.answer == .tokens)
        let accepted = String(Self.minimal.dropLast() + #", "signup": {"answer": "accepted"}}"#)
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(Self.app(auth: accepted))) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: accepted))))")
            return
        }
        #expect(loaded.schemas.apps.first?.config.auth?.signup.answer == .accepted)
        let noVerification = String(Self.minimal.dropLast() + #", "signup": {"answer": "accepted"}, "routes": {"verifyEmail": false}}"#)
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: noVerification))), code: "invalid-auth-setting", file: Self.appPath,
            path: "auth.signup.answer", contains: "verifyEmail")
        let unknown = String(Self.minimal.dropLast() + #", "signup": {"answer": "silent"}}"#)
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: unknown))), code: "unknown-value", file: Self.appPath,
            path: "auth.signup.answer", contains: "\"silent\"")
    }

    @Test("role values are spelled as declared by default, UPPER_SNAKE_CASE when asked; another spelling is refused")
    func roleSpelling() throws {
        guard case .success(let plain) = SchemaPipeline.load(TestSchemas.files(Self.app(auth: Self.minimal))) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: Self.minimal))))")
            return
        }
        #expect(plain.schemas.apps.first?.config.auth?.roleSpelling == .snakeCase)
        let upper = String(Self.minimal.dropLast() + #", "roleSpelling": "UPPER_SNAKE_CASE"}"#)
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(Self.app(auth: upper))) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: upper))))")
            return
        }
        let spelling = try #require(loaded.schemas.apps.first?.config.auth?.roleSpelling)
        #expect(spelling == .upperSnakeCase)
        #expect(spelling.wire("billing_admin") == "BILLING_ADMIN" && spelling.role(fromWire: "BILLING_ADMIN") == "billing_admin")
        let unknown = String(Self.minimal.dropLast() + #", "roleSpelling": "upper"}"#)
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: unknown))), code: "unknown-value", file: Self.appPath,
            path: "auth.roleSpelling", contains: "UPPER_SNAKE_CASE")
    }

    @Test("maxSessionSeconds: absent by default, read when given, refused below refreshTokenSeconds or above a year")
    func maxSessionSeconds() throws {
        guard case .success(let plain) = SchemaPipeline.load(TestSchemas.files(Self.app(auth: Self.minimal))) else {
            Issue.record("the minimal section was refused")
            return
        }
        #expect(plain.schemas.apps.first?.config.auth?.tokens.maxSessionSeconds == nil)
        func withTokens(_ members: String) -> String {
            Self.minimal.replacingOccurrences(of: #""secretVariable": "TASKS_JWT_SECRET"}"#, with: #""secretVariable": "TASKS_JWT_SECRET", "# + members + "}")
        }
        let month = withTokens(#""refreshTokenSeconds": 604800, "maxSessionSeconds": 2592000"#)
        guard case .success(let loaded) = SchemaPipeline.load(TestSchemas.files(Self.app(auth: month))) else {
            Issue.record("refused: \(TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: month))))")
            return
        }
        #expect(loaded.schemas.apps.first?.config.auth?.tokens.maxSessionSeconds == 2_592_000)
        for members in [#""refreshTokenSeconds": 604800, "maxSessionSeconds": 86400"#, #""maxSessionSeconds": 40000000"#] {
            expectDiagnostic(
                TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: withTokens(members)))), code: "invalid-auth-setting",
                file: Self.appPath, path: "auth.tokens.maxSessionSeconds", contains: "must be between")
        }
    }

    @Test("every bad value is reported at its path")
    func invalid() {
        let auth = #"""
            {"path": "auth/", "tokens": {"issuer": " ", "audience": "", "secretVariable": "my-secret",
              "accessTokenSeconds": 5, "refreshTokenSeconds": 1},
             "passwords": {"minLength": 100, "hashCost": 3, "maxFailures": 0, "lockoutSeconds": 0},
             "roles": {"Admin": ["*"], "member": ["users:erase", "bad scope", "a:b:c"]}, "defaultRole": "owner",
             "apiKeys": {"prefixes": {"live": "sk_", "test": "sk_test_", "odd": "SK-", "PROD": "pk_prod_", "Dev": "pk_dev_"},
                         "maxRotationGraceSeconds": -1}}
            """#
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: auth)))
        let file = Self.appPath
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.path", contains: "must look like \"/auth\"")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.tokens.issuer", contains: "is empty")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.tokens.audience", contains: "is empty")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.tokens.secretVariable", contains: "environment variable")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.tokens.accessTokenSeconds", contains: "between 30 and 86400")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.tokens.refreshTokenSeconds", contains: "at least")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.passwords.minLength", contains: "72 bytes")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.passwords.hashCost", contains: "between 4 and 31")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.passwords.maxFailures", contains: "at least 1")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.passwords.lockoutSeconds", contains: "at least 1")
        expectDiagnostic(result, code: "invalid-name", file: file, path: "auth.roles.Admin", contains: "role name \"Admin\"")
        expectDiagnostic(result, code: "invalid-scope", file: file, path: "auth.roles.member[0]", contains: "names table \"users\"")
        expectDiagnostic(result, code: "invalid-scope", file: file, path: "auth.roles.member[1]", contains: "\"bad scope\"")
        expectDiagnostic(result, code: "invalid-scope", file: file, path: "auth.roles.member[2]", contains: "\"a:b:c\"")
        expectDiagnostic(result, code: "unknown-role", file: file, path: "auth.defaultRole", contains: "\"owner\" is not a role")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.apiKeys.prefixes.test", contains: "starts with the prefix \"sk_\"")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.apiKeys.prefixes.odd", contains: "must be 2 to 16 characters")
        // Environment names are snake_case or UPPER_SNAKE_CASE (as an API spells them), never mixed.
        expectDiagnostic(result, code: "invalid-name", file: file, path: "auth.apiKeys.prefixes.Dev", contains: "environment name \"Dev\"")
        #expect(!result.contains { $0.path == "auth.apiKeys.prefixes.PROD" }, "\(render(result))")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.apiKeys.maxRotationGraceSeconds", contains: "0 or more")
        #expect(result.count == 19, "\(render(result))")
    }

    @Test("unknown and missing keys inside auth are reported")
    func structure() {
        let auth = #"{"tokens": {"issuer": "i", "audience": "a", "secret": "x"}, "role": {}, "defaultRole": "member"}"#
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: auth)))
        let file = Self.appPath
        expectDiagnostic(result, code: "unknown-key", file: file, path: "auth.tokens.secret", contains: "unknown key \"secret\"")
        expectDiagnostic(result, code: "missing-key", file: file, path: "auth.tokens.secretVariable", contains: "missing required key")
        expectDiagnostic(result, code: "unknown-key", file: file, path: "auth.role", contains: "unknown key \"role\"")
        expectDiagnostic(result, code: "missing-key", file: file, path: "auth.roles", contains: "missing required key")
    }

    @Test("tables named auth_* or on the auth path, and endpoints under it, are refused")
    func reservations() {
        let reserved = TestSchemas.table("auth_users", fields: #""name": {"type": "string", "description": "Name.", "required": true}"#)
        let onPath = TestSchemas.table("auth", fields: #""name": {"type": "string", "description": "Name.", "required": true}"#)
        let endpoint = TestSchemas.endpoint(
            "whoami", #""method": "GET", "path": "/auth/whoami", "response": {"description": "Who.", "fields": {}}"#)
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.app(auth: Self.minimal), reserved, onPath, endpoint))
        expectDiagnostic(result, code: "reserved-by-auth", file: "Schemas/tasks/tables/auth_users.json", path: "name", contains: "reserves")
        expectDiagnostic(result, code: "reserved-by-auth", file: "Schemas/tasks/tables/auth.json", path: "name", contains: "auth routes live")
        expectDiagnostic(result, code: "reserved-by-auth", file: "Schemas/tasks/endpoints/whoami.json", path: "path", contains: "lies under the auth routes")
    }
}
