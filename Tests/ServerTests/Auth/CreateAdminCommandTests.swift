import ArgumentParser
import Auth
import Foundation
import Runtime
import Testing

@testable import Server

/// `loom-server create-admin`: parsed and run in-process on the suite's engine.
@Suite("create-admin command")
struct CreateAdminCommandTests {
    @Test("the command migrates, creates the admin, and refuses a duplicate email with a non-zero exit")
    func createsAndRefusesDuplicates() async throws {
        let database = try await TestDatabase.open("tracker")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-create-admin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            var arguments = ["create-admin", "ops@platform.example", "a long secret", "Ops", "--app", "tracker"]
            if let url = TestDatabase.postgresURL, case .postgres = database.client.dialect {
                arguments += ["--database-url", try await Self.url(url, schemaOf: database.client)]
            } else {
                arguments += ["--database-path", directory.appendingPathComponent("tracker.sqlite").path]
            }
            var command = try #require(try LoomServerCommand.parseAsRoot(arguments) as? CreateAdmin)
            try await command.run()
            var again = try #require(try LoomServerCommand.parseAsRoot(arguments) as? CreateAdmin)
            await #expect(throws: ExitCode.failure) { try await again.run() }
            command = try #require(try LoomServerCommand.parseAsRoot(
                Array(arguments.prefix(1)) + ["other@platform.example", "short", "Other"] + arguments.dropFirst(4)) as? CreateAdmin)
            await #expect(throws: ExitCode.failure) { try await command.run() }
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    @Test("create: duplicate email, short and over-72-byte passwords are clear errors; the admin can log in")
    func rules() async throws {
        try await TestApp.run("tracker") { app in
            let admin = try await app.createPlatformAdmin(email: "Mixed@Platform.Example")
            #expect(admin.email == "mixed@platform.example")
            let duplicate = await #expect(throws: PlatformAdminCreationError.self) {
                try await app.createPlatformAdmin(email: "mixed@platform.example")
            }
            #expect(duplicate?.code == .duplicateEmail)
            let short = await #expect(throws: PlatformAdminCreationError.self) {
                try await app.createPlatformAdmin(password: "short")
            }
            #expect(short?.code == .invalidInput)
            #expect(short?.message.contains("password") == true)
            let long = await #expect(throws: PlatformAdminCreationError.self) {
                try await app.createPlatformAdmin(password: String(repeating: "é", count: 40))
            }
            #expect(long?.message.contains("72 bytes") == true)
            _ = try await app.platformLogin(email: admin.email, password: admin.password)
        }
    }

    /// The PostgreSQL URL of the test database's own schema.
    static func url(_ base: String, schemaOf client: any DatabaseClient) async throws -> String {
        let rows = try await client.fetch(SQLStatement("SELECT current_schema()"))
        guard case .text(let schema)? = rows.first?.values.first else { throw CancellationError() }
        return base + (base.contains("?") ? "&" : "?") + "schema=" + schema
    }
}
