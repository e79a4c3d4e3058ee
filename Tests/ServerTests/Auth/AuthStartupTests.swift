import ArgumentParser
import Auth
import Foundation
import Runtime
import Testing

@testable import Server

/// Starting the auth module: its tables are created once (however often it starts), and a
/// missing or short signing secret stops the server with the fix in the message.
@Suite("Auth: start-up")
struct AuthStartupTests {
    @Test("auth migrations are recorded once; starting again applies nothing")
    func migrations() async throws {
        let database = try await TestDatabase.open("tracker")
        do {
            let first = try await AuthService.migrate(database.client, app: "tracker")
            #expect(first.count == AuthMigrationsCount.steps)
            let second = try await AuthService.migrate(database.client, app: "tracker")
            #expect(second.isEmpty)
            let rows = try await database.client.fetch(SQLStatement("SELECT COUNT(*) FROM loom_migrations WHERE app = 'tracker.auth'"))
            #expect(rows.first?.values == [.integer(Int64(AuthMigrationsCount.steps))])
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    @Test("on SQLite without the secret variable, a development secret is generated once beside the database and reused")
    func developmentSecret() async throws {
        let database = try await TestDatabase.open("tracker")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-secret-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let app = try AppCatalog.app(named: "tracker")
            let file = directory.appendingPathComponent("tracker.sqlite.jwt-secret")
            let first = try await ServerAuth.start(
                app: app, database: database.client, logger: TestDatabase.logger, environment: [:], developmentSecretFile: file)
            #expect(first != nil)
            let secret = try String(contentsOf: file, encoding: .utf8)
            #expect(secret.trimmingCharacters(in: .whitespacesAndNewlines).utf8.count >= 32)
            let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            _ = try await ServerAuth.start(
                app: app, database: database.client, logger: TestDatabase.logger, environment: [:], developmentSecretFile: file)
            #expect(try String(contentsOf: file, encoding: .utf8) == secret, "a restart keeps the secret, so issued tokens stay valid")
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    @Test("a missing or short secret refuses to start, naming the variable")
    func secret() async throws {
        let database = try await TestDatabase.open("tracker")
        do {
            let app = try AppCatalog.app(named: "tracker")
            let variable = try #require(app.auth?.secretVariable)
            for environment in [[:], [variable: "too short"]] {
                do {
                    _ = try await ServerAuth.start(app: app, database: database.client, logger: TestDatabase.logger, environment: environment)
                    Issue.record("started with environment \(environment)")
                } catch let error as ValidationError {
                    #expect(error.message.contains(variable))
                }
            }
            let plain = try AppCatalog.app(named: "bench")
            let none = try await ServerAuth.start(app: plain, database: database.client, logger: TestDatabase.logger, environment: [:])
            #expect(none == nil, "an app without an auth section gets no auth module")
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }
}

/// How many numbered steps the auth module's migrations have (1-3, and 6 from the OAuth branch;
/// after the wave-4 merge, 6).
enum AuthMigrationsCount {
    static let steps = 8
}
