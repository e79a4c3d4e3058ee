import Auth
import Foundation
import HTTPTypes
import Testing

@testable import Server

/// The `layout` test app (`Schemas/layout/`), which uses every fidelity declaration, served on
/// the test database (SQLite, or PostgreSQL under `.ci/with-postgres`). Every answer is also
/// checked against the app's OpenAPI document by `TestApp`.
@Suite("Fidelity: the layout app serves its declared paths, names, envelopes, errors and headers")
struct LayoutAppTests {
    /// `X-Correlation-Id`, the app's request id header (`headers.requestId`).
    static let correlation = HTTPField.Name("X-Correlation-Id")!

    @Test("a wrapped or bare create answers {data: {...}} in camelCase with a prefixed key and a Location at the table's path")
    func createWrappedAndBare() async throws {
        try await TestApp.run("layout") { app in
            let wrapped = try await app.request(
                .post, "/api/shop/customers", json: #"{"fields": {"fullName": "Ada", "emailAddress": "ada@example.com"}}"#)
            #expect(wrapped.status == .created, "\(wrapped.text)")
            let record = try #require(wrapped.object["data"] as? [String: any Sendable], "\(wrapped.text)")
            let key = try #require(record["customerId"] as? String)
            #expect(key.hasPrefix("cus_") && key.count == 4 + 22, "\(key)")
            #expect(record["fullName"] as? String == "Ada")
            #expect(record["emailAddress"] as? String == "ada@example.com")
            #expect(record["loyaltyPoints"] as? Int == 0)
            #expect(record["createdAt"] is String && record["full_name"] == nil)
            #expect(wrapped.headers[.location] == "/api/shop/customers/\(key)")
            let bare = try await app.request(.post, "/api/shop/customers", json: #"{"fullName": "Bo", "emailAddress": "bo@example.com"}"#)
            #expect(bare.status == .created, "\(bare.text)")
        }
    }

    @Test("the item is served at its path and at its legacy alias; the default paths are not served")
    func aliasesAndMovedPaths() async throws {
        try await TestApp.run("layout") { app in
            let created = try await app.create("/api/shop/customers", #"{"fullName": "Ada", "emailAddress": "ada@example.com"}"#)
            let key = try #require((created["data"] as? [String: any Sendable])?["customerId"] as? String)
            for path in ["/api/shop/customers/\(key)", "/api/legacy/customers/\(key)"] {
                let reply = try await app.request(.get, path)
                #expect(reply.status == .ok, "\(path): \(reply.text)")
                #expect((reply.object["data"] as? [String: any Sendable])?["customerId"] as? String == key)
            }
            #expect(try await app.request(.get, "/api/customers").status == .notFound)
            // `batch: false`: no POST route at .../batch, only the item path's methods there.
            #expect(try await app.request(.post, "/api/shop/customers/batch", json: "[]").status == .methodNotAllowed)
        }
    }

    @Test("lists: records under data, paging nested in pagination, the declared list parameter filters")
    func listEnvelopeAndParameter() async throws {
        try await TestApp.run("layout") { app in
            for name in ["Ada", "Bo", "Cy"] {
                try await app.create("/api/shop/customers", #"{"fullName": "\#(name)", "emailAddress": "\#(name.lowercased())@example.com"}"#)
            }
            let page = try await app.request(.get, "/api/shop/customers?limit=2&offset=2")
            #expect(page.status == .ok, "\(page.text)")
            #expect((page.object["data"] as? [Any])?.count == 1)
            let pagination = try #require(page.object["pagination"] as? [String: any Sendable], "\(page.text)")
            #expect(pagination["total"] as? Int == 3)
            #expect(pagination["page"] as? Int == 2)
            #expect(pagination["totalPages"] as? Int == 2)
            #expect(pagination["hasNextPage"] as? Bool == false)
            #expect(pagination["hasPreviousPage"] as? Bool == true)
            #expect(pagination["limit"] as? Int == 2 && pagination["offset"] as? Int == 2)
            #expect(page.object["items"] == nil && page.object["total"] == nil)
            let future = try await app.request(.get, "/api/shop/customers?since=2999-01-01T00:00:00Z")
            #expect((future.object["data"] as? [Any])?.count == 0, "\(future.text)")
            let past = try await app.request(.get, "/api/shop/customers?since=2000-01-01T00:00:00Z")
            #expect((past.object["data"] as? [Any])?.count == 3, "\(past.text)")
            let bad = try await app.request(.get, "/api/shop/customers?since=yesterday")
            #expect(bad.status == .badRequest, "\(bad.text)")
        }
    }

    @Test("errors: the app's codes and statuses in its own body, fields named as sent")
    func errorVocabulary() async throws {
        try await TestApp.run("layout") { app in
            let invalid = try await app.request(.post, "/api/shop/customers", json: #"{"fields": {"fullName": "Ada"}}"#)
            #expect(invalid.status == .badRequest, "\(invalid.text)")
            let error = try #require(invalid.object["error"] as? [String: any Sendable], "\(invalid.text)")
            #expect(error["code"] as? String == "INVALID_INPUT")
            let details = try #require(error["details"] as? [[String: any Sendable]])
            #expect(details.compactMap { $0["field"] as? String } == ["fields.emailAddress"])
            #expect(invalid.object["status"] as? Int == 400)
            #expect(invalid.object["requestId"] as? String == invalid.headers[Self.correlation])
            let missing = try await app.request(.get, "/api/shop/customers/cus_0000000000000000000000")
            #expect(missing.status == .notFound)
            #expect((missing.object["error"] as? [String: any Sendable])?["code"] as? String == "RESOURCE_NOT_FOUND")
            let anonymous = try await app.as(.anonymous).request(.get, "/api/shop/customers")
            #expect(anonymous.status == .unauthorized)
            #expect((anonymous.object["error"] as? [String: any Sendable])?["code"] as? String == "AUTHENTICATION_FAILED")
        }
    }

    @Test("a table that hides what exists answers a refusal as 404 in the app's vocabulary")
    func forbiddenAsNotFound() async throws {
        try await TestApp.run("layout") { app in
            let note = try await app.create("/api/notes", #"{"noteText": "private"}"#)
            let key = try #require(note["noteId"] as? Int)
            let reader = app.as(.unbound(scopes: ["customers:read"]))
            let hidden = try await reader.request(.get, "/api/notes/\(key)")
            #expect(hidden.status == .notFound, "\(hidden.text)")
            #expect((hidden.object["error"] as? [String: any Sendable])?["code"] as? String == "RESOURCE_NOT_FOUND")
            let refused = try await reader.request(.post, "/api/shop/customers", json: #"{"fullName": "X", "emailAddress": "x@example.com"}"#)
            #expect(refused.status == .forbidden)
            #expect((refused.object["error"] as? [String: any Sendable])?["code"] as? String == "PERMISSION_DENIED")
        }
    }

    @Test("a table's own envelopes: fields nested, lists under records with flat paging, bare bodies only")
    func tableEnvelopes() async throws {
        try await TestApp.run("layout") { app in
            let note = try await app.create("/api/notes", #"{"noteText": "hello"}"#)
            #expect(note["noteId"] is Int && note["createdAt"] is String)
            #expect((note["fields"] as? [String: any Sendable])?["noteText"] as? String == "hello", "\(note)")
            #expect(note["noteText"] == nil && note["data"] == nil)
            let list = try await app.request(.get, "/api/notes")
            #expect((list.object["records"] as? [Any])?.count == 1, "\(list.text)")
            #expect(list.object["total"] as? Int == 1 && list.object["pagination"] == nil)
            let wrapped = try await app.request(.post, "/api/notes", json: #"{"fields": {"noteText": "hello"}}"#)
            #expect(wrapped.status == .badRequest, "\(wrapped.text)")
        }
    }

    @Test("the request id travels in X-Correlation-Id; health is served at its moved path")
    func headersAndSystemRoutes() async throws {
        try await TestApp.run("layout") { app in
            let reply = try await app.request(.get, "/api/status", headers: [Self.correlation: "trace-42"])
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(reply.headers[Self.correlation] == "trace-42")
            #expect(reply.headers[HTTPField.Name("X-Request-Id")!] == nil)
            #expect(try await app.request(.get, "/health").status == .notFound)
        }
    }

    @Test("auth at its declared paths: a renamed sign-up member (answered 202), a login alias, camelCase token answers with the declared members, keys in X-Api-Token")
    func authLayout() async throws {
        try await TestApp.run("layout") { app in
            let signup = try await app.request(
                .post, "/api/accounts/register",
                json: #"{"loginEmail": "ada@example.com", "password": "correct horse battery", "name": "Ada"}"#)
            #expect(signup.status == .accepted, "\(signup.text)")
            let plain = try await app.request(
                .post, "/api/accounts/register", json: #"{"email": "bo@example.com", "password": "correct horse battery", "name": "Bo"}"#)
            #expect(plain.status == .badRequest, "\(plain.text)")
            var tokens: [String] = []
            for path in ["/api/accounts/sign-in", "/api/v0/login"] {
                let login = try await app.request(.post, path, json: #"{"email": "ada@example.com", "password": "correct horse battery"}"#)
                #expect(login.status == .ok, "\(path): \(login.text)")
                #expect(login.object["accessToken"] is String && login.object["refreshToken"] is String)
                #expect(login.object["expiresIn"] is Int && login.object["user"] is [String: any Sendable])
                #expect(login.object["tokenType"] == nil && login.object["sessionId"] == nil && login.object["access_token"] == nil)
                tokens += [login.object["accessToken"] as? String].compactMap { $0 }
            }
            #expect(try await app.request(.post, "/api/accounts/login", json: "{}").status == .notFound)
            let token = try #require(tokens.first)
            let created = try await app.request(
                .post, "/api/accounts/api-keys", json: #"{"name": "reporting", "environment": "live", "scopes": ["customers:read"]}"#,
                headers: [.authorization: "Bearer \(token)"])
            #expect(created.status == .created, "\(created.text)")
            let key = try #require(created.object["key"] as? String)
            // The key update's clear list is spelled as the app spells its members.
            let keyPath = "/api/accounts/api-keys/\(try #require(created.object["id"] as? String))"
            let cleared = try await app.request(
                .patch, keyPath, json: #"{"clear": ["allowedCidrs", "expiresAt"], "name": "reports"}"#, headers: [.authorization: "Bearer \(token)"])
            #expect(cleared.status == .ok && cleared.object["expiresAt"] is NSNull && cleared.object["name"] as? String == "reports", "\(cleared.text)")
            let snake = try await app.request(.patch, keyPath, json: #"{"clear": ["expires_at"]}"#, headers: [.authorization: "Bearer \(token)"])
            #expect((400..<500).contains(snake.status.code) && snake.text.contains("clear[0]"), "Loom's spelling is not the app's: \(snake.text)")
            let anonymous = app.as(.anonymous)
            let withKey = try await anonymous.request(.get, "/api/shop/customers", headers: [HTTPField.Name("X-Api-Token")!: key])
            #expect(withKey.status == .ok, "the key is read from the app's header: \(withKey.text)")
            let elsewhere = try await anonymous.request(.get, "/api/shop/customers", headers: [HTTPField.Name("X-API-Key")!: key])
            #expect(elsewhere.status == .unauthorized, "X-API-Key is not the app's key header")
            #expect(try await app.request(.post, "/api/accounts/password/forgot", json: "{}").status == .notFound)
        }
    }

    @Test("sign-up reveals no account: 202 with no body either way; a new address gets a verification token, a taken one a notice")
    func signupRevealsNoAccount() async throws {
        let outbox = MailOutbox()
        try await TestApp.run("layout", authOptions: AuthOptions(passwordHashCost: 4, mailSender: outbox)) { app in
            let first = try await app.request(
                .post, "/api/accounts/register", json: #"{"loginEmail": "ada@example.com", "password": "correct horse battery", "name": "Ada"}"#)
            let token = try #require(await outbox.lastToken())
            let again = try await app.request(
                .post, "/api/accounts/register", json: #"{"loginEmail": "Ada@Example.com", "password": "another password 1", "name": "Eve"}"#)
            #expect(first.status == .accepted && again.status == .accepted)
            #expect(first.bytes.isEmpty && again.bytes.isEmpty, "the two answers are the same")
            for _ in 0..<100 where await outbox.messages.count < 2 { try await Task.sleep(for: .milliseconds(50)) }
            let messages = await outbox.messages
            #expect(messages.map(\.to) == ["ada@example.com", "ada@example.com"])
            #expect(messages.last?.subject == "Someone tried to sign up with your address")
            #expect(messages.last?.body.contains("\"token\"") == false, "the notice carries no token")
            // The second sign-up changed nothing: the first password still logs in, the second does not.
            let signIn = "/api/accounts/sign-in"
            #expect(try await app.request(.post, signIn, json: #"{"email": "ada@example.com", "password": "another password 1"}"#).status == .unauthorized)
            let login = try await app.request(.post, signIn, json: #"{"email": "ada@example.com", "password": "correct horse battery"}"#)
            #expect(login.status == .ok)
            let user = try #require(login.object["user"] as? [String: any Sendable])
            #expect(user["emailVerified"] as? Bool == false)
            let verified = try await app.request(.post, "/api/accounts/email/verify", json: #"{"token": "\#(token)"}"#)
            #expect(verified.status == .noContent, "\(verified.text)")
            let after = try await app.request(.post, signIn, json: #"{"email": "ada@example.com", "password": "correct horse battery"}"#)
            #expect((after.object["user"] as? [String: any Sendable])?["emailVerified"] as? Bool == true)
        }
    }

    @Test("platform routes at their declared paths: a moved login with a renamed member, camelCase answers, one operation off")
    func platformLayout() async throws {
        try await TestApp.run("layout", caller: .anonymous) { app in
            let layout = try AppCatalog.app(named: "layout")
            _ = try await CreateAdmin.create(
                email: "root@operators.example", password: "platform secret 1", name: "Root", settings: try #require(layout.auth),
                app: layout, database: try #require(app.database), passwordHashCost: 4)
            let login = try await app.request(
                .post, "/api/operators/sign-in", json: #"{"operatorEmail": "root@operators.example", "password": "platform secret 1"}"#)
            #expect(login.status == .ok, "\(login.text)")
            let token = try #require(login.object["accessToken"] as? String, "\(login.text)")
            #expect(login.object["admin"] is [String: any Sendable] && login.object["access_token"] == nil)
            let me = try await app.request(.get, "/api/operators/admin/me", headers: [.authorization: "Bearer \(token)"])
            #expect(me.status == .ok, "\(me.text)")
            #expect(me.object["email"] as? String == "root@operators.example")
            #expect(try await app.request(.post, "/api/operators/auth/login", json: "{}").status == .notFound)
            let organizations = try await app.request(.get, "/api/operators/admin/organizations", headers: [.authorization: "Bearer \(token)"])
            #expect(organizations.status == .ok, "\(organizations.text)")
        }
    }

    @Test("field errors a handler raises name the member as the app spells it (camelCase, renamed), like the validator's")
    func handlerFieldErrorsSpelled() async throws {
        try await TestApp.run("layout") { app in
            let register = #"{"loginEmail": "ada@example.com", "password": "correct horse battery", "name": "Ada"}"#
            #expect(try await app.request(.post, "/api/accounts/register", json: register).status == .accepted)
            let project = PrefixedAuthIDTests.ids.text(UUID(), .project)
            let login = try await app.request(
                .post, "/api/accounts/sign-in",
                json: #"{"email": "ada@example.com", "password": "correct horse battery", "projectId": "\#(project)"}"#)
            #expect(login.status == .badRequest)
            #expect(login.text.contains(#""field":"organizationId""#) && !login.text.contains(#""field":"organization_id""#), "\(login.text)")
            let token = try #require(try await app.request(
                .post, "/api/accounts/sign-in", json: #"{"email": "ada@example.com", "password": "correct horse battery"}"#).object["accessToken"] as? String)
            let key = try await app.request(
                .post, "/api/accounts/api-keys", json: #"{"name": "ci", "environment": "live", "scopes": ["customers:read"], "allowedCidrs": ["not-an-address"]}"#,
                headers: [.authorization: "Bearer \(token)"])
            #expect(key.text.contains(#""field":"allowedCidrs[0]""#), "\(key.text)")
            // The message lists the fields as the app spells them too (stationthis has no list).
            #expect(key.text.contains("1 invalid field: allowedCidrs[0].") && !key.text.contains("allowed_cidrs"), "\(key.text)")
            let many = try await app.request(
                .post, "/api/accounts/api-keys",
                json: #"{"name": "ci", "environment": "live", "scopes": ["customers:read"], "allowedCidrs": ["0", "1", "2", "3", "4", "5", "6"]}"#,
                headers: [.authorization: "Bearer \(token)"])
            #expect(many.text.contains("7 invalid fields: allowedCidrs[0], allowedCidrs[1], allowedCidrs[2], allowedCidrs[3], allowedCidrs[4], ...."), "\(many.text)")
        }
    }
}
