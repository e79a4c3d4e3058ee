import ArgumentParser
import Auth
import Foundation
import Runtime
import Testing

@testable import Server

/// `loom-server set-role`: bootstrapping EventFlow's first admin, run in-process on the suite's engine.
@Suite("set-role command")
struct SetRoleCommandTests {
    @Test("a signed-up viewer made admin by the command registers producers with the token it already holds")
    func promotesAnAccount() async throws {
        try await TestApp.run("eventflow", caller: .anonymous) { app in
            let viewer = try await app.eventflowUser(role: "viewer")
            let before = try await app.request(.post, "/api/v1/producers", json: #"{"name": "first"}"#, headers: viewer.headers)
            #expect(before.status == .forbidden)
            let database = try #require(app.database)
            let settings = try #require(try AppCatalog.app(named: "eventflow").auth)
            _ = try await AuthService.assignRole(email: viewer.email.uppercased(), role: "admin", settings: settings, database: database, app: "eventflow")
            let after = try await app.request(.post, "/api/v1/producers", json: #"{"name": "first"}"#, headers: viewer.headers)
            #expect(after.status == .created)
        }
    }

    @Test("an undeclared role or an unknown email is a clear error, and the command exits non-zero")
    func refusals() async throws {
        try await TestApp.run("eventflow", caller: .anonymous) { app in
            let database = try #require(app.database)
            let settings = try #require(try AppCatalog.app(named: "eventflow").auth)
            let role = await #expect(throws: RoleAssignmentError.self) {
                try await AuthService.assignRole(email: "x@example.com", role: "root", settings: settings, database: database, app: "eventflow")
            }
            #expect(role?.code == .unknownRole)
            #expect(role?.message.contains("admin, viewer, producer, consumer") == true)
            let account = await #expect(throws: RoleAssignmentError.self) {
                try await AuthService.assignRole(email: "nobody@example.com", role: "admin", settings: settings, database: database, app: "eventflow")
            }
            #expect(account?.code == .unknownAccount)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-set-role-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let command = try #require(try LoomServerCommand.parseAsRoot(
            ["set-role", "nobody@example.com", "admin", "--app", "eventflow", "--database-path", directory.appendingPathComponent("ef.sqlite").path]) as? SetRole)
        await #expect(throws: ExitCode.failure) { try await command.run() }
    }
}
