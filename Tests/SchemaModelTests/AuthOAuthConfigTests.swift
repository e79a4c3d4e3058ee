import Testing

@testable import SchemaModel

/// `auth.oauth` and `auth.mail` in `app.json`: parsed with their defaults, every bad value
/// reported at its path.
@Suite("auth.oauth and auth.mail of app.json")
struct AuthOAuthConfigTests {
    /// The fixture app with `extra` members added to its minimal auth section.
    static func files(_ extra: String) -> [SchemaFile] {
        let auth = AuthConfigTests.minimal.dropLast() + ", " + extra + "}"
        return TestSchemas.files(AuthConfigTests.app(auth: String(auth)))
    }

    static func diagnostics(_ extra: String) -> [Diagnostic] { TestSchemas.diagnostics(files(extra)) }

    @Test("providers keep their order; presets need no endpoints; defaults apply")
    func parses() throws {
        let extra = #"""
            "oauth": {"publicURL": "https://api.tasks.test", "providers": {
               "google": {"clientIdVariable": "GOOGLE_ID", "clientSecretVariable": "GOOGLE_SECRET"},
               "acme": {"clientIdVariable": "ACME_ID", "clientSecretVariable": "ACME_SECRET",
                        "authorizeURL": "https://id.acme.test/authorize", "tokenURL": "https://id.acme.test/token",
                        "userInfoURL": "https://id.acme.test/me", "scopes": ["openid", "email"],
                        "userIdField": "data.id", "emailVerifiedField": "data.verified"}}},
            "mail": {"sender": "smtp", "from": "no-reply@tasks.test",
                     "smtp": {"host": "smtp.tasks.test", "usernameVariable": "SMTP_USER", "passwordVariable": "SMTP_PASSWORD"}}
            """#
        guard case .success(let loaded) = SchemaPipeline.load(Self.files(extra)) else {
            Issue.record("refused: \(Self.diagnostics(extra))")
            return
        }
        let auth = try #require(loaded.schemas.apps.first?.config.auth)
        let oauth = try #require(auth.oauth)
        #expect(oauth.providers.map(\.name) == ["google", "acme"])
        #expect(oauth.stateSeconds == 600)
        #expect(oauth.redirectAllowlist.isEmpty)
        #expect(oauth.providers[0].authorizeURL == nil)
        #expect(oauth.providers[1].scopes == ["openid", "email"])
        #expect(oauth.providers[1].userIdField == "data.id")
        #expect(auth.mail == AuthMailConfig(
            sender: .smtp, from: "no-reply@tasks.test",
            smtp: AuthSMTPConfig(host: "smtp.tasks.test", port: 587, security: .starttls, usernameVariable: "SMTP_USER", passwordVariable: "SMTP_PASSWORD")))
    }

    @Test("every bad OAuth value is reported at its path")
    func invalidOAuth() {
        let extra = #"""
            "oauth": {"publicURL": "https://api.tasks.test/v1", "redirectAllowlist": ["javascript:alert(1)"], "stateSeconds": 5,
              "providers": {
               "acme": {"clientIdVariable": "acme-id", "clientSecretVariable": "ACME_SECRET", "authorizeURL": "http://id.acme.test/a"},
               "github": {"clientIdVariable": "GH_ID", "clientSecretVariable": "GH_SECRET", "tokenURL": "https://x.test/t",
                          "scopes": ["read user"], "emailField": "a..b"}}}
            """#
        let result = Self.diagnostics(extra)
        let file = AuthConfigTests.appPath
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.oauth.publicURL", contains: "without a path")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.oauth.redirectAllowlist[0]", contains: "absolute http(s) URL")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.oauth.stateSeconds", contains: "between 60 and 3600")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.oauth.providers.acme.clientIdVariable", contains: "environment variable")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.oauth.providers.acme", contains: "must declare authorizeURL, tokenURL and userInfoURL")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.oauth.providers.acme.authorizeURL", contains: "https://")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.oauth.providers.github", contains: "must declare authorizeURL")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.oauth.providers.github.scopes[0]", contains: "without spaces")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.oauth.providers.github.emailField", contains: "dotted path")
    }

    @Test("unknown keys and missing credentials variables are reported")
    func unknownKeys() {
        let result = Self.diagnostics(#""oauth": {"publicURL": "https://a.test", "providers": {"google": {"clientId": "x"}}}"#)
        let file = AuthConfigTests.appPath
        expectDiagnostic(result, code: "unknown-key", file: file, path: "auth.oauth.providers.google.clientId", contains: "clientIdVariable")
        expectDiagnostic(result, code: "missing-key", file: file, path: "auth.oauth.providers.google.clientSecretVariable", contains: "a string")
    }

    @Test("every bad mail value is reported at its path")
    func invalidMail() {
        let file = AuthConfigTests.appPath
        let smtp = Self.diagnostics(#"""
            "mail": {"sender": "smtp", "from": "Tasks <no-reply@tasks.test>", "directory": "mail",
                     "smtp": {"host": "smtp tasks", "port": 70000, "security": "none", "usernameVariable": "SMTP_USER",
                              "passwordVariable": "smtp-password", "timeoutSeconds": 0}}
            """#)
        expectDiagnostic(smtp, code: "invalid-auth-setting", file: file, path: "auth.mail.from", contains: "plain address")
        expectDiagnostic(smtp, code: "invalid-auth-setting", file: file, path: "auth.mail.directory", contains: "\"file\"")
        expectDiagnostic(smtp, code: "invalid-auth-setting", file: file, path: "auth.mail.smtp.host", contains: "host name")
        expectDiagnostic(smtp, code: "invalid-auth-setting", file: file, path: "auth.mail.smtp.port", contains: "65535")
        expectDiagnostic(smtp, code: "invalid-auth-setting", file: file, path: "auth.mail.smtp.timeoutSeconds", contains: "between 1 and 300")
        expectDiagnostic(smtp, code: "invalid-auth-setting", file: file, path: "auth.mail.smtp.passwordVariable", contains: "environment variable")
        expectDiagnostic(smtp, code: "invalid-auth-setting", file: file, path: "auth.mail.smtp.security", contains: "only sent over TLS")
        let missing = Self.diagnostics(#""mail": {"sender": "smtp", "from": "no-reply@tasks.test"}"#)
        expectDiagnostic(missing, code: "invalid-auth-setting", file: file, path: "auth.mail.smtp", contains: "needs \"smtp\"")
        let sender = Self.diagnostics(#""mail": {"sender": "sendmail", "from": "no-reply@tasks.test"}"#)
        expectDiagnostic(sender, code: "unknown-value", file: file, path: "auth.mail.sender", contains: "\"sendmail\"")
    }
}
