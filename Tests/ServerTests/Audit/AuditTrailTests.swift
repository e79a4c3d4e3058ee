import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// The audit trail (`app.json` `audit`, issue 14): every table write is recorded in its own
/// transaction and read back at `GET /v1/audit`, confined to the caller's organization, with
/// filters and pages; events past the retention are purged. Runs on the suite's engine
/// (SQLite, or PostgreSQL under `.ci/with-postgres`).
@Suite("Audit trail")
struct AuditTrailTests {
    static let project = #"{"name": "Audited", "owner_email": "ann@example.com", "webhook_secret": "very-secret-value-123"}"#
    static let reader = TestCaller.unbound(scopes: ["audit:read"], user: "auditor")

    /// The events `caller` sees for `query`, failing the test unless the answer is 200.
    static func events(_ app: TestApp, _ query: String = "", as caller: TestCaller = reader) async throws -> [[String: any Sendable]] {
        let reply = try await app.as(caller).request(.get, "/v1/audit" + query)
        #expect(reply.status == .ok, "\(reply.text)")
        return reply.object["items"] as? [[String: any Sendable]] ?? []
    }

    @Test("creates, updates and deletes are recorded with who, what, where and the changed field names only")
    func writesRecorded() async throws {
        try await TestApp.run("tracker", setup: .live) { app in
            let created = try await app.request(.post, "/v1/projects", json: Self.project)
            #expect(created.status == .created)
            let id = try #require(created.object["id"] as? String)
            let updated = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"status": "paused"}"#)
            #expect(updated.status == .ok)
            #expect(try await app.request(.delete, "/v1/projects/\(id)").status == .noContent)
            let reply = try await app.as(Self.reader).request(.get, "/v1/audit")
            #expect(!reply.text.contains("very-secret-value-123"))
            let events = try await Self.events(app)
            #expect(events.map { $0["action"] as? String } == ["deleted", "updated", "created"])
            for event in events {
                #expect(event["resource"] as? String == "projects")
                #expect(event["resource_id"] as? String == id)
                #expect(event["actor"] as? String == "user-1")
                #expect(event["credential"] as? String == "user:user-1")
                #expect(event["organization_id"] as? String == "org-a")
                #expect(event["client_ip"] as? String == "127.0.0.1")
            }
            #expect(events[1]["request_id"] as? String == updated.headers[HTTPField.Name("X-Request-Id")!])
            let changed = events[1]["changed_fields"] as? [String] ?? []
            #expect(changed.contains("status") && !changed.contains("name"), "\(changed)")
            let set = events[2]["changed_fields"] as? [String] ?? []
            #expect(set.contains("name") && set.contains("webhook_secret") && !set.contains("summary"), "\(set)")
            #expect(events[0]["changed_fields"] as? [String] == [])
        }
    }

    @Test("a rolled-back write leaves no audit event")
    func rolledBackLeavesNothing() async throws {
        try await TestApp.run("tracker", hooks: [LogHook()]) { app in
            let database = try #require(app.database)
            try await LogHook.createTable(database)
            // The first item is written (with its audit row) before the second is refused: all rolls back.
            let batch = try await app.request(.post, "/v1/projects/batch", json: #"{"operations": [{"action": "create", "data": {"name": "Kept?", "owner_email": "a@example.com"}}, {"action": "create", "data": {"name": "refuse-me", "owner_email": "b@example.com"}}]}"#)
            #expect(batch.status == .unprocessableContent, "\(batch.text)")
            let rows = try await database.fetch(SQLStatement("SELECT COUNT(*) FROM audit_events"))
            var reader = RowReader(try #require(rows.first))
            #expect(try reader.integer() == 0)
            #expect(try await Self.events(app).isEmpty)
            try await app.create("/v1/projects", #"{"name": "Committed", "owner_email": "a@example.com"}"#)
            #expect(try await Self.events(app).count == 1)
        }
    }

    @Test("an organization's admin sees only that organization's events; the scope is required")
    func tenantScoped() async throws {
        try await TestApp.run("tracker") { app in
            let orgB = TestCaller.organization("org-b", scopes: ["*"], user: "user-b")
            try await app.create("/v1/projects", #"{"name": "A", "owner_email": "a@example.com"}"#)
            try await app.as(orgB).create("/v1/projects", #"{"name": "B", "owner_email": "b@example.com"}"#)
            let adminA = TestCaller.organization("org-a", scopes: ["audit:read"], user: "admin-a")
            let seenByA = try await Self.events(app, as: adminA)
            #expect(seenByA.count == 1)
            #expect(seenByA.allSatisfy { $0["organization_id"] as? String == "org-a" })
            let seenByB = try await Self.events(app, as: TestCaller.organization("org-b", scopes: ["audit:*"], user: "admin-b"))
            #expect(seenByB.map { $0["actor"] as? String } == ["user-b"])
            // Asking for the other organization's actor finds nothing rather than leaking.
            #expect(try await Self.events(app, "?actor=user-b", as: adminA).isEmpty)
            #expect(try await Self.events(app).count == 2)
            let member = TestCaller.organization("org-a", scopes: ["projects:read"])
            #expect(try await app.as(member).request(.get, "/v1/audit").status == .forbidden)
            #expect(try await app.as(.anonymous).request(.get, "/v1/audit").status == .unauthorized)
            // GET /v1/audit/{id} keeps the same bounds: an organization's own event, never the other's (404, as unknown).
            let eventA = try #require(seenByA.first?["id"] as? String)
            let eventB = try #require(seenByB.first?["id"] as? String)
            let own = try await app.as(adminA).request(.get, "/v1/audit/\(eventA)")
            #expect(own.status == .ok && own.object["id"] as? String == eventA, "\(own.text)")
            #expect(try await app.as(adminA).request(.get, "/v1/audit/\(eventB)").status == .notFound)
            #expect(try await app.as(Self.reader).request(.get, "/v1/audit/\(eventB)").status == .ok)
            #expect(try await app.as(member).request(.get, "/v1/audit/\(eventA)").status == .forbidden)
        }
    }

    @Test("filters by actor, action, resource, id and time, pages newest first, and refuses bad parameters naming them")
    func filtersAndPages() async throws {
        try await TestApp.run("tracker") { app in
            let before = TimestampFormat.makeTimestamp(Date().addingTimeInterval(-60))
            let project = try await app.create("/v1/projects", #"{"name": "F", "owner_email": "a@example.com"}"#)
            let id = try #require(project["id"] as? String)
            try await app.request(.patch, "/v1/projects/\(id)", json: #"{"status": "paused"}"#)
            try await app.request(.patch, "/v1/projects/\(id)", json: #"{"status": "active"}"#)
            try await app.create("/v1/tasks", #"{"project_id": "\#(id)", "title": "t", "code": "AU-1"}"#)
            #expect(try await Self.events(app, "?action=updated").count == 2)
            #expect(try await Self.events(app, "?resource=tasks").count == 1)
            #expect(try await Self.events(app, "?resource=projects&resource_id=\(id)").count == 3)
            #expect(try await Self.events(app, "?actor=user-1").count == 4)
            #expect(try await Self.events(app, "?actor=nobody").isEmpty)
            #expect(try await Self.events(app, "?since=\(before)").count == 4)
            #expect(try await Self.events(app, "?until=\(before)").isEmpty)
            let page = try await app.as(Self.reader).request(.get, "/v1/audit?limit=2&offset=1")
            #expect(page.object["total"] as? Int == 4)
            let items = page.object["items"] as? [[String: any Sendable]] ?? []
            #expect(items.map { $0["action"] as? String } == ["updated", "updated"])
            let bad = try await app.as(Self.reader).request(.get, "/v1/audit?since=yesterday&limit=0&colour=red&source=everything")
            #expect(bad.status == .badRequest)
            #expect(Set(bad.errorFields).isSuperset(of: ["limit", "colour", "source"]), "\(bad.text)")
            let badTime = try await app.as(Self.reader).request(.get, "/v1/audit?since=yesterday")
            #expect(badTime.status == .badRequest)
            #expect(badTime.errorFields == ["since"])
        }
    }

    @Test("source=auth reads the Auth module's security events (sign-up, login, failed login) for an unbound admin only")
    func authTrail() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let wrong = try await app.request(
                .post, TestApp.auth + "/login", json: #"{"email": "\#(account.email)", "password": "not the password"}"#)
            #expect(wrong.status == .unauthorized)
            _ = try await app.logIn(email: account.email, password: account.password)
            let events = try await Self.events(app, "?source=auth&actor=\(account.userID)")
            #expect(events.map { $0["action"] as? String } == ["login", "login_failed", "signup"], "\(events)")
            #expect(events.allSatisfy { $0["resource"] as? String == "auth" && $0["organization_id"] is NSNull })
            let failed = try await Self.events(app, "?source=auth&action=login_failed")
            #expect(failed.count == 1)
            #expect(failed.first?["changed_fields"] as? [String] == ["email"])
            #expect(!(try await app.as(Self.reader).request(.get, "/v1/audit?source=auth").text.contains(account.email)))
            #expect(try await Self.events(app, "?source=auth&resource=projects").isEmpty)
            let boundAdmin = TestCaller.organization("org-a", scopes: ["*"])
            #expect(try await app.as(boundAdmin).request(.get, "/v1/audit?source=auth").status == .forbidden)
            // One auth event by id: for an unbound reader only (a bound caller gets 404, as for an unknown id).
            let signup = try #require(events.last?["id"] as? String)
            let one = try await app.as(Self.reader).request(.get, "/v1/audit/\(signup)")
            #expect(one.status == .ok && one.object["action"] as? String == "signup", "\(one.text)")
            #expect(try await app.as(boundAdmin).request(.get, "/v1/audit/\(signup)").status == .notFound)
        }
    }

    @Test("the purge removes events older than the retention and keeps the rest")
    func retentionPurge() async throws {
        try await TestApp.run("tracker") { app in
            let database = try #require(app.database)
            try await app.create("/v1/projects", #"{"name": "Recent", "owner_email": "a@example.com"}"#)
            let settings = AuditSettings(retentionDays: 90, purgeIntervalSeconds: 3600)
            let old = Int64(Date().addingTimeInterval(-91 * 86_400).timeIntervalSince1970 * 1000)
            var placeholders = PlaceholderSequence(dialect: database.dialect)
            let values = (0..<8).map { _ in placeholders.next() }.joined(separator: ", ")
            _ = try await database.write([SQLStatement(
                "INSERT INTO audit_events (id, occurred_at, actor, action, resource, resource_id, organization_id, changed_fields) VALUES (\(values))",
                [.text(UUID().uuidString.lowercased()), .integer(old), .text("user-1"), .text("created"), .text("projects"), .text("x"),
                 .text("org-a"), .text("[]")])])
            var authPlaceholders = PlaceholderSequence(dialect: database.dialect)
            let authValues = (0..<4).map { _ in authPlaceholders.next() }.joined(separator: ", ")
            _ = try await database.write([SQLStatement(
                "INSERT INTO auth_audit_events (id, occurred_at, action, detail) VALUES (\(authValues))",
                [.uuid(UUID()), .timestamp(Date().addingTimeInterval(-91 * 86_400)), .text("login"), .text("{}")])])
            #expect(try await Self.events(app).count == 2)
            #expect(try await Self.events(app, "?source=auth").count == 1)
            #expect(try await AuditTrail(settings: settings, includesAuthTrail: true).purge(database: database) == 2)
            #expect(try await Self.events(app, "?source=auth").isEmpty)
            let left = try await Self.events(app)
            #expect(left.count == 1)
            #expect(left.first?["resource_id"] as? String != "x")
            #expect(try await AuditTrail(settings: settings, includesAuthTrail: true).purge(database: database) == 0)
        }
    }
}
