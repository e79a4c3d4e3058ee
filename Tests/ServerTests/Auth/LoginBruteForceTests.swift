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
}
