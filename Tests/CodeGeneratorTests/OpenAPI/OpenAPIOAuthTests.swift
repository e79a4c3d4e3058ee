import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator

/// An app with `auth.oauth` documents the start and callback routes with the provider names,
/// the redirect allowlist and every answer they give; the generated settings carry the section.
@Suite("OpenAPI: OAuth routes")
struct OpenAPIOAuthTests {
    static func app() -> AppSchema {
        var auth = OpenAPIAuthTests.auth
        auth.oauth = AuthOAuthConfig(
            publicURL: "https://api.demo.test", redirectAllowlist: ["https://demo.test/signed-in"],
            providers: [
                AuthOAuthProviderConfig(name: "github", clientIdVariable: "GH_ID", clientSecretVariable: "GH_SECRET"),
                AuthOAuthProviderConfig(
                    name: "acme", clientIdVariable: "ACME_ID", clientSecretVariable: "ACME_SECRET", authorizeURL: "https://id.acme.test/a",
                    tokenURL: "https://id.acme.test/t", userInfoURL: "https://id.acme.test/u", emailVerifiedField: "verified"),
            ])
        auth.mail = AuthMailConfig(sender: .smtp, from: "no-reply@demo.test", smtp: AuthSMTPConfig(host: "smtp.demo.test"))
        return OpenAPIAuthTests.app(auth: auth)
    }

    @Test("start and callback are documented with provider names, redirects, 400/404/409/502; the start is public, a project key optional")
    func routes() throws {
        let json = try OpenAPIFixture.json(Self.app())
        let start = "/v1/auth/oauth/{provider}"
        let callback = "/v1/auth/oauth/{provider}/callback"
        #expect(openAPIValue(json, "paths", start, "get", "operationId") as? String == "authOAuthStart")
        #expect(openAPIValue(json, "paths", callback, "get", "operationId") as? String == "authOAuthCallback")
        #expect(openAPIValue(json, "paths", start, "get", "tags", 0) as? String == "auth")
        #expect(openAPIValue(json, "paths", start, "get", "parameters", 0, "schema", "$ref") as? String == "#/components/schemas/OAuthProvider")
        #expect(openAPIValue(json, "paths", callback, "get", "parameters", 0, "schema", "$ref") as? String == "#/components/schemas/OAuthProvider")
        #expect(openAPIValue(json, "components", "schemas", "OAuthProvider", "enum") as? [String] == ["github", "acme"])
        #expect(openAPIValue(json, "paths", start, "get", "parameters", 1, "name") as? String == "redirect_to")
        #expect((openAPIValue(json, "paths", start, "get", "parameters", 1, "description") as? String)?.contains("https://demo.test/signed-in") == true)
        #expect(openAPIValue(json, "paths", start, "get", "responses", "302", "headers", "Location") != nil)
        // `{}` first: the start needs nothing; a project's key (an end user's sign-in) may be sent.
        let security = openAPIValue(json, "paths", start, "get", "security") as? [[String: Any]]
        #expect(security?.count == 2 && security?.first?.isEmpty == true && security?.last?["apiKeyAuth"] != nil, "public: \(String(describing: security))")
        #expect(openAPIValue(json, "paths", start, "get", "responses", "401") != nil, "an invalid project key")
        #expect((openAPIValue(json, "paths", callback, "get", "security") as? [Any])?.isEmpty == true, "the callback: the state decides")
        for status in ["200", "201", "302", "400", "403", "404", "409", "422", "502"] {
            #expect(openAPIValue(json, "paths", callback, "get", "responses", status) != nil, "callback \(status)")
        }
        #expect(openAPIValue(json, "paths", callback, "get", "responses", "200", "content", "application/json", "schema", "$ref") as? String
            == "#/components/schemas/AuthTokens")
        let names = (openAPIValue(json, "paths", callback, "get", "parameters") as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == ["provider", "code", "state", "error"])
    }

    @Test("an app without auth.oauth documents no OAuth route")
    func absent() throws {
        let json = try OpenAPIFixture.json(OpenAPIAuthTests.app())
        #expect(openAPIValue(json, "paths", "/v1/auth/oauth/{provider}") == nil)
    }

    @Test("the generated settings carry auth.oauth and auth.mail")
    func settings() {
        let lines = AuthTranslator.arguments(for: Self.app().config.auth!, app: Self.app().config).map(\.expression).joined(separator: "\n")
        #expect(lines.contains(#"publicURL: "https://api.demo.test","#))
        #expect(lines.contains(#"redirectAllowlist: ["https://demo.test/signed-in"],"#))
        #expect(lines.contains(#".init(name: "github", clientIDVariable: "GH_ID", clientSecretVariable: "GH_SECRET"),"#))
        #expect(lines.contains(#"userInfoURL: "https://id.acme.test/u", emailVerifiedField: "verified")"#))
        #expect(lines.contains(
            #"mail: .init(sender: .smtp, from: "no-reply@demo.test", smtp: .init(host: "smtp.demo.test", port: 587, security: .starttls, timeoutSeconds: 30))"#))
    }
}
