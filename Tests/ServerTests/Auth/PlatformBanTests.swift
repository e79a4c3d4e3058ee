import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// Bans act at once on every credential of the account; unbanning restores logging in.
@Suite("Platform admins: bans")
struct PlatformBanTests {
    @Test("a banned user's access token, refresh token and API key are all 401 at once; login fails; unban restores login")
    func banAndUnban() async throws {
        try await TestApp.run("tracker") { app in
            let root = try await app.platformAdmin()
            let user = try await app.signUp()
            let created = try await app.request(
                .post, TestApp.auth + "/api-keys", json: #"{"name": "ci", "environment": "live", "scopes": ["projects:read"]}"#,
                headers: user.headers)
            #expect(created.status == .created, "\(created.text)")
            let key = try #require(created.object["key"] as? String)
            #expect(try await app.identity([APIKeyHeader.name: key]).status == .ok)

            let banned = try await app.request(.post, TestApp.platform + "/admin/end-users/\(user.userID)/ban", headers: root.headers)
            #expect(banned.status == .ok, "\(banned.text)")
            #expect(banned.object["status"] as? String == "banned")
            #expect(try await app.identity(user.headers).status == .unauthorized, "access token")
            #expect(try await app.identity([APIKeyHeader.name: key]).status == .unauthorized, "API key")
            #expect(try await app.identity([.authorization: "Bearer \(key)"]).status == .unauthorized, "API key as bearer")
            let refresh = try await app.request(.post, TestApp.auth + "/refresh", json: #"{"refresh_token": "\#(user.refreshToken)"}"#)
            #expect(refresh.status == .unauthorized, "refresh token")
            let login = try await app.request(
                .post, TestApp.auth + "/login", json: #"{"email": "\#(user.email)", "password": "\#(user.password)"}"#)
            #expect(login.status == .unauthorized, "login")
            let events = try await app.auditEvents("user_banned")
            #expect(events.count == 1)
            #expect(events.first?.actor == root.adminID)
            #expect(events.first?.target == user.userID)
            #expect(events.first?.detail.contains("platform_admin") == true)

            let unbanned = try await app.request(.post, TestApp.platform + "/admin/end-users/\(user.userID)/unban", headers: root.headers)
            #expect(unbanned.object["status"] as? String == "active")
            let again = try await app.logIn(email: user.email, password: user.password)
            #expect(try await app.identity(again.headers).status == .ok)
            #expect(try await app.identity(user.headers).status == .unauthorized, "the sessions the ban revoked stay revoked")
            #expect(try await app.identity([APIKeyHeader.name: key]).status == .ok, "API keys work again after an unban")
            #expect(try await app.auditEvents("user_unbanned").count == 1)
        }
    }

    @Test("banning an unknown user is 404; a non-UUID id is 404")
    func unknownUser() async throws {
        try await TestApp.run("tracker") { app in
            let root = try await app.platformAdmin()
            #expect(try await app.request(.post, TestApp.platform + "/admin/end-users/\(UUID())/ban", headers: root.headers).status == .notFound)
            #expect(try await app.request(.post, TestApp.platform + "/admin/end-users/xyz/ban", headers: root.headers).status == .notFound)
        }
    }
}
