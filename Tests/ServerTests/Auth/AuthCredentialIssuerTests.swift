import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Runtime
import Testing

@testable import Server

/// The `CredentialIssuer` seam: a custom endpoint handler (here a stand-in for EventFlow's
/// `POST /producers`) issues a key for its caller through `HandlerContext.credentials`.
@Suite("Auth: credential issuer for custom handlers")
struct AuthCredentialIssuerTests {
    /// The stand-in `POST /v1/producers` as an operation of the document.
    static let createProducer = """
        {"operationId": "testCreateProducer", "responses": {
          "201": {"description": "Created.", "content": {"application/json": {"schema": {"type": "object",
            "required": ["producer_id", "api_key"], "additionalProperties": false,
            "properties": {"producer_id": {"type": "string", "format": "uuid"}, "api_key": {"type": "string"}}}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
        """
    /// The stand-in `DELETE /v1/producers/{id}`.
    static let deleteProducer = """
        {"operationId": "testDeleteProducer", "responses": {"204": {"description": "Revoked."}, "404": {"description": "Unknown."}}}
        """

    @Test("a custom handler issues a key once for its caller, within the caller's scopes; the key authenticates; revoking kills it")
    func issuesKeys() async throws {
        try await TestDatabase.withMigratedApp("tracker") { database, app in
            let settings = try #require(app.auth)
            let started = try await ServerAuth.start(
                app: app, database: database.client, logger: TestDatabase.logger,
                environment: [settings.secretVariable: TestApp.jwtSecret], options: AuthOptions(passwordHashCost: 4))
            let auth = try #require(started)
            var registry = RouteRegistry(database: database.client, settings: app.settings)
            auth.registerRoutes(in: &registry)
            #expect(registry.credentialIssuer != nil, "the auth module offers itself to custom handlers")
            let contexts = registry.handlerContexts
            registry.add(.post, "/v1/producers") { request, context in
                let handler = contexts.make(context)
                guard let credentials = handler.credentials else { throw APIError.internalError }
                let caller = try context.requireIdentity()
                let scopes = request.headers[HTTPField.Name("X-Scope")!].map { [$0] } ?? []
                let issued = try await credentials.issueAPIKey(
                    CredentialRequest(name: "producer", environment: "live", scopes: scopes), for: caller)
                var writer = JSONWriter(capacity: 128)
                writer.beginObject()
                writer.member("producer_id", issued.id)
                writer.member("api_key", issued.key)
                writer.endObject()
                return JSONResponse.make(status: .created, bytes: writer.bytes)
            }
            registry.add(.delete, "/v1/producers/{id}") { _, context in
                let handler = contexts.make(context)
                let revoked = try await handler.credentials?.revokeAPIKey(id: context.parameters.get("id") ?? "", for: try context.requireIdentity())
                return Response(status: revoked == true ? .noContent : .notFound)
            }
            let router = Router(context: LoomRequestContext.self)
            router.add(middleware: LoomMiddleware(
                errorFormat: app.settings.errorFormat, routes: registry.table, maxBodyBytes: app.settings.maxBodyBytes, authenticator: auth))
            registry.install(on: router)
            try await Application(router: router, logger: TestDatabase.logger).test(.router) { client in
                // The two routes above are this test's own; the checker holds them to what they answer.
                let document = try DocumentedAPI(text: app.openAPIDocument)
                    .adding("POST", "/v1/producers", operation: Self.createProducer)
                    .adding("DELETE", "/v1/producers/{id}", operation: Self.deleteProducer)
                let testApp = TestApp(client: client, checker: ResponseChecker(document: document))
                let user = try await testApp.signUp()
                var headers = user.headers
                headers[HTTPField.Name("X-Scope")!] = "tasks:write"
                let created = try await testApp.request(.post, "/v1/producers", headers: headers)
                #expect(created.status == .created, "\(created.text)")
                let key = try #require(created.object["api_key"] as? String)
                let keyHeaders: HTTPFields = [HTTPField.Name("X-API-Key")!: key]
                let identity = try await testApp.identity(keyHeaders)
                #expect(identity.object["kind"] as? String == "api_key")
                #expect(identity.object["scopes"] as? [String] == ["tasks:write"])

                headers[HTTPField.Name("X-Scope")!] = "tasks:delete"
                let tooMuch = try await testApp.request(.post, "/v1/producers", headers: headers)
                #expect(tooMuch.status == .forbidden, "a member cannot hand out tasks:delete")
                let anonymous = try await testApp.request(.post, "/v1/producers")
                #expect(anonymous.status == .unauthorized)
                let byKey = try await testApp.request(.post, "/v1/producers", headers: keyHeaders)
                #expect(byKey.status == .forbidden, "keys cannot make keys")

                let id = try #require(created.object["producer_id"] as? String)
                #expect(try await testApp.request(.delete, "/v1/producers/\(id)", headers: user.headers).status == .noContent)
                #expect(try await testApp.identity(keyHeaders).status == .unauthorized)
            }
        }
    }
}

