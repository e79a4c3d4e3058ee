import Auth
import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// The B2B reference's permission model, "admin: Full access including key management", and
/// its resource "API Keys | /v1/keys | API key management (admin only)": an `admin` key
/// manages keys (`auth.apiKeys.manageScope`), within its owner and its own scopes, against a
/// live `b2b` server (see `B2BContractTests`).
@Suite("B2B contract: key management with an admin key")
struct B2BKeyManagementTests {
    @Test("PUT /v1/keys/{id}: a full replace of name, scopes, allowlist and expiry; what it leaves out is cleared, and the same PUT twice answers the same key")
    func replaceKey() async throws {
        try await TestApp.b2b { app in
            let token = try await app.b2bOperator()
            let console = [HTTPField.Name.authorization: "Bearer \(token)"] as HTTPFields
            let made = try await app.b2bKey(
                #"{"name":"crm-sync","environment":"test","scopes":["users:read","users:write"],"allowed_cidrs":["127.0.0.0/8"],"expires_at":"\#(B2BContractTests.iso(daysFromNow: 30))"}"#,
                token: token)
            let body = #"{"name":"crm-readonly","scopes":["users:read"]}"#
            let replaced = try await app.request(.put, "/v1/keys/\(made.id)", json: body, headers: console)
            #expect(replaced.status == .ok && replaced.data["id"] as? String == made.id && replaced.data["key"] == nil, "\(replaced.text)")
            #expect(replaced.data["name"] as? String == "crm-readonly" && replaced.data["scopes"] as? [String] == ["users:read"], "\(replaced.text)")
            #expect((replaced.data["allowed_cidrs"] as? [String] ?? []).isEmpty, "left out: any address, \(replaced.text)")
            #expect(replaced.data["expires_at"] == nil || replaced.data["expires_at"] is NSNull, "left out: never, \(replaced.text)")
            #expect(replaced.data["environment"] as? String == "test" && replaced.data["prefix"] as? String == "sk_test_")
            // The same key keeps working, with its new scopes.
            let key = TestApp.key(made.key)
            #expect(try await app.request(.get, "/v1/users", headers: key).status == .ok)
            let refused = try await app.request(.post, "/v1/users", json: #"{"email":"r@example.com"}"#, headers: key)
            #expect(refused.status == .forbidden && refused.errorCode == "PERMISSION_DENIED", "\(refused.text)")
            // The same PUT again: the same key.
            let again = try await app.request(.put, "/v1/keys/\(made.id)", json: body, headers: console)
            #expect(again.status == .ok, "\(again.text)")
            for member in ["id", "name", "environment", "prefix", "last_four", "scopes", "allowed_cidrs", "expires_at", "created_at"] {
                #expect(String(describing: again.data[member]) == String(describing: replaced.data[member]), "\(member): \(again.text)")
            }
            // name and scopes are required (422 naming each); an unknown key is 404.
            let partial = try await app.request(.put, "/v1/keys/\(made.id)", json: #"{"name":"x"}"#, headers: console)
            #expect(partial.status == .unprocessableContent && partial.errorFields == ["scopes"], "\(partial.text)")
            let unknown = try await app.request(.put, "/v1/keys/key_0000000000000000000000", json: body, headers: console)
            #expect(unknown.status == .notFound && unknown.errorCode == "RESOURCE_NOT_FOUND", "\(unknown.text)")
            // An expiring admin key replacing a key must give an expiry within its own: left out (never) is 422.
            let admin = try await app.b2bKey(
                #"{"name":"admin","environment":"live","scopes":["admin"],"expires_at":"\#(B2BContractTests.iso(daysFromNow: 30))"}"#, token: token)
            let child = try await app.b2bKey(#"{"name":"child","environment":"live","scopes":["users:read"]}"#, headers: TestApp.key(admin.key))
            let never = try await app.request(.put, "/v1/keys/\(child.id)", json: body, headers: TestApp.key(admin.key))
            #expect(never.status == .unprocessableContent && never.errorFields == ["expires_at"], "\(never.text)")
            let within = try await app.request(
                .put, "/v1/keys/\(child.id)",
                json: #"{"name":"child","scopes":["users:read"],"expires_at":"\#(B2BContractTests.iso(daysFromNow: 10))"}"#,
                headers: TestApp.key(admin.key))
            #expect(within.status == .ok && within.data["expires_at"] is String, "\(within.text)")
        }
    }

    @Test("Keys hold only the document's permissions: a scope b2b does not name is 422 naming scopes[i] on create, update and replace")
    func undeclaredScopes() async throws {
        try await TestApp.b2b { app in
            let token = try await app.b2bOperator()
            let console = [HTTPField.Name.authorization: "Bearer \(token)"] as HTTPFields
            let made = try await app.b2bKey(#"{"name":"crm","environment":"live","scopes":["users:read"]}"#, token: token)
            for (method, path, body) in [
                (HTTPRequest.Method.post, "/v1/keys", #"{"name":"typo","environment":"live","scopes":["users:reed"]}"#),
                (.patch, "/v1/keys/\(made.id)", #"{"scopes":["users:read","nope"]}"#),
                (.put, "/v1/keys/\(made.id)", #"{"name":"crm","scopes":["users:read","nope"]}"#),
            ] {
                let refused = try await app.request(method, path, json: body, headers: console)
                #expect(refused.status == .unprocessableContent && refused.errorCode == "VALIDATION_ERROR", "\(method) \(path): \(refused.text)")
                #expect(refused.errorFields.allSatisfy { $0.hasPrefix("scopes[") } && refused.errorFields.count == 1, "\(refused.text)")
            }
            // The permissions of the document and their wildcards are accepted.
            for scopes in [#"["users:read","users:write","users:delete"]"#, #"["users:*"]"#, #"["admin"]"#] {
                _ = try await app.b2bKey(#"{"name":"ok","environment":"test","scopes":\#(scopes)}"#, token: token)
            }
        }
    }

    @Test("admin: an admin key lists, creates, reads, updates, rotates and revokes keys at /v1/keys; other keys get 403")
    func adminKeyManagesKeys() async throws {
        try await TestApp.b2b { app in
            let token = try await app.b2bOperator()
            let expiry = B2BContractTests.iso(daysFromNow: 30)
            let admin = try await app.b2bKey(
                #"{"name":"admin","environment":"live","scopes":["admin"],"expires_at":"\#(expiry)"}"#, token: token)
            let adminKey = TestApp.key(admin.key)
            // GET /v1/keys with the key: {"data": [...]}, never a key's secret.
            let listed = try await app.request(.get, "/v1/keys", headers: adminKey)
            #expect(listed.status == .ok && listed.dataItems.map { $0["id"] as? String } == [admin.id], "\(listed.text)")
            #expect(listed.dataItems.allSatisfy { $0["key"] == nil })
            // POST /v1/keys with the key: the new key works, and by default expires with the key that made it.
            let made = try await app.request(
                .post, "/v1/keys", json: #"{"name":"crm-sync","environment":"test","scopes":["users:read","users:write"]}"#, headers: adminKey)
            #expect(made.status == .created && (made.data["key"] as? String)?.hasPrefix("sk_test_") == true, "\(made.text)")
            let child = try #require(made.data["id"] as? String)
            let adminRecord = try await app.request(.get, "/v1/keys/\(admin.id)", headers: adminKey)
            #expect(made.data["expires_at"] as? String == adminRecord.data["expires_at"] as? String, "\(made.text)")
            let childKey = TestApp.key(try #require(made.data["key"] as? String))
            #expect(try await app.request(.post, "/v1/users", json: #"{"email":"a@example.com"}"#, headers: childKey).status == .created)
            // A key never outlives the key that makes it (422 naming expires_at).
            let later = try await app.request(
                .post, "/v1/keys",
                json: #"{"name":"late","environment":"live","scopes":["users:read"],"expires_at":"\#(B2BContractTests.iso(daysFromNow: 60))"}"#,
                headers: adminKey)
            #expect(later.status == .unprocessableContent && later.errorFields == ["expires_at"], "\(later.text)")
            // GET /v1/keys/{id}: the key's facts, never the key again.
            let read = try await app.request(.get, "/v1/keys/\(child)", headers: adminKey)
            #expect(read.status == .ok && read.data["id"] as? String == child && read.data["key"] == nil, "\(read.text)")
            #expect(read.data["scopes"] as? [String] == ["users:read", "users:write"] && read.data["last_four"] is String)
            // PATCH /v1/keys/{id}: name, scopes, expiry; the key keeps working with its new scopes.
            let patched = try await app.request(
                .patch, "/v1/keys/\(child)", json: #"{"name":"crm-readonly","scopes":["users:read"]}"#, headers: adminKey)
            #expect(patched.status == .ok && patched.data["name"] as? String == "crm-readonly" && patched.data["key"] == nil, "\(patched.text)")
            let narrowed = try await app.request(.post, "/v1/users", json: #"{"email":"b@example.com"}"#, headers: childKey)
            #expect(narrowed.status == .forbidden && narrowed.errorCode == "PERMISSION_DENIED", "\(narrowed.text)")
            #expect(try await app.request(.get, "/v1/users", headers: childKey).status == .ok)
            let badPatch = try await app.request(.patch, "/v1/keys/\(child)", json: #"{"scopes":[]}"#, headers: adminKey)
            #expect(badPatch.status == .unprocessableContent && badPatch.errorFields == ["scopes"], "\(badPatch.text)")
            let pastPatch = try await app.request(.patch, "/v1/keys/\(child)", json: #"{"expires_at":"2020-01-01T00:00:00Z"}"#, headers: adminKey)
            #expect(pastPatch.status == .unprocessableContent && pastPatch.errorFields == ["expires_at"], "\(pastPatch.text)")
            let neverPatch = try await app.request(.patch, "/v1/keys/\(child)", json: #"{"expires_at":null}"#, headers: adminKey)
            #expect(neverPatch.status == .unprocessableContent && neverPatch.errorFields == ["expires_at"], "\(neverPatch.text)")
            // POST /v1/keys/{id}/rotate and DELETE /v1/keys/{id} with the key.
            let rotated = try await app.request(.post, "/v1/keys/\(child)/rotate", json: "{}", headers: adminKey)
            #expect(rotated.status == .created && rotated.data["key"] is String && rotated.data["id"] as? String != child, "\(rotated.text)")
            let successor = try #require(rotated.data["id"] as? String)
            #expect(try await app.request(.get, "/v1/users", headers: childKey).status == .unauthorized)
            #expect(try await app.request(.delete, "/v1/keys/\(successor)", headers: adminKey).status == .noContent)
            let revoked = try await app.request(.get, "/v1/users", headers: TestApp.key(try #require(rotated.data["key"] as? String)))
            #expect(revoked.status == .unauthorized && revoked.errorCode == "AUTHENTICATION_FAILED", "\(revoked.text)")
            // A key without admin may not manage keys, whatever else it holds.
            let writer = TestApp.key(try await app.b2bKey(
                #"{"name":"w","environment":"live","scopes":["users:read","users:write","users:delete"]}"#, token: token).key)
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/v1/keys", nil), (.post, "/v1/keys", #"{"name":"x","environment":"live","scopes":["users:read"]}"#),
                (.get, "/v1/keys/\(admin.id)", nil), (.delete, "/v1/keys/\(admin.id)", nil),
            ] as [(HTTPRequest.Method, String, String?)] {
                let refused = try await app.request(method, path, json: body, headers: writer)
                #expect(refused.status == .forbidden && refused.errorCode == "PERMISSION_DENIED", "\(method) \(path): \(refused.text)")
            }
            // The auth trail records each change with the calling key as its actor.
            let ids = try #require(try AppCatalog.app(named: "b2b").auth).ids
            let adminUUID = try #require(ids.uuid(admin.id, .apiKey)).uuidString.lowercased()
            let trail = try await app.request(.get, "/v1/audit?source=auth&actor=\(adminUUID)", headers: adminKey)
            #expect(trail.status == .ok, "\(trail.text)")
            #expect(
                trail.dataItems.compactMap { $0["action"] as? String } == ["api_key_revoked", "api_key_rotated", "api_key_updated", "api_key_created"],
                "\(trail.text)")
        }
    }

    @Test("a leaked admin key stays within its owner: no other owner's keys, no scope beyond its own or its owner's role")
    func leakedAdminKeyStaysWithinItsOwner() async throws {
        try await TestApp.b2b { app in
            let token = try await app.b2bOperator()
            let admin = try await app.b2bKey(#"{"name":"admin","environment":"live","scopes":["admin"]}"#, token: token)
            let adminKey = TestApp.key(admin.key)
            // Another operator's key: invisible to this owner's admin key (404, as if it did not exist).
            let otherToken = try await app.b2bOperator(email: "other@example.com")
            let other = try await app.b2bKey(#"{"name":"theirs","environment":"live","scopes":["admin"]}"#, token: otherToken)
            #expect(try await app.request(.get, "/v1/keys", headers: adminKey).dataItems.map { $0["id"] as? String } == [admin.id])
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/v1/keys/\(other.id)", nil), (.patch, "/v1/keys/\(other.id)", #"{"name":"mine"}"#),
                (.post, "/v1/keys/\(other.id)/rotate", "{}"), (.delete, "/v1/keys/\(other.id)", nil),
            ] as [(HTTPRequest.Method, String, String?)] {
                let refused = try await app.request(method, path, json: body, headers: adminKey)
                #expect(refused.status == .notFound && refused.errorCode == "RESOURCE_NOT_FOUND", "\(method) \(path): \(refused.text)")
            }
            #expect(try await app.request(.get, "/v1/users", headers: TestApp.key(other.key)).status == .ok)
            // An IP-restricted admin key cannot mint a key usable from elsewhere: its keys stay within its ranges.
            let office = TestApp.key(try await app.b2bKey(
                #"{"name":"office","environment":"live","scopes":["admin"],"allowed_cidrs":["127.0.0.0/8"]}"#, token: token).key)
            let inherited = try await app.request(
                .post, "/v1/keys", json: #"{"name":"i","environment":"live","scopes":["users:read"]}"#, headers: office)
            #expect(inherited.status == .created && inherited.data["allowed_cidrs"] as? [String] == ["127.0.0.0/8"], "\(inherited.text)")
            let anywhere = try await app.request(
                .post, "/v1/keys", json: #"{"name":"a","environment":"live","scopes":["users:read"],"allowed_cidrs":["0.0.0.0/0"]}"#,
                headers: office)
            #expect(anywhere.status == .unprocessableContent && anywhere.errorFields == ["allowed_cidrs[0]"], "\(anywhere.text)")
            let narrower = try await app.request(
                .post, "/v1/keys", json: #"{"name":"n","environment":"live","scopes":["users:read"],"allowed_cidrs":["127.0.0.1"]}"#,
                headers: office)
            #expect(narrower.status == .created && narrower.data["allowed_cidrs"] as? [String] == ["127.0.0.1/32"], "\(narrower.text)")
            let inheritedID = try #require(inherited.data["id"] as? String)
            let widened = try await app.request(.patch, "/v1/keys/\(inheritedID)", json: #"{"allowed_cidrs":[]}"#, headers: office)
            #expect(widened.status == .ok && widened.data["allowed_cidrs"] as? [String] == ["127.0.0.0/8"], "\(widened.text)")
            // A key made by a key is its owner's too: when the owner is demoted to member, the admin key and
            // the key it made lose admin at once (checked on every use), so neither manages keys any more.
            let child = try await app.b2bKey(#"{"name":"child","environment":"live","scopes":["admin"]}"#, headers: adminKey)
            #expect(try await app.request(.get, "/v1/keys", headers: TestApp.key(child.key)).status == .ok)
            let database = try #require(app.database)
            let settings = try #require(try AppCatalog.app(named: "b2b").auth)
            _ = try await AuthService.assignRole(email: "ops@example.com", role: "member", settings: settings, database: database, app: "b2b")
            for key in [admin.key, child.key] {
                let demoted = try await app.request(.get, "/v1/keys", headers: TestApp.key(key))
                #expect(demoted.status == .forbidden && demoted.errorCode == "PERMISSION_DENIED", "\(demoted.text)")
                let minted = try await app.request(
                    .post, "/v1/keys", json: #"{"name":"escape","environment":"live","scopes":["users:read"]}"#, headers: TestApp.key(key))
                #expect(minted.status == .forbidden && minted.errorCode == "PERMISSION_DENIED", "\(minted.text)")
                #expect(try await app.request(.post, "/v1/organizations", json: #"{"name":"X"}"#, headers: TestApp.key(key)).status == .forbidden)
            }
            // A member's key can never hold admin, so a member's key never manages keys.
            let signup = try await app.request(
                .post, "/v1/auth/signup", json: #"{"email":"member@example.com","password":"correct horse battery","name":"M"}"#)
            let member = try #require(signup.object["access_token"] as? String, "\(signup.text)")
            let escalation = try await app.request(
                .post, "/v1/keys", json: #"{"name":"x","environment":"live","scopes":["admin"]}"#, headers: [.authorization: "Bearer \(member)"])
            #expect(escalation.status == .forbidden && escalation.errorCode == "PERMISSION_DENIED", "\(escalation.text)")
        }
    }

    @Test("Revocable at any time: revoking a key does not revoke the keys it made; they stay the owner's, listed for the owner to revoke")
    func revokingAMakerKeepsItsKeys() async throws {
        try await TestApp.b2b { app in
            let token = try await app.b2bOperator()
            let maker = try await app.b2bKey(#"{"name":"maker","environment":"live","scopes":["admin"]}"#, token: token)
            let made = try await app.b2bKey(#"{"name":"made","environment":"live","scopes":["users:read"]}"#, headers: TestApp.key(maker.key))
            let grandchild = try await app.b2bKey(#"{"name":"made-too","environment":"test","scopes":["admin"]}"#, headers: TestApp.key(maker.key))
            #expect(try await app.request(.delete, "/v1/keys/\(maker.id)", headers: TestApp.key(grandchild.key)).status == .noContent)
            let revoked = try await app.request(.get, "/v1/users", headers: TestApp.key(maker.key))
            #expect(revoked.status == .unauthorized && revoked.errorCode == "AUTHENTICATION_FAILED", "\(revoked.text)")
            // The keys it made keep working, within their own scopes.
            #expect(try await app.request(.get, "/v1/users", headers: TestApp.key(made.key)).status == .ok)
            #expect(try await app.request(.get, "/v1/keys", headers: TestApp.key(grandchild.key)).status == .ok)
            // The owner sees them (and no longer the revoked one), and finds who made them in the trail.
            let listed = try await app.request(.get, "/v1/keys", headers: [.authorization: "Bearer \(token)"])
            #expect(Set(listed.dataItems.compactMap { $0["id"] as? String }) == [made.id, grandchild.id], "\(listed.text)")
            let ids = try #require(try AppCatalog.app(named: "b2b").auth).ids
            let makerUUID = try #require(ids.uuid(maker.id, .apiKey)).uuidString.lowercased()
            let trail = try await app.request(
                .get, "/v1/audit?source=auth&actor=\(makerUUID)&action=api_key_created", headers: [.authorization: "Bearer \(token)"])
            #expect(trail.dataItems.count == 2, "\(trail.text)")
            // Revoking them is the owner's explicit act.
            #expect(try await app.request(.delete, "/v1/keys/\(made.id)", headers: [.authorization: "Bearer \(token)"]).status == .noContent)
            #expect(try await app.request(.get, "/v1/users", headers: TestApp.key(made.key)).status == .unauthorized)
        }
    }
}
