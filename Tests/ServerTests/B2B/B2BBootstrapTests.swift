import Auth
import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// Issue 16's bootstrap of a fresh install, run exactly as the issue writes it, as a subprocess
/// of the built `loom-server` on the test's database (SQLite, or a PostgreSQL schema under
/// `.ci/with-postgres`):
/// `loom-server api-key create --app b2b --name NAME --scopes admin [--environment live|test]
/// [--database-path PATH | --database-url URL]`. Then the document's permission model
/// "admin: Full access" (`auth.impliedScopes`) with the key it printed, against a live server.
@Suite("B2B contract: bootstrap of a fresh install, and the admin permission")
struct B2BBootstrapTests {
    /// What the command did: its exit status and its standard output and error.
    struct CommandRun {
        let status: Int32
        let output: String
        let errors: String

        /// The last line of standard output (where the key is printed).
        var lastLine: String { output.split(separator: "\n").last.map(String.init) ?? "" }
    }

    /// The built `loom-server`, beside the test bundle in the build directory.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("loom-server")
    }

    /// Runs the built `loom-server` with `arguments`; output goes through files, so a chatty
    /// standard error never blocks it.
    static func loomServer(_ arguments: [String]) async throws -> CommandRun {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no loom-server at \(binary.path): swift build first")
        return try await Task.detached {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-command-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let (outputURL, errorURL) = (directory.appendingPathComponent("out"), directory.appendingPathComponent("err"))
            FileManager.default.createFile(atPath: outputURL.path, contents: nil)
            FileManager.default.createFile(atPath: errorURL.path, contents: nil)
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.standardOutput = try FileHandle(forWritingTo: outputURL)
            process.standardError = try FileHandle(forWritingTo: errorURL)
            try process.run()
            process.waitUntilExit()
            return CommandRun(
                status: process.terminationStatus, output: try String(contentsOf: outputURL, encoding: .utf8),
                errors: try String(contentsOf: errorURL, encoding: .utf8))
        }.value
    }

    /// The issue's command, with the test database's `--database-path` or `--database-url`.
    static func issueCommand(_ database: TestDatabase, name: String = "bootstrap", scopes: String = "admin", environment: String? = "live")
        -> [String]
    {
        ["api-key", "create", "--app", "b2b", "--name", name, "--scopes", scopes]
            + (environment.map { ["--environment", $0] } ?? []) + database.commandLineArguments
    }

    @Test("the issue's command on a fresh database (no account) prints an sk_live_ key last; it works over HTTP at once, audited as a system action")
    func freshInstall() async throws {
        try await TestDatabase.with("b2b") { database in
            let run = try await Self.loomServer(Self.issueCommand(database))
            #expect(run.status == 0, "\(run.errors)")
            let key = run.lastLine
            #expect(key.hasPrefix("sk_live_"), "\(run.output)")
            #expect(run.output.contains("of the service account"), "\(run.output)")
            // Without --environment: the first declared (live); the same service account owns both keys.
            let second = try await Self.loomServer(Self.issueCommand(database, name: "second", scopes: "users:read", environment: nil))
            #expect(second.status == 0 && second.lastLine.hasPrefix("sk_live_"), "\(second.errors)")
            // --environment test: a sandbox key.
            let sandbox = try await Self.loomServer(Self.issueCommand(database, name: "sandbox", scopes: "users:read", environment: "test"))
            #expect(sandbox.status == 0 && sandbox.lastLine.hasPrefix("sk_test_"), "\(sandbox.output) \(sandbox.errors)")
            let accounts = try await database.client.fetch(SQLStatement("SELECT status FROM auth_users"))
            #expect(accounts.count == 1 && accounts.first?.values.first == .text("service"), "\(accounts)")
            let app = try AppCatalog.app(named: "b2b", eventSettleInterval: 0)
            try await TestDatabase.migrate(app, on: database.client)
            try await TestApp.serve(app, on: database, setup: .live, caller: .anonymous) { app in
                let admin = TestApp.key(key)
                #expect(try await app.request(.get, "/v1/users", headers: admin).status == .ok)
                // "admin: Full access including key management": users, organizations, keys, audit.
                #expect(try await app.request(.post, "/v1/users", json: #"{"email":"first@example.com"}"#, headers: admin).status == .created)
                #expect(try await app.request(.post, "/v1/organizations", json: #"{"name":"Acme"}"#, headers: admin).status == .created)
                let keys = try await app.request(.get, "/v1/keys", headers: admin)
                #expect(Set(keys.dataItems.compactMap { $0["name"] as? String }) == ["bootstrap", "second", "sandbox"], "\(keys.text)")
                let made = try await app.b2bKey(#"{"name":"crm","environment":"test","scopes":["users:read"]}"#, headers: admin)
                #expect(made.key.hasPrefix("sk_test_"))
                // The second key holds exactly users:read: no person's role stands above it, nor widens it.
                let reader = TestApp.key(second.lastLine)
                #expect(try await app.request(.get, "/v1/users", headers: reader).status == .ok)
                #expect(try await app.request(.get, "/v1/users", headers: TestApp.key(sandbox.lastLine)).status == .ok)
                let refused = try await app.request(.post, "/v1/users", json: #"{"email":"no@example.com"}"#, headers: reader)
                #expect(refused.status == .forbidden && refused.errorCode == "PERMISSION_DENIED", "\(refused.text)")
                // Audited with no actor (a system action, via the command), naming the service account as owner.
                let trail = try await app.request(.get, "/v1/audit?source=auth&action=api_key_created&limit=10", headers: admin)
                let cli = trail.dataItems.filter { $0["actor"] is NSNull }
                #expect(cli.count == 3, "\(trail.text)")
                #expect(cli.allSatisfy { ($0["changed_fields"] as? [String])?.contains("via") == true }, "\(trail.text)")
                // Nobody signs in as the service account.
                let login = try await app.request(.post, "/v1/auth/login", json: #"{"email":"service-account","password":"correct horse battery"}"#)
                #expect([401, 422].contains(login.status.code), "\(login.text)")
            }
        }
    }

    @Test("the command refuses, saying why and printing no key: an undeclared scope, an undeclared environment, an unknown --owner")
    func refusals() async throws {
        try await TestDatabase.with("b2b") { database in
            let typo = try await Self.loomServer(Self.issueCommand(database, scopes: "users:reed"))
            #expect(typo.status == 1 && typo.errors.contains("declares no scope users:reed") && !typo.output.contains("sk_"), "\(typo.errors)")
            let staging = try await Self.loomServer(Self.issueCommand(database, environment: "staging"))
            #expect(staging.status == 1 && staging.errors.contains("staging") && !staging.output.contains("sk_"), "\(staging.errors)")
            let nobody = try await Self.loomServer(Self.issueCommand(database) + ["--owner", "nobody@example.com"])
            #expect(nobody.status == 1 && nobody.errors.contains("sign up first") && !nobody.output.contains("sk_"), "\(nobody.errors)")
        }
    }

    @Test("--owner still works: the key belongs to an admin operator and is bounded by the owner's role; a member may not own an admin key")
    func ownedKey() async throws {
        try await TestApp.b2b { app in
            _ = try await app.b2bOperator()
            let database = try #require(app.database)
            let settings = try #require(try AppCatalog.app(named: "b2b").auth)
            let created = try await AuthService.createAPIKey(
                owner: "OPS@example.com", name: "bootstrap", scopes: ["admin"], environment: "test", settings: settings, database: database,
                app: "b2b")
            #expect(created.id.hasPrefix("key_") && created.key.hasPrefix("sk_test_"))
            let key = TestApp.key(created.key)
            #expect(try await app.request(.post, "/v1/users", json: #"{"email":"first@example.com"}"#, headers: key).status == .created)
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
        }
    }
}
