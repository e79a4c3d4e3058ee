import Foundation
import HTTPTypes
import Testing

@testable import Server

/// The released Sovrium's wire facts that the stories leave open
/// (`reference/sovrium-released-api.md`), each served by a general feature: the health body
/// (`health.members`), the create-only batch (`envelopes.batch`), `aggregate=`, and the Better
/// Auth answers (`auth.tokens.responseMembers` with `token`, a route's `status` and `answer`).
@Suite("Sovrium: the released wire format where the stories are silent", .serialized)
struct SovriumReleaseContractTests {
    static let projects = "/api/tables/projects/records"
    static let contacts = "/api/tables/contacts/records"

    @Test("GET /api/health answers {status: ok, timestamp, app: {name}}")
    func health() async throws {
        try await SovriumHarness.run { sovrium in
            let health = try await sovrium.app.request(.get, "/api/health")
            #expect(health.status == .ok, "\(health.text)")
            #expect(Set(health.object.keys) == ["status", "timestamp", "app"], "\(health.text)")
            #expect(health.object["status"] as? String == "ok")
            #expect((health.object["app"] as? [String: any Sendable])?["name"] as? String == "sovrium", "\(health.text)")
            let timestamp = try #require(health.object["timestamp"] as? String)
            #expect(timestamp.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(timestamp)")
            let time = try #require(ISO8601DateFormatter.withFractionalSeconds.date(from: timestamp))
            #expect(abs(time.timeIntervalSinceNow) < 60, "the time of the answer, not a fixed one")
        }
    }

    @Test("POST .../records/batch creates records (wrapped or flat) in one transaction and answers 201 {created: [...]}")
    func batchCreate() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("dev@example.com")
            let auth = SovriumHarness.bearer(token)
            let batch = try await sovrium.app.request(
                .post, Self.contacts + "/batch",
                json: #"{"records": [{"fields": {"email": "ada@example.com", "first_name": "Ada"}}, {"email": "grace@example.com", "last_name": "Hopper"}]}"#,
                headers: auth)
            #expect(batch.status == .created, "\(batch.text)")
            let created = try #require(batch.object["created"] as? [[String: any Sendable]], "\(batch.text)")
            #expect(Set(batch.object.keys) == ["created"])
            #expect(created.count == 2)
            #expect((created[0]["fields"] as? [String: any Sendable])?["email"] as? String == "ada@example.com")
            #expect((created[1]["fields"] as? [String: any Sendable])?["last_name"] as? String == "Hopper")
            #expect(created.allSatisfy { $0["id"] is String && $0["createdAt"] is String })
            // Each is a record like any other.
            let id = try #require(created[1]["id"] as? String)
            #expect(try await sovrium.app.request(.get, "\(Self.contacts)/\(id)", headers: auth).status == .ok)

            // All or nothing: one invalid record refuses the whole batch, naming it.
            let invalid = try await sovrium.app.request(
                .post, Self.contacts + "/batch",
                json: #"{"records": [{"fields": {"email": "alan@example.com"}}, {"fields": {"email": "not an address"}}, {"first_name": "No email"}]}"#,
                headers: auth)
            #expect(invalid.status == .badRequest && invalid.sovriumError.code == "VALIDATION_ERROR", "\(invalid.text)")
            #expect(invalid.sovriumError.fields == ["records[1].fields.email", "records[2].email"], "\(invalid.text)")
            // A unique conflict, with a stored record or within the batch, is 409 naming the record.
            let taken = try await sovrium.app.request(
                .post, Self.contacts + "/batch",
                json: #"{"records": [{"email": "alan@example.com"}, {"fields": {"email": "ada@example.com"}}]}"#, headers: auth)
            #expect(taken.status == .conflict && taken.sovriumError.fields == ["records[1].fields.email"], "\(taken.text)")
            let repeated = try await sovrium.app.request(
                .post, Self.contacts + "/batch", json: #"{"records": [{"email": "alan@example.com"}, {"email": "alan@example.com"}]}"#, headers: auth)
            #expect(repeated.status == .conflict && repeated.sovriumError.fields == ["records[1].email"], "\(repeated.text)")
            let list = try await sovrium.app.request(.get, Self.contacts, headers: auth)
            #expect(list.pagination["total"] as? Int == 2, "nothing of a refused batch was written: \(list.text)")

            // The body's shape and size.
            for body in [#"{"records": []}"#, #"{"operations": [{"action": "create", "data": {}}]}"#, #"{"records": [{"email": "x@example.com"}], "returnRecords": true}"#] {
                let wrong = try await sovrium.app.request(.post, Self.contacts + "/batch", json: body, headers: auth)
                #expect(wrong.status == .badRequest && wrong.sovriumError.fields == ["records"], "\(body): \(wrong.text)")
            }
            let many = "{\"records\": [" + (0...100).map { #"{"email": "p\#($0)@example.com"}"# }.joined(separator: ",") + "]}"
            let tooMany = try await sovrium.app.request(.post, Self.contacts + "/batch", json: many, headers: auth)
            #expect(tooMany.status == .badRequest && tooMany.sovriumError.fields == ["records"], "101 records: \(tooMany.text)")
            // Creating needs the table's create scope, as POST does: 401 without credentials, and a
            // key that may only read contacts is answered 404 (the app hides what it refuses).
            #expect(try await sovrium.app.request(.post, Self.contacts + "/batch", json: #"{"records": [{"email": "z@example.com"}]}"#).status == .unauthorized)
            let (admin, _) = try await sovrium.user("admin@example.com", admin: true)
            let key = try await sovrium.app.request(
                .post, "/api/admin/api-keys", json: #"{"name": "Reader", "environment": "live", "scopes": ["contacts:read"]}"#,
                headers: SovriumHarness.bearer(admin))
            let reader = try #require(key.object["key"] as? String, "\(key.text)")
            let refused = try await sovrium.app.request(
                .post, Self.contacts + "/batch", json: #"{"records": [{"email": "z@example.com"}]}"#, headers: [HTTPField.Name("X-API-Key")!: reader])
            #expect(refused.status == .notFound && refused.sovriumError.code == "NOT_FOUND", "\(refused.text)")
        }
    }

    @Test("aggregate={count, sum, avg, min, max} answers aggregations over every matching record, not only the page")
    func aggregate() async throws {
        try await SovriumHarness.run { sovrium in
            let (token, _) = try await sovrium.user("dev@example.com")
            let auth = SovriumHarness.bearer(token)
            for (name, status, priority) in [("A", "active", 1), ("B", "active", 2), ("C", "active", 6), ("D", "done", 10)] {
                try await sovrium.create("projects", #"{"name": "\#(name)", "status": "\#(status)", "priority": \#(priority)}"#, token: token)
            }
            let deleted = try await sovrium.create("projects", #"{"name": "E", "priority": 100}"#, token: token)
            _ = try await sovrium.app.request(.delete, "\(Self.projects)/\(try #require(deleted["id"] as? String))", headers: auth)

            func aggregations(_ query: String) async throws -> (Reply, [String: any Sendable]) {
                let reply = try await sovrium.app.request(.get, Self.projects + "?" + query, headers: auth)
                return (reply, reply.object["aggregations"] as? [String: any Sendable] ?? [:])
            }
            let all = #"{"count": true, "sum": ["priority"], "avg": ["priority"], "min": ["priority"], "max": ["priority"]}"#
            // Over the filtered set (soft-deleted records left out), with a page of one record.
            let (active, figures) = try await aggregations("limit=1&filter=" + Self.encoded(#"{"and": [{"field": "status", "operator": "equals", "value": "active"}]}"#) + "&aggregate=" + Self.encoded(all))
            #expect(active.status == .ok && active.records.count == 1, "\(active.text)")
            #expect(figures["count"] as? Int == 3, "\(active.text)")
            #expect((figures["sum"] as? [String: any Sendable])?["priority"] as? Int == 9, "\(active.text)")
            #expect((figures["avg"] as? [String: any Sendable])?["priority"] as? Int == 3, "\(active.text)")
            #expect((figures["min"] as? [String: any Sendable])?["priority"] as? Int == 1, "\(active.text)")
            #expect((figures["max"] as? [String: any Sendable])?["priority"] as? Int == 6, "\(active.text)")
            // Only what was asked for; deleted records when the list includes them.
            let (withDeleted, some) = try await aggregations("includeDeleted=true&aggregate=" + Self.encoded(#"{"sum": ["priority"]}"#))
            #expect(Set(some.keys) == ["sum"] && (some["sum"] as? [String: any Sendable])?["priority"] as? Int == 119, "\(withDeleted.text)")
            // Over no records: count 0, the others null.
            let (none, empty) = try await aggregations("status=missing&aggregate=" + Self.encoded(all))
            #expect(empty["count"] as? Int == 0 && (empty["sum"] as? [String: any Sendable])?["priority"] is NSNull, "\(none.text)")
            #expect((empty["max"] as? [String: any Sendable])?["priority"] is NSNull, "\(none.text)")
            // With count=none the page has no total, the figures still count.
            let (uncounted, counted) = try await aggregations("count=none&aggregate=" + Self.encoded(#"{"count": true}"#))
            #expect(uncounted.pagination["total"] is NSNull && counted["count"] as? Int == 4, "\(uncounted.text)")
            // Without aggregate= there is no member.
            #expect(try await sovrium.app.request(.get, Self.projects, headers: auth).object["aggregations"] == nil)
            // Bad input: 400 naming aggregate.
            let tooMany = "{\"sum\": [\"priority\"], \"avg\": [\"priority\"], \"min\": [" + (0..<19).map { "\"p\($0)\"" }.joined(separator: ",") + "]}"
            for bad in ["not json", #"{"count": "yes"}"#, #"{"sum": ["name"]}"#, #"{"sum": ["nope"]}"#, #"{"median": ["priority"]}"#, #"{}"#, #"{"sum": []}"#,
                        #"{"sum": ["priority", "priority"]}"#, #"{"min": ["createdAt"]}"#, tooMany, "{\"sum\": [\"" + String(repeating: "a", count: 4_100) + "\"]}"] {
                let (reply, _) = try await aggregations("aggregate=" + Self.encoded(bad))
                #expect(reply.status == .badRequest && reply.sovriumError.fields == ["aggregate"], "\(bad): \(reply.text)")
            }
        }
    }

    /// `text` percent-encoded for a query string.
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

extension ISO8601DateFormatter {
    /// RFC 3339 with milliseconds.
    fileprivate static var withFractionalSeconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
