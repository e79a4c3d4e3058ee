import ArgumentParser
import Auth
import Foundation
import HTTPTypes
import Testing

@testable import Server

/// Issue 16's bootstrap (`loom-server api-key create`) and the document's permission model
/// "admin: Full access" (`auth.impliedScopes`), against a live `b2b` server.
@Suite("B2B contract: bootstrap key and the admin permission")
struct B2BBootstrapTests {
    @Test("api-key create --scopes admin issues an sk_test_ key with full access; a member may not own one")
    func bootstrapKey() async throws {
        try await TestApp.b2b { app in
            _ = try await app.b2bOperator()
            let database = try #require(app.database)
            let settings = try #require(try AppCatalog.app(named: "b2b").auth)
            let created = try await AuthService.createAPIKey(
                owner: "OPS@example.com", name: "bootstrap", scopes: ["admin"], environment: "test", settings: settings, database: database,
                app: "b2b")
            #expect(created.id.hasPrefix("key_") && created.key.hasPrefix("sk_test_"))
            // "admin: Full access including key management": users, organizations, audit.
            let key = TestApp.key(created.key)
            #expect(try await app.request(.post, "/v1/users", json: #"{"email":"first@example.com"}"#, headers: key).status == .created)
            #expect(try await app.request(.post, "/v1/organizations", json: #"{"name":"Acme"}"#, headers: key).status == .created)
            let audit = try await app.request(.get, "/v1/audit?resource=users", headers: key)
            #expect(audit.status == .ok && audit.dataItems.count == 1, "\(audit.text)")
            // A key without admin keeps to its scopes.
            let reader = TestApp.key(try await AuthService.createAPIKey(
                owner: "ops@example.com", name: "reader", scopes: ["users:read"], environment: nil, settings: settings, database: database,
                app: "b2b"
            ).key)
            #expect(try await app.request(.get, "/v1/audit", headers: reader).status == .forbidden)
            // The owner's role bounds the key: a member cannot own an admin key.
            let member = try await app.request(
                .post, "/v1/auth/signup", json: #"{"email":"member@example.com","password":"correct horse battery","name":"M"}"#)
            #expect(member.status == .created)
            let refused = await #expect(throws: APIKeyCreationError.self) {
                try await AuthService.createAPIKey(
                    owner: "member@example.com", name: "x", scopes: ["admin"], environment: "live", settings: settings, database: database,
                    app: "b2b")
            }
            #expect(refused?.code == .scopeNotHeld)
            let environment = await #expect(throws: APIKeyCreationError.self) {
                try await AuthService.createAPIKey(
                    owner: "ops@example.com", name: "x", scopes: ["admin"], environment: "staging", settings: settings, database: database,
                    app: "b2b")
            }
            #expect(environment?.code == .invalidInput)
        }
    }

    @Test("the command parses the issue's arguments and exits non-zero, saying why, for an unknown owner")
    func commandRefusal() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("b2b-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = [
            "api-key", "create", "--app", "b2b", "--owner", "nobody@example.com", "--name", "bootstrap", "--scopes", "admin",
            "--environment", "live", "--database-path", directory.appendingPathComponent("b2b.sqlite").path,
        ]
        let command = try #require(try LoomServerCommand.parseAsRoot(arguments) as? APIKeyCreate)
        #expect(command.scopes == "admin" && command.environment == "live")
        await #expect(throws: ExitCode.failure) { try await command.run() }
    }
}
