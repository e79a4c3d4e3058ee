import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator

/// An app with an `auth` section documents the `Auth` module's routes, schemas, error
/// responses and security schemes; an app without one documents none of them.
@Suite("OpenAPI: auth routes")
struct OpenAPIAuthTests {
    static let auth = AuthConfig(
        tokens: AuthTokensConfig(issuer: "https://demo.test", audience: "demo-api", secretVariable: "DEMO_SECRET"),
        roles: [AuthRoleConfig(name: "admin", scopes: ["*"]), AuthRoleConfig(name: "member", scopes: ["tasks:read"])],
        defaultRole: "member",
        apiKeys: AuthAPIKeysConfig(prefixes: [
            AuthKeyPrefixConfig(environment: "live", prefix: "sk_live_"), AuthKeyPrefixConfig(environment: "test", prefix: "sk_test_"),
        ]))

    static func app(auth: AuthConfig? = OpenAPIAuthTests.auth, errorFormat: ErrorFormat = .problem) -> AppSchema {
        var app = OpenAPIFixture.app(errorFormat: errorFormat)
        app.config.auth = auth
        return app
    }

    @Test("every auth route is under basePath + auth.path with its operation id and the auth tag")
    func routes() throws {
        let json = try OpenAPIFixture.json(Self.app())
        let expected: [(String, String, String)] = [
            ("/v1/auth/signup", "post", "authSignup"), ("/v1/auth/login", "post", "authLogin"),
            ("/v1/auth/refresh", "post", "authRefresh"), ("/v1/auth/logout", "post", "authLogout"),
            ("/v1/auth/identity", "get", "authIdentity"), ("/v1/auth/me", "get", "authGetProfile"),
            ("/v1/auth/me", "patch", "authUpdateProfile"), ("/v1/auth/me/password", "post", "authChangePassword"),
            ("/v1/auth/password/forgot", "post", "authForgotPassword"), ("/v1/auth/password/reset", "post", "authResetPassword"),
            ("/v1/auth/email/verification", "post", "authRequestEmailVerification"), ("/v1/auth/email/verify", "post", "authVerifyEmail"),
            ("/v1/auth/organizations", "post", "authCreateOrganization"), ("/v1/auth/organizations/{id}/members/{user_id}/role", "put", "authChangeMemberRole"),
            ("/v1/auth/organizations/{id}/invitations/{invitation_id}", "delete", "authRevokeInvitation"),
            ("/v1/auth/invitations/accept", "post", "authAcceptInvitation"),
            ("/v1/auth/sessions", "get", "authListSessions"), ("/v1/auth/sessions", "post", "authCreateSession"),
            ("/v1/auth/sessions", "delete", "authRevokeOtherSessions"), ("/v1/auth/sessions/{id}", "patch", "authExtendSession"),
            ("/v1/auth/sessions/{id}", "delete", "authRevokeSession"), ("/v1/auth/api-keys", "get", "authListAPIKeys"),
            ("/v1/auth/api-keys", "post", "authCreateAPIKey"), ("/v1/auth/api-keys/{id}", "delete", "authRevokeAPIKey"),
            ("/v1/auth/api-keys/{id}/rotate", "post", "authRotateAPIKey"),
        ]
        for (path, method, operationID) in expected {
            #expect(openAPIValue(json, "paths", path, method, "operationId") as? String == operationID, "\(method) \(path)")
            #expect(openAPIValue(json, "paths", path, method, "tags", 0) as? String == "auth", "\(method) \(path)")
        }
        let tags = try #require(json["tags"] as? [[String: Any]])
        #expect(tags.compactMap { $0["name"] as? String } == ["auth", "operations", "projects", "system", "tasks"])
    }

    @Test("protected routes require bearerAuth and answer 401/403; identity also takes an API key; login does not")
    func security() throws {
        let json = try OpenAPIFixture.json(Self.app())
        let bearer = "#/components/responses/Unauthorized"
        #expect(openAPIValue(json, "paths", "/v1/auth/me", "get", "security", 0, "bearerAuth") as? [String] == [])
        #expect(openAPIValue(json, "paths", "/v1/auth/me", "get", "responses", "401", "$ref") as? String == bearer)
        #expect(openAPIValue(json, "paths", "/v1/auth/me", "get", "responses", "403", "$ref") as? String == "#/components/responses/Forbidden")
        #expect(openAPIValue(json, "paths", "/v1/auth/identity", "get", "security", 1, "apiKeyAuth") as? [String] == [])
        // Login needs no credentials; a project's key (end users) is optional: `{}` or `apiKeyAuth`.
        #expect((openAPIValue(json, "paths", "/v1/auth/login", "post", "security", 0) as? [String: Any])?.isEmpty == true)
        #expect(openAPIValue(json, "paths", "/v1/auth/login", "post", "security", 1, "apiKeyAuth") as? [String] == [])
        #expect(openAPIValue(json, "paths", "/v1/auth/login", "post", "responses", "429", "$ref") as? String == "#/components/responses/TooManyRequests")
        #expect(openAPIValue(json, "components", "securitySchemes", "bearerAuth", "scheme") as? String == "bearer")
        #expect(openAPIValue(json, "components", "securitySchemes", "bearerAuth", "bearerFormat") as? String == "JWT")
        #expect(openAPIValue(json, "components", "securitySchemes", "apiKeyAuth", "in") as? String == "header")
        #expect(openAPIValue(json, "components", "securitySchemes", "apiKeyAuth", "name") as? String == "X-API-Key")
        #expect(openAPIValue(json, "components", "responses", "TooManyRequests", "headers", "Retry-After") != nil)
    }

    @Test("request bodies carry the runtime's constraints and are closed")
    func bodies() throws {
        let json = try OpenAPIFixture.json(Self.app())
        let signup = try #require(openAPIValue(json, "components", "schemas", "AuthSignupRequest") as? [String: Any])
        #expect(Set(signup["required"] as? [String] ?? []) == ["email", "password", "name"])
        #expect(signup["additionalProperties"] as? Bool == false)
        #expect(openAPIValue(signup, "properties", "email", "format") as? String == "email")
        #expect(openAPIValue(json, "components", "schemas", "AuthAPIKeyCreate", "properties", "environment", "$ref") as? String
            == "#/components/schemas/APIKeyEnvironment")
        #expect(openAPIValue(json, "components", "schemas", "APIKeyEnvironment", "enum") as? [String] == ["live", "test"])
        #expect(openAPIValue(json, "components", "schemas", "AuthUser", "properties", "role", "$ref") as? String == "#/components/schemas/AppRole")
        #expect(openAPIValue(json, "components", "schemas", "AppRole", "enum") as? [String] == ["admin", "member"])
    }

    @Test("auth.roleSpelling spells every role enum of the document and reaches the generated settings")
    func roleSpelling() throws {
        var auth = Self.auth
        auth.roleSpelling = .upperSnakeCase
        let json = try OpenAPIFixture.json(Self.app(auth: auth))
        let schemas = try #require(openAPIValue(json, "components", "schemas") as? [String: Any])
        #expect(openAPIValue(schemas, "AppRole", "enum") as? [String] == ["ADMIN", "MEMBER"])
        #expect(openAPIValue(schemas, "OrganizationRole", "enum") as? [String] == ["OWNER", "ADMIN", "MEMBER"])
        // One component, referred to by every body and answer holding an organization role.
        for schema in ["AuthOrganization", "AuthMember", "AuthInvitation", "AuthMemberRoleChange", "AuthInvitationCreate"] {
            #expect(openAPIValue(schemas, schema, "properties", "role", "$ref") as? String == "#/components/schemas/OrganizationRole", "\(schema)")
        }
        let arguments = AuthTranslator.arguments(for: auth, app: Self.app(auth: auth).config).map(\.expression)
        #expect(arguments.contains("roleSpelling: .upperSnakeCase"))
        #expect(!AuthTranslator.arguments(for: Self.auth, app: Self.app().config).map(\.expression).contains { $0.hasPrefix("roleSpelling") })
    }

    @Test("without apiKeys there are no key routes or key scheme; without auth nothing at all")
    func optionalParts() throws {
        var noKeys = Self.auth
        noKeys.apiKeys = nil
        let withoutKeys = try OpenAPIFixture.json(Self.app(auth: noKeys))
        #expect(openAPIValue(withoutKeys, "paths", "/v1/auth/api-keys") == nil)
        #expect(openAPIValue(withoutKeys, "components", "securitySchemes", "apiKeyAuth") == nil)
        #expect(openAPIValue(withoutKeys, "components", "schemas", "AuthAPIKey") == nil)
        let plain = try OpenAPIFixture.json(Self.app(auth: nil))
        #expect(openAPIValue(plain, "paths", "/v1/auth/login") == nil)
        #expect(openAPIValue(plain, "components", "securitySchemes") == nil)
        #expect(openAPIValue(plain, "components", "responses", "Unauthorized") == nil)
    }

    @Test("the auth error responses use the app's error format", arguments: ErrorFormat.allCases)
    func errorFormat(_ format: ErrorFormat) throws {
        let json = try OpenAPIFixture.json(Self.app(errorFormat: format))
        let content = try #require(openAPIValue(json, "components", "responses", "Unauthorized", "content") as? [String: Any])
        let schema = content.values.compactMap { ($0 as? [String: Any])?["schema"] as? [String: Any] }.first
        let expected = ["problem": "Problem", "envelope": "ErrorEnvelope", "flat": "FlatError"][format.rawValue] ?? ""
        #expect(schema?["$ref"] as? String == "#/components/schemas/" + expected)
    }

    @Test("the generated app carries its auth settings for the Auth module")
    func renderedSettings() throws {
        var config = Self.app().config
        config.basePath = "/api/v1"
        let arguments = AuthTranslator.arguments(for: Self.auth, app: config).map(\.expression)
        #expect(arguments.first == #"routePrefix: "/api/v1/auth""#)
        #expect(arguments.contains(#"secretVariable: "DEMO_SECRET""#))
        #expect(arguments.contains { $0.hasPrefix("roles: [") && $0.contains(#".init(name: "member", scopes: ["tasks:read"]),"#) })
        #expect(arguments.last?.contains(#".init(environment: "live", prefix: "sk_live_"),"#) == true)
        let none = Translator.translate(ParsedSchemas(project: ProjectConfig(defaultApp: "demo"), apps: [OpenAPIFixture.app()]), openAPIDocuments: [:])
        #expect(none.apps.first?.hasAuth == false)
    }
}
