import Foundation
import HTTPTypes
import Testing

@testable import Server

// MARK: Account administration (issue 21)
/// Issue 21 of `reference/api-layer-status.md` ("Users (management by admins, profile for
/// oneself)"): the admin routes at `/api/v1/admin/users` (`auth.accountAdmin`, scope
/// `users:manage`, which the `admin` role's `*` grants), driven against the live server in the
/// app's camelCase members and `{"error": {code, message}}` errors.
@Suite("stationthis: user management by admins")
struct StationthisUserAdminContractTests {
    static let users = "/api/v1/admin/users"

    @Test("an admin lists users (paged, filtered), reads one, changes a role and bans and unbans; a user is 403, no credential 401")
    func manageUsers() async throws {
        try await TestApp.stationthis { app in
            let admin = try await app.stationUser("root@example.com", admin: true)
            let user = try await app.stationUser("dee@example.com")
            let unauthenticated = try await app.request(.get, Self.users)
            #expect(unauthenticated.status == .unauthorized && unauthenticated.stationError.code == "UNAUTHORIZED", "\(unauthenticated.text)")
            let refused = try await app.request(.get, Self.users, headers: TestApp.bearer(user.token))
            #expect(refused.status == .forbidden && refused.stationError.code == "FORBIDDEN", "\(refused.text)")

            let listed = try await app.request(.get, Self.users + "?limit=1", headers: TestApp.bearer(admin.token))
            #expect(listed.status == .ok, "\(listed.text)")
            #expect(listed.object["total"] as? Int == 2 && listed.object["limit"] as? Int == 1 && listed.object["offset"] as? Int == 0)
            #expect(listed.items.first?["id"] as? String == user.id, "newest first")
            #expect(listed.items.first?["createdAt"] != nil && listed.items.first?["emailVerified"] != nil, "camelCase members")
            let filtered = try await app.request(.get, Self.users + "?email=DEE&role=user&status=active", headers: TestApp.bearer(admin.token))
            #expect(filtered.items.compactMap { $0["id"] as? String } == [user.id], "\(filtered.text)")
            let tooMany = try await app.request(.get, Self.users + "?limit=1000", headers: TestApp.bearer(admin.token))
            #expect(tooMany.status == .badRequest && tooMany.stationError.code == "BAD_REQUEST", "\(tooMany.text)")
            #expect(tooMany.stationError.message?.contains("limit") == true, "\(tooMany.text)")

            let one = try await app.request(.get, Self.users + "/\(user.id)", headers: TestApp.bearer(admin.token))
            #expect(one.object["email"] as? String == "dee@example.com" && one.object["role"] as? String == "user")
            let missing = try await app.request(.get, Self.users + "/\(UUID())", headers: TestApp.bearer(admin.token))
            #expect(missing.status == .notFound && missing.stationError.code == "NOT_FOUND", "\(missing.text)")

            let undeclared = try await app.request(.patch, Self.users + "/\(user.id)", json: #"{"role":"owner"}"#, headers: TestApp.bearer(admin.token))
            #expect(undeclared.status == .badRequest && undeclared.stationError.code == "INVALID_INPUT", "\(undeclared.text)")
            #expect(undeclared.stationError.message?.contains("role") == true, "\(undeclared.text)")
            let demoteSelf = try await app.request(.patch, Self.users + "/\(admin.id)", json: #"{"role":"user"}"#, headers: TestApp.bearer(admin.token))
            #expect(demoteSelf.status == .conflict && demoteSelf.stationError.code == "CONFLICT", "\(demoteSelf.text)")
            let promoted = try await app.request(.patch, Self.users + "/\(user.id)", json: #"{"role":"admin"}"#, headers: TestApp.bearer(admin.token))
            #expect(promoted.status == .ok && promoted.object["role"] as? String == "admin", "\(promoted.text)")
            #expect(try await app.request(.get, Self.users, headers: TestApp.bearer(user.token)).status == .ok, "the new admin at once")
            let demoted = try await app.request(.patch, Self.users + "/\(user.id)", json: #"{"role":"user"}"#, headers: TestApp.bearer(admin.token))
            #expect(demoted.object["role"] as? String == "user")

            let created = try await app.request(
                .post, "/api/v1/user/apikeys", json: #"{"name":"bot","environment":"live","scopes":["points:read"]}"#, headers: TestApp.bearer(user.token))
            let key = try #require(created.object["key"] as? String, "\(created.text)")
            let banSelf = try await app.request(.post, Self.users + "/\(admin.id)/ban", headers: TestApp.bearer(admin.token))
            #expect(banSelf.status == .conflict, "\(banSelf.text)")
            let banned = try await app.request(.post, Self.users + "/\(user.id)/ban", headers: TestApp.bearer(admin.token))
            #expect(banned.status == .ok && banned.object["status"] as? String == "banned", "\(banned.text)")
            #expect(try await app.request(.get, "/api/v1/user/apikeys", headers: TestApp.bearer(user.token)).status == .unauthorized, "token")
            #expect(try await app.request(.post, "/api/v1/auth/apikey", json: #"{"apiKey":"\#(key)"}"#).status == .unauthorized, "API key")
            let login = try await app.request(
                .post, "/api/v1/auth/password", json: #"{"username":"dee@example.com","password":"\#(TestApp.stationPassword)"}"#)
            #expect(login.status == .unauthorized, "\(login.text)")
            let unbanned = try await app.request(.post, Self.users + "/\(user.id)/unban", headers: TestApp.bearer(admin.token))
            #expect(unbanned.object["status"] as? String == "active")
            let again = try await app.request(
                .post, "/api/v1/auth/password", json: #"{"username":"dee@example.com","password":"\#(TestApp.stationPassword)"}"#)
            #expect(again.status == .ok, "\(again.text)")
            let trail = try await app.request(.get, "/api/v1/audit?source=auth&action=user_banned", headers: TestApp.bearer(admin.token))
            #expect(trail.items.count == 1 && trail.items.first?["actor"] as? String == admin.id, "\(trail.text)")
        }
    }
}
