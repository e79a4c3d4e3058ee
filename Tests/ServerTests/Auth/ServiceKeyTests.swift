import Auth
import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// `loom-server api-key create` without `--owner` in apps other than b2b (`B2BBootstrapTests`
/// runs the command itself): a service key of the app's service account, whose scopes are the
/// app's declared ones, bound to no organization.
@Suite("Service keys (api-key create without --owner)")
struct ServiceKeyTests {
    /// A service key of `app` holding `scopes`, issued the way the command issues it.
    static func serviceKey(_ app: TestApp, _ name: String, scopes: [String]) async throws -> String {
        let generated = try AppCatalog.app(named: name)
        return try await AuthService.createAPIKey(
            owner: nil, name: "service", scopes: scopes, environment: nil, settings: try #require(generated.auth),
            database: try #require(app.database), app: name, declaredScopes: Set(generated.auth?.apiKeys?.scopes ?? [])
        ).key
    }

    @Test("layout: a service key reads within its scopes only, in the app's own key header; an undeclared scope is refused at issue")
    func untenantedApp() async throws {
        try await TestApp.run("layout", setup: .live, caller: .anonymous) { app in
            let key: HTTPFields = [HTTPField.Name("X-Api-Token")!: try await Self.serviceKey(app, "layout", scopes: ["customers:read"])]
            #expect(try await app.request(.get, "/api/shop/customers", headers: key).status == .ok)
            let notes = try await app.request(.get, "/api/notes", headers: key)
            // Without notes:read: refused, as 404 since notes hide refusals (`forbiddenAsNotFound`).
            #expect(notes.status == .notFound, "\(notes.text)")
            let reader: HTTPFields = [HTTPField.Name("X-Api-Token")!: try await Self.serviceKey(app, "layout", scopes: ["notes:read"])]
            #expect(try await app.request(.get, "/api/notes", headers: reader).status == .ok)
            let refused = await #expect(throws: APIKeyCreationError.self) {
                _ = try await Self.serviceKey(app, "layout", scopes: ["customers:raed"])
            }
            #expect(refused?.code == .scopeNotHeld && refused?.message.contains("customers:read") == true)
        }
    }

    @Test("tracker (tenant tables): a service key is bound to no organization, so tenant tables answer 403 naming the binding; platform admins never list its account")
    func tenantApp() async throws {
        try await TestApp.run("tracker", setup: .live, caller: .anonymous) { app in
            let key: HTTPFields = [HTTPField.Name("X-API-Key")!: try await Self.serviceKey(app, "tracker", scopes: ["projects:read"])]
            let projects = try await app.request(.get, "/v1/projects", headers: key)
            #expect(projects.status == .forbidden && projects.text.contains("organization"), "\(projects.text)")
            let root = try await app.platformAdmin()
            let listed = try await app.request(.get, TestApp.platform + "/admin/end-users", headers: root.headers)
            #expect(listed.status == .ok && listed.object["total"] as? Int == 0, "\(listed.text)")
            #expect(!listed.text.contains("service-account"))
        }
    }
}
