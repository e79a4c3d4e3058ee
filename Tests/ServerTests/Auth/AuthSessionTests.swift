import Auth
import Foundation
import Hummingbird
import Testing

/// Refresh rotation with reuse detection, and the session list/create/extend/revoke routes.
@Suite("Auth: sessions and refresh tokens")
struct AuthSessionTests {
    func refresh(_ app: TestApp, _ token: String) async throws -> Reply {
        try await app.request(.post, TestApp.auth + "/refresh", json: #"{"refresh_token": "\#(token)"}"#)
    }

    @Test("refresh rotates: a new access token and a new refresh token each time")
    func rotation() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let first = try await refresh(app, account.refreshToken)
            #expect(first.status == .ok)
            let second = try await refresh(app, try #require(first.object["refresh_token"] as? String))
            #expect(second.status == .ok)
            #expect(second.object["session_id"] as? String == account.sessionID)
            let access = try #require(second.object["access_token"] as? String)
            let me = try await app.request(.get, TestApp.auth + "/me", headers: [.authorization: "Bearer \(access)"])
            #expect(me.status == .ok)
        }
    }

    @Test("reusing a refresh token revokes the whole family: the thief's and the owner's tokens all die")
    func reuseDetection() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let rotated = try await refresh(app, account.refreshToken)
            let current = try #require(rotated.object["refresh_token"] as? String)
            let currentAccess = try #require(rotated.object["access_token"] as? String)
            let replay = try await refresh(app, account.refreshToken)
            #expect(replay.status == .unauthorized)
            #expect(replay.text.contains("already used"))
            let next = try await refresh(app, current)
            #expect(next.status == .unauthorized, "the latest token of the family is revoked too")
            let me = try await app.request(.get, TestApp.auth + "/me", headers: [.authorization: "Bearer \(currentAccess)"])
            #expect(me.status == .unauthorized, "access tokens of the family stop at once")
            let other = try await app.logIn(email: account.email, password: account.password)
            let fresh = try await refresh(app, other.refreshToken)
            #expect(fresh.status == .ok, "other sessions are untouched")
        }
    }

    @Test("malformed and unknown refresh tokens are 401; a missing one is 422")
    func invalidRefreshTokens() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let parts = account.refreshToken.split(separator: ".")
            let wrongSecret = parts[0] + "." + String(repeating: "A", count: parts[1].count)
            for token in ["nonsense", wrongSecret, String(repeating: "a", count: 16) + "." + String(repeating: "b", count: 43)] {
                let reply = try await refresh(app, token)
                #expect(reply.status == .unauthorized, "\(token)")
            }
            let fine = try await refresh(app, account.refreshToken)
            #expect(fine.status == .ok, "a wrong secret for a real lookup id did not revoke the session")
            let missing = try await app.request(.post, TestApp.auth + "/refresh", json: "{}")
            #expect(missing.status == .unauthorized, "no refresh token is no credential")
            #expect(missing.errorCode == "UNAUTHENTICATED")
        }
    }

    @Test("an expired session cannot refresh")
    func expiredSession() async throws {
        let clock = TestClock()
        try await TestApp.run("tracker", authOptions: AuthOptions(passwordHashCost: 4, clock: { clock.now })) { app in
            let account = try await app.signUp()
            clock.advance(seconds: 2_592_001)
            let reply = try await refresh(app, account.refreshToken)
            #expect(reply.status == .unauthorized)
        }
    }

    @Test("list, create, extend and revoke sessions; revoke all others")
    func manageSessions() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let second = try await app.logIn(email: account.email, password: account.password)
            let created = try await app.request(
                .post, TestApp.auth + "/sessions", json: #"{"expires_at": "\#(Self.timestamp(hours: 2))"}"#, headers: account.headers)
            #expect(created.status == .created)
            let third = try #require(created.object["session_id"] as? String)
            #expect(created.object["refresh_token"] is String)

            let list = try await app.request(.get, TestApp.auth + "/sessions", headers: account.headers)
            #expect(list.status == .ok)
            #expect(Set(list.items.compactMap { $0["id"] as? String }) == [account.sessionID, second.sessionID, third])
            #expect(list.items.filter { $0["current"] as? Bool == true }.compactMap { $0["id"] as? String } == [account.sessionID])

            let fiveHours = Self.timestamp(hours: 5)
            let extended = try await app.request(
                .patch, TestApp.auth + "/sessions/\(third)", json: #"{"expires_at": "\#(fiveHours)"}"#, headers: account.headers)
            #expect(extended.status == .ok)
            #expect(extended.object["expires_at"] as? String == fiveHours)
            let tooFar = try await app.request(
                .patch, TestApp.auth + "/sessions/\(third)", json: #"{"expires_at": "\#(Self.timestamp(hours: 24 * 400))"}"#,
                headers: account.headers)
            #expect(tooFar.status == .unprocessableContent)
            #expect(tooFar.errorFields == ["expires_at"])

            let revoked = try await app.request(.delete, TestApp.auth + "/sessions/\(second.sessionID)", headers: account.headers)
            #expect(revoked.status == .noContent)
            let gone = try await app.request(.get, TestApp.auth + "/me", headers: second.headers)
            #expect(gone.status == .unauthorized)
            let again = try await app.request(.delete, TestApp.auth + "/sessions/\(second.sessionID)", headers: account.headers)
            #expect(again.status == .notFound)

            let others = try await app.request(.delete, TestApp.auth + "/sessions", headers: account.headers)
            #expect(others.status == .ok)
            #expect(others.object["revoked"] as? Int == 1)
            let remaining = try await app.request(.get, TestApp.auth + "/sessions", headers: account.headers)
            #expect(remaining.items.compactMap { $0["id"] as? String } == [account.sessionID])
        }
    }

    @Test("another user's session is 404, never touched")
    func otherUsersSession() async throws {
        try await TestApp.run("tracker") { app in
            let owner = try await app.signUp()
            let intruder = try await app.signUp()
            let revoke = try await app.request(.delete, TestApp.auth + "/sessions/\(owner.sessionID)", headers: intruder.headers)
            #expect(revoke.status == .notFound)
            let extend = try await app.request(
                .patch, TestApp.auth + "/sessions/\(owner.sessionID)", json: #"{"expires_at": "\#(Self.timestamp(hours: 1))"}"#,
                headers: intruder.headers)
            #expect(extend.status == .notFound)
            let notAnID = try await app.request(.delete, TestApp.auth + "/sessions/not-an-id", headers: intruder.headers)
            #expect(notAnID.status == .notFound)
            let me = try await app.request(.get, TestApp.auth + "/me", headers: owner.headers)
            #expect(me.status == .ok)
        }
    }

    /// An ISO-8601 timestamp `hours` from now, at a whole second, as the server writes it.
    static func timestamp(hours: Double) -> String {
        let date = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + hours * 3600).rounded(.down))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
