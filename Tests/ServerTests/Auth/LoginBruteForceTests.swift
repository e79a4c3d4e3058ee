import Auth
import Foundation
import HTTPTypes
import Testing

@testable import Server

/// Parallel password guessing: each attempt is counted before bcrypt runs, so a flood for one
/// email reaches bcrypt at most `maxFailures` (5 in the tracker app) times, and a correct
/// password hidden among parallel guesses does not get in once the quota is taken.
@Suite("Login brute force")
struct LoginBruteForceTests {
    static func login(_ app: TestApp, email: String, password: String) async throws -> HTTPResponse.Status {
        try await app.request(.post, TestApp.auth + "/login", json: #"{"email": "\#(email)", "password": "\#(password)"}"#).status
    }

    @Test("200 parallel wrong passwords for one account: at most maxFailures are checked (401), every other is 429")
    func parallelWrongPasswords() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<200 { group.addTask { try await Self.login(app, email: account.email, password: "wrong password \(index)") } }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            let checked = statuses.filter { $0 == .unauthorized }.count
            #expect((1...5).contains(checked), "\(checked) attempts reached bcrypt")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 200 - checked)
            #expect(try await Self.login(app, email: account.email, password: account.password) == .tooManyRequests)
        }
    }

    @Test("a correct password among 40 parallel guesses is refused once the quota is taken; at most maxFailures get an answer other than 429")
    func correctPasswordAmongGuesses() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            for _ in 0..<5 { #expect(try await Self.login(app, email: account.email, password: "wrong password") == .unauthorized) }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<40 {
                    let password = index == 20 ? account.password : "wrong password \(index)"
                    group.addTask { try await Self.login(app, email: account.email, password: password) }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .tooManyRequests }, "\(statuses)")
        }
    }

    /// A layout login (`trustedProxies` holds 127.0.0.1, so `X-Forwarded-For` names the client).
    static func layoutLogin(_ app: TestApp, email: String, password: String, from address: String) async throws -> Reply {
        try await app.request(
            .post, "/api/accounts/sign-in", json: #"{"email": "\#(email)", "password": "\#(password)"}"#,
            headers: [HTTPField.Name("X-Forwarded-For")!: address])
    }

    @Test("the lock is per email and client address: guessing from one address does not lock the owner out from another")
    func lockPerAddress() async throws {
        try await TestApp.run("layout", setup: .live) { app in
            let password = "correct horse battery"
            let register = try await app.request(
                .post, "/api/accounts/register", json: #"{"loginEmail": "ada@example.com", "password": "\#(password)", "name": "Ada"}"#)
            #expect(register.status == .accepted, "\(register.text)")  // the layout app answers sign-ups 202 (auth.signup.answer)
            for _ in 0..<5 {
                #expect(try await Self.layoutLogin(app, email: "ada@example.com", password: "wrong password", from: "198.51.100.1").status == .unauthorized)
            }
            let locked = try await Self.layoutLogin(app, email: "ada@example.com", password: password, from: "198.51.100.1")
            #expect(locked.status == .tooManyRequests)
            let owner = try await Self.layoutLogin(app, email: "ada@example.com", password: password, from: "198.51.100.2")
            #expect(owner.status == .ok, "\(owner.text)")
        }
    }

    @Test("one address may fail 5 × maxFailures times over all emails in a window, then every login from it is 429")
    func limitPerAddress() async throws {
        try await TestApp.run("layout", setup: .live) { app in
            for index in 0..<25 {
                let reply = try await Self.layoutLogin(app, email: "user\(index)@example.com", password: "wrong password", from: "198.51.100.9")
                #expect(reply.status == .unauthorized)
            }
            let refused = try await Self.layoutLogin(app, email: "fresh@example.com", password: "wrong password", from: "198.51.100.9")
            #expect(refused.status == .tooManyRequests)
            #expect((refused.object["error"] as? [String: any Sendable])?["message"] as? String == "Too many failed logins from this address; try again in 900 seconds.")
            let elsewhere = try await Self.layoutLogin(app, email: "fresh@example.com", password: "wrong password", from: "198.51.100.10")
            #expect(elsewhere.status == .unauthorized, "another address keeps its own count")
        }
    }
}
