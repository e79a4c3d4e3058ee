import Foundation
import HTTPTypes
import Testing

@testable import Server

/// Sovrium's REST API stories (`reference/sovrium/rest-api/`, as developer then as API
/// consumer), point by point and in the documents' order, with the released wire format
/// (`reference/sovrium-released-api.md`, "Records" and "Errors") where the stories leave it open.
@Suite("Sovrium: REST API stories (US-API-REST-001..004, US-API-REST-CONSUMER-001..007)", .serialized)
struct SovriumRESTContractTests {
    static let projects = "/api/tables/projects/records"
    static let contacts = "/api/tables/contacts/records"

    @Test("US-API-REST-001/003: every table has list and item routes at /api/tables/{table}/records[/{id}], served and documented")
    func generatedEndpointsAndPatterns() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("dev@example.com")
            // AC-001 (a route per table) and AC-003 (the consistent pattern), for both tables.
            for table in ["projects", "contacts"] {
                let list = try await sovrium.app.request(.get, "/api/tables/\(table)/records", headers: SovriumHarness.bearer(token))
                #expect(list.status == .ok, "\(table): \(list.text)")
            }
            // US-API-REST-003 AC-003: the patterns are documented, the same for every table.
            let document = try await sovrium.app.request(.get, "/api/openapi.json")
            let paths = try #require(document.object["paths"] as? [String: any Sendable])
            for table in ["projects", "contacts"] {
                let collection = try #require(paths["/api/tables/\(table)/records"] as? [String: any Sendable], "\(table)")
                let item = try #require(paths["/api/tables/\(table)/records/{id}"] as? [String: any Sendable], "\(table)")
                #expect(Set(collection.keys).isSuperset(of: ["get", "post"]))
                #expect(Set(item.keys).isSuperset(of: ["get", "put", "patch", "delete"]))
            }
            #expect(paths.keys.filter { $0.hasPrefix("/api/tables/") && !$0.hasPrefix("/api/tables/projects/") && !$0.hasPrefix("/api/tables/contacts/") }.isEmpty)
        }
    }

    @Test("US-API-REST-002: GET reads, POST creates, PUT and PATCH update, DELETE removes")
    func crud() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("dev@example.com")
            let auth = SovriumHarness.bearer(token)
            let created = try await sovrium.create("projects", #"{"fields": {"name": "Alpha", "priority": 3}}"#, token: token)
            let id = try #require(created["id"] as? String)
            let read = try await sovrium.app.request(.get, "\(Self.projects)/\(id)", headers: auth)
            #expect(read.status == .ok && read.fields["name"] as? String == "Alpha", "\(read.text)")
            let put = try await sovrium.app.request(.put, "\(Self.projects)/\(id)", json: #"{"fields": {"name": "Alpha 2"}}"#, headers: auth)
            #expect(put.status == .ok && put.fields["name"] as? String == "Alpha 2", "\(put.text)")
            let patch = try await sovrium.app.request(.patch, "\(Self.projects)/\(id)", json: #"{"status": "archived"}"#, headers: auth)
            #expect(patch.status == .ok && patch.fields["status"] as? String == "archived", "\(patch.text)")
            let delete = try await sovrium.app.request(.delete, "\(Self.projects)/\(id)", headers: auth)
            #expect(delete.status == .noContent)
            #expect(try await sovrium.app.request(.get, "\(Self.projects)/\(id)", headers: auth).status == .notFound)
        }
    }

    @Test("US-API-REST-004: field types, required fields and unique constraints are enforced; 400 VALIDATION_ERROR with details")
    func fieldConfiguration() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("dev@example.com")
            let auth = SovriumHarness.bearer(token)
            // AC-001: types (an integer priority, an email address).
            let wrongType = try await sovrium.app.request(.post, Self.projects, json: #"{"fields": {"name": "A", "priority": "high"}}"#, headers: auth)
            #expect(wrongType.status == .badRequest, "\(wrongType.text)")
            #expect(wrongType.sovriumError.code == "VALIDATION_ERROR" && wrongType.sovriumError.success == false)
            #expect(wrongType.sovriumError.fields == ["fields.priority"], "\(wrongType.text)")
            let badEmail = try await sovrium.app.request(.post, Self.contacts, json: #"{"email": "not-an-email"}"#, headers: auth)
            #expect(badEmail.status == .badRequest && badEmail.sovriumError.fields == ["email"], "\(badEmail.text)")
            // AC-002: required (name).
            let missing = try await sovrium.app.request(.post, Self.projects, json: #"{"fields": {"priority": 2}}"#, headers: auth)
            #expect(missing.status == .badRequest && missing.sovriumError.fields == ["fields.name"], "\(missing.text)")
            // AC-003: unique (a contact's email).
            try await sovrium.create("contacts", #"{"fields": {"email": "ada@example.com"}}"#, token: token)
            let taken = try await sovrium.app.request(.post, Self.contacts, json: #"{"fields": {"email": "ada@example.com"}}"#, headers: auth)
            #expect(taken.status == .conflict && taken.sovriumError.code == "CONFLICT", "\(taken.text)")
            // AC-004: 400 with details: each problem names its field and says what is wrong.
            let details = try #require(wrongType.object["details"] as? [[String: any Sendable]])
            #expect((details.first?["message"] as? String)?.contains("integer") == true, "\(wrongType.text)")
            #expect(wrongType.sovriumError.message?.isEmpty == false)
        }
    }

    @Test("US-API-REST-CONSUMER-001: lists are paged by limit and offset (20 by default, at most 100) with the total")
    func pagination() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("consumer@example.com")
            let auth = SovriumHarness.bearer(token)
            for index in 1...25 { try await sovrium.create("projects", #"{"name": "P\#(index)", "priority": \#(index)}"#, token: token) }
            let first = try await sovrium.app.request(.get, Self.projects, headers: auth)
            #expect(first.records.count == 20, "\(first.text)")
            #expect(first.pagination["total"] as? Int == 25 && first.pagination["limit"] as? Int == 20 && first.pagination["offset"] as? Int == 0)
            #expect(first.pagination["hasNextPage"] as? Bool == true && first.pagination["totalPages"] as? Int == 2 && first.pagination["page"] as? Int == 1)
            let page = try await sovrium.app.request(.get, Self.projects + "?limit=10&offset=20", headers: auth)
            #expect(page.records.count == 5 && page.pagination["total"] as? Int == 25 && page.pagination["page"] as? Int == 3, "\(page.text)")
            #expect(page.pagination["hasNextPage"] as? Bool == false && page.pagination["hasPreviousPage"] as? Bool == true)
            let tooMany = try await sovrium.app.request(.get, Self.projects + "?limit=101", headers: auth)
            #expect(tooMany.status == .badRequest && tooMany.sovriumError.fields == ["limit"], "\(tooMany.text)")
        }
    }

    @Test("US-API-REST-CONSUMER-002: query parameters filter by field, several combine with AND, operators eq/gt/lt/..., and the released JSON filter")
    func filtering() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("consumer@example.com")
            let auth = SovriumHarness.bearer(token)
            for (name, status, priority) in [("Alpha", "active", 1), ("Beta", "active", 3), ("Gamma", "done", 3), ("Web_site", "active", 5)] {
                try await sovrium.create("projects", #"{"name": "\#(name)", "status": "\#(status)", "priority": \#(priority)}"#, token: token)
            }
            func names(_ query: String) async throws -> [String] {
                let reply = try await sovrium.app.request(.get, Self.projects + "?" + query + "&sort=name", headers: auth)
                #expect(reply.status == .ok, "\(query): \(reply.text)")
                return reply.records.compactMap { ($0["fields"] as? [String: any Sendable])?["name"] as? String }
            }
            // AC-001: a query parameter per field.
            #expect(try await names("status=done") == ["Gamma"])
            // AC-002: several are combined with AND.
            #expect(try await names("status=active&priority=3") == ["Beta"])
            // AC-003: operators.
            #expect(try await names("filter=" + Self.encoded("priority > 2")) == ["Beta", "Gamma", "Web_site"])
            #expect(try await names("filter=" + Self.encoded("priority <= 3 && status != 'done'")) == ["Alpha", "Beta"])
            #expect(try await names("filter=" + Self.encoded("name ~ 'ph' || priority = 5")) == ["Alpha", "Web_site"])
            // The released Sovrium's JSON filter (`{"and"|"or": [{field, operator, value}]}`).
            let json = #"{"and": [{"field": "status", "operator": "equals", "value": "active"}, {"field": "priority", "operator": "greaterThanOrEqual", "value": 3}]}"#
            #expect(try await names("filter=" + Self.encoded(json)) == ["Beta", "Web_site"])
            let nested = #"{"or": [{"field": "name", "operator": "startsWith", "value": "Web_"}, {"and": [{"field": "priority", "operator": "lessThan", "value": 2}, {"field": "status", "operator": "in", "value": ["active", "paused"]}]}]}"#
            #expect(try await names("filter=" + Self.encoded(nested)) == ["Alpha", "Web_site"])
            #expect(try await names("filter=" + Self.encoded(#"{"and": [{"field": "name", "operator": "endsWith", "value": "a"}]}"#)) == ["Alpha", "Beta", "Gamma"])
            #expect(try await names("filter=" + Self.encoded(#"{"and": [{"field": "status", "operator": "isNotNull"}]}"#)).count == 4)
            // The released shorthand `field:value`.
            #expect(try await names("filter=status:done") == ["Gamma"])
            #expect(try await names("filter=priority:3") == ["Beta", "Gamma"])
            #expect(try await names("filter=name:Beta") == ["Beta"])   // converted by the field's type: text stays text
            let notInteger = try await sovrium.app.request(.get, Self.projects + "?filter=priority:high", headers: auth)
            #expect(notInteger.status == .badRequest && notInteger.sovriumError.fields == ["filter"], "\(notInteger.text)")
            // null and the empty text mean what they mean in the language, on any field.
            #expect(try await names("filter=" + Self.encoded(#"{"and": [{"field": "name", "operator": "isEmpty"}]}"#)).isEmpty)
            #expect(try await names("filter=" + Self.encoded(#"{"and": [{"field": "priority", "operator": "isEmpty"}]}"#)).isEmpty)
            #expect(try await names("filter=" + Self.encoded(#"{"and": [{"field": "status", "operator": "notEquals", "value": null}]}"#)).count == 4)
            let unknown = try await sovrium.app.request(
                .get, Self.projects + "?filter=" + Self.encoded(#"{"and": [{"field": "status", "operator": "like", "value": "a"}]}"#), headers: auth)
            #expect(unknown.status == .badRequest && unknown.sovriumError.code == "VALIDATION_ERROR" && unknown.sovriumError.fields == ["filter"], "\(unknown.text)")
            let field = try await sovrium.app.request(.get, Self.projects + "?owner=ada", headers: auth)
            #expect(field.status == .badRequest && field.sovriumError.fields == ["owner"], "\(field.text)")
        }
    }

    @Test("US-API-REST-CONSUMER-003: sort by any field, ascending or descending (field:asc|desc or -field), several fields")
    func sorting() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("consumer@example.com")
            let auth = SovriumHarness.bearer(token)
            for (name, priority) in [("B", 2), ("A", 2), ("C", 1)] {
                try await sovrium.create("projects", #"{"name": "\#(name)", "priority": \#(priority)}"#, token: token)
            }
            func names(_ sort: String) async throws -> [String] {
                let reply = try await sovrium.app.request(.get, Self.projects + "?sort=" + sort, headers: auth)
                #expect(reply.status == .ok, "\(sort): \(reply.text)")
                return reply.records.compactMap { ($0["fields"] as? [String: any Sendable])?["name"] as? String }
            }
            #expect(try await names("name") == ["A", "B", "C"])
            #expect(try await names("name:desc") == ["C", "B", "A"])
            #expect(try await names("-name") == ["C", "B", "A"])
            #expect(try await names("priority:desc,name:asc") == ["A", "B", "C"])
            #expect(try await names("priority,name:desc") == ["C", "B", "A"])
            let bad = try await sovrium.app.request(.get, Self.projects + "?sort=name:sideways", headers: auth)
            #expect(bad.status == .badRequest && bad.sovriumError.fields == ["sort"], "\(bad.text)")
        }
    }

    @Test("US-API-REST-CONSUMER-004/005: POST answers 201 with the record and its id; GET /:id has every field; unknown ids are 404")
    func createAndGet() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("consumer@example.com")
            let auth = SovriumHarness.bearer(token)
            // CONSUMER-005: 201, the record with its id; defaults filled in. The released record shape.
            let reply = try await sovrium.app.request(.post, Self.projects, json: #"{"fields": {"name": "Website relaunch"}}"#, headers: auth)
            #expect(reply.status == .created, "\(reply.text)")
            let id = try #require(reply.object["id"] as? String)
            #expect(UUID(uuidString: id) != nil)
            #expect(reply.fields["name"] as? String == "Website relaunch" && reply.fields["status"] as? String == "active" && reply.fields["priority"] as? Int == 1)
            #expect(reply.object["createdAt"] is String && reply.object["updatedAt"] is String)
            #expect(reply.headers[.location] == "\(Self.projects)/\(id)")
            // A flat body is accepted too (the release takes both).
            let flat = try await sovrium.app.request(.post, Self.contacts, json: #"{"email": "ada@example.com", "first_name": "Ada"}"#, headers: auth)
            #expect(flat.status == .created && flat.fields["first_name"] as? String == "Ada", "\(flat.text)")
            // CONSUMER-004: the record, all fields; 404 in the app's error body.
            let read = try await sovrium.app.request(.get, "\(Self.projects)/\(id)", headers: auth)
            #expect(read.status == .ok && Set(read.fields.keys) == ["name", "status", "priority"], "\(read.text)")
            let unknown = try await sovrium.app.request(.get, "\(Self.projects)/\(UUID())", headers: auth)
            #expect(unknown.status == .notFound && unknown.sovriumError.code == "NOT_FOUND" && unknown.sovriumError.success == false, "\(unknown.text)")
            let malformed = try await sovrium.app.request(.get, "\(Self.projects)/not-an-id", headers: auth)
            #expect(malformed.status == .notFound, "\(malformed.text)")
        }
    }

    @Test("US-API-REST-CONSUMER-006: PUT replaces the whole record, PATCH changes the fields sent, both 404 for an unknown record")
    func updates() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("consumer@example.com")
            let auth = SovriumHarness.bearer(token)
            let created = try await sovrium.create("projects", #"{"name": "Alpha", "status": "paused", "priority": 4}"#, token: token)
            let id = try #require(created["id"] as? String)
            // AC-001: PUT replaces: the fields left out take their defaults again.
            let put = try await sovrium.app.request(.put, "\(Self.projects)/\(id)", json: #"{"fields": {"name": "Beta"}}"#, headers: auth)
            #expect(put.status == .ok, "\(put.text)")
            #expect(put.fields["name"] as? String == "Beta" && put.fields["status"] as? String == "active" && put.fields["priority"] as? Int == 1)
            let incomplete = try await sovrium.app.request(.put, "\(Self.projects)/\(id)", json: #"{"fields": {"priority": 2}}"#, headers: auth)
            #expect(incomplete.status == .badRequest && incomplete.sovriumError.fields == ["fields.name"], "\(incomplete.text)")
            // AC-002: PATCH keeps what it does not name.
            let patch = try await sovrium.app.request(.patch, "\(Self.projects)/\(id)", json: #"{"fields": {"priority": 9}}"#, headers: auth)
            #expect(patch.status == .ok && patch.fields["name"] as? String == "Beta" && patch.fields["priority"] as? Int == 9, "\(patch.text)")
            // The record read back may be sent as it is (server-owned members are ignored).
            let roundTrip = try await sovrium.app.request(.put, "\(Self.projects)/\(id)", json: patch.text, headers: auth)
            #expect(roundTrip.status == .ok && roundTrip.fields["priority"] as? Int == 9, "\(roundTrip.text)")
            // AC-003: 404.
            for method in [HTTPRequest.Method.put, .patch] {
                let missing = try await sovrium.app.request(method, "\(Self.projects)/\(UUID())", json: #"{"fields": {"name": "X"}}"#, headers: auth)
                #expect(missing.status == .notFound && missing.sovriumError.code == "NOT_FOUND", "\(method): \(missing.text)")
            }
        }
    }

    @Test("US-API-REST-CONSUMER-007: DELETE answers 204 and the record is gone (404); soft-deleted, listed with deleted=include, restorable")
    func deletes() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("consumer@example.com")
            let auth = SovriumHarness.bearer(token)
            let created = try await sovrium.create("projects", #"{"name": "Alpha"}"#, token: token)
            let id = try #require(created["id"] as? String)
            let delete = try await sovrium.app.request(.delete, "\(Self.projects)/\(id)", headers: auth)
            #expect(delete.status == .noContent && delete.bytes.isEmpty)
            #expect(try await sovrium.app.request(.get, "\(Self.projects)/\(id)", headers: auth).status == .notFound)
            let again = try await sovrium.app.request(.delete, "\(Self.projects)/\(id)", headers: auth)
            #expect(again.status == .notFound && again.sovriumError.code == "NOT_FOUND", "\(again.text)")
            #expect(try await sovrium.app.request(.get, Self.projects, headers: auth).records.isEmpty)
            let included = try await sovrium.app.request(.get, Self.projects + "?deleted=include", headers: auth)
            #expect(included.records.count == 1 && included.records.first?["deletedAt"] is String, "\(included.text)")
            // The released spelling, includeDeleted=true|false, is the same choice.
            let released = try await sovrium.app.request(.get, Self.projects + "?includeDeleted=true", headers: auth)
            #expect(released.records.count == 1, "\(released.text)")
            #expect(try await sovrium.app.request(.get, Self.projects + "?includeDeleted=false", headers: auth).records.isEmpty)
            let both = try await sovrium.app.request(.get, Self.projects + "?includeDeleted=true&deleted=only", headers: auth)
            #expect(both.status == .badRequest && both.sovriumError.fields == ["includeDeleted"], "\(both.text)")
            let wrong = try await sovrium.app.request(.get, Self.projects + "?includeDeleted=yes", headers: auth)
            #expect(wrong.status == .badRequest && wrong.sovriumError.fields == ["includeDeleted"], "\(wrong.text)")
            let restored = try await sovrium.app.request(.post, "\(Self.projects)/\(id)/restore", headers: auth)
            #expect(restored.status == .ok && restored.fields["name"] as? String == "Alpha", "\(restored.text)")
            #expect(try await sovrium.app.request(.get, "\(Self.projects)/\(id)", headers: auth).status == .ok)
        }
    }

    @Test("released errors: 401 UNAUTHORIZED without credentials; a caller without the table's scope is answered 404, not 403")
    func errorsAndDenials() async throws {
        try await SovriumHarness.run { sovrium in
            let anonymous = try await sovrium.app.request(.get, Self.projects)
            #expect(anonymous.status == .unauthorized && anonymous.sovriumError.code == "UNAUTHORIZED" && anonymous.sovriumError.success == false)
            #expect(anonymous.sovriumError.message?.isEmpty == false, "\(anonymous.text)")
            let (admin, _) = try await sovrium.user("admin@example.com", admin: true)
            let project = try await sovrium.create("projects", #"{"name": "Secret"}"#, token: admin)
            let id = try #require(project["id"] as? String)
            let key = try await sovrium.app.request(
                .post, "/api/admin/api-keys", json: #"{"name": "contacts only", "environment": "live", "scopes": ["contacts:read"]}"#,
                headers: SovriumHarness.bearer(admin))
            #expect(key.status == .created, "\(key.text)")
            let secret = try #require(key.object["key"] as? String)
            let denied = try await sovrium.app.request(.get, "\(Self.projects)/\(id)", headers: SovriumHarness.bearer(secret))
            #expect(denied.status == .notFound && denied.sovriumError.code == "NOT_FOUND", "\(denied.text)")
        }
    }

    @Test("released GET /api/tables lists every table with its path, key, operations and fields, as the document's example shows")
    func tableCatalog() async throws {
        try await SovriumHarness.run { sovrium in
            let reply = try await sovrium.app.request(.get, "/api/tables")
            #expect(reply.status == .ok, "\(reply.text)")
            let tables = try #require(reply.object["tables"] as? [[String: any Sendable]])
            #expect(tables.compactMap { $0["name"] as? String } == ["contacts", "projects"])
            let projects = try #require(tables.first { $0["name"] as? String == "projects" })
            #expect(projects["path"] as? String == Self.projects && projects["softDelete"] as? Bool == true)
            #expect(projects["operations"] as? [String] == ["list", "get", "create", "replace", "update", "delete"])
            #expect((projects["primaryKey"] as? [String: any Sendable])?["type"] as? String == "uuid")
            let fields = projects["fields"] as? [[String: any Sendable]] ?? []
            #expect(fields.compactMap { $0["name"] as? String } == ["name", "status", "priority"])
            #expect(fields.first?["type"] as? String == "string" && fields.first?["required"] as? Bool == true)
            let contacts = try #require(tables.first { $0["name"] as? String == "contacts" })
            let email = (contacts["fields"] as? [[String: any Sendable]])?.first
            #expect(email?["type"] as? String == "email" && email?["unique"] as? Bool == true)
            // The document's example is these very bytes' content: one writer for both.
            let document = try await sovrium.app.request(.get, "/api/openapi.json")
            let schema = ((document.object["components"] as? [String: any Sendable])?["schemas"] as? [String: any Sendable])?["TableCatalog"] as? [String: any Sendable]
            let example = (schema?["examples"] as? [any Sendable])?.first
            #expect(NSDictionary(dictionary: reply.object).isEqual(to: example as? [String: Any] ?? [:]))
        }
    }

    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
