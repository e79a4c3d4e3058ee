import Foundation
import Hummingbird
import Testing

/// A clock tests move forward to expire sessions, keys and locks without waiting.
///
/// `@unchecked Sendable`: `current` is only read and written while holding `lock`.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)

    /// The time now.
    var now: Date { lock.withLock { current } }

    /// Moves the clock forward.
    func advance(seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}

/// An account signed up through the API, with the tokens it got.
struct SignedUp: Sendable {
    let email: String
    let password: String
    let userID: String
    let accessToken: String
    let refreshToken: String
    let sessionID: String

    /// `Authorization: Bearer <access token>`.
    var headers: HTTPFields { [.authorization: "Bearer \(accessToken)"] }
}

extension TestApp {
    /// The tracker's auth routes.
    static let auth = "/v1/auth"

    /// Signs up a new account (a unique email unless given) and returns it, failing the test unless 201.
    func signUp(
        email: String = "user-\(UUID().uuidString.prefix(8).lowercased())@example.com", password: String = "correct horse battery",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> SignedUp {
        let reply = try await request(
            .post, Self.auth + "/signup", json: #"{"email": "\#(email)", "password": "\#(password)", "name": "Test User"}"#)
        #expect(reply.status == .created, "signup answered \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
        return try signedUp(reply, email: email.lowercased(), password: password, sourceLocation: sourceLocation)
    }

    /// Logs in and returns the session, failing the test unless 200.
    func logIn(email: String, password: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> SignedUp {
        let reply = try await request(.post, Self.auth + "/login", json: #"{"email": "\#(email)", "password": "\#(password)"}"#)
        #expect(reply.status == .ok, "login answered \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
        return try signedUp(reply, email: email, password: password, sourceLocation: sourceLocation)
    }

    private func signedUp(_ reply: Reply, email: String, password: String, sourceLocation: SourceLocation) throws -> SignedUp {
        let body = reply.object
        let user = try #require(body["user"] as? [String: any Sendable], sourceLocation: sourceLocation)
        return SignedUp(
            email: email, password: password, userID: try #require(user["id"] as? String, sourceLocation: sourceLocation),
            accessToken: try #require(body["access_token"] as? String, sourceLocation: sourceLocation),
            refreshToken: try #require(body["refresh_token"] as? String, sourceLocation: sourceLocation),
            sessionID: try #require(body["session_id"] as? String, sourceLocation: sourceLocation))
    }

    /// `GET /identity` with `headers`.
    func identity(_ headers: HTTPFields) async throws -> Reply {
        try await request(.get, Self.auth + "/identity", headers: headers)
    }
}
