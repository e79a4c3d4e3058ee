import APIContract
import Foundation
import Runtime
import Testing

@testable import Server

/// `{"clear": [...]}` on the partial updates of route families that are not tables (issue 23):
/// `PATCH` of an API key and of a webhook subscription, declared `partial` in their contract
/// bodies, take the same clear list as a table's update, validated and documented from that one
/// declaration. The last test holds every app's `PATCH` bodies to offering it.
@Suite("Clear lists on contract updates")
struct ContractClearListTests {
    @Test("PATCH of an API key clears expires_at and allowed_cidrs by name and keeps the rest")
    func apiKey() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let created = try await app.request(
                .post, TestApp.auth + "/api-keys",
                json: #"{"name": "ci", "environment": "test", "scopes": ["tasks:read"], "expires_at": "2090-01-01T00:00:00Z", "allowed_cidrs": ["10.0.0.0/8"]}"#,
                headers: account.headers)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.object["id"] as? String)
            let path = TestApp.auth + "/api-keys/\(id)"
            let cleared = try await app.request(.patch, path, json: #"{"clear": ["expires_at"], "name": "ci 2"}"#, headers: account.headers)
            #expect(cleared.status == .ok, "\(cleared.text)")
            #expect(cleared.object["expires_at"] is NSNull && cleared.object["name"] as? String == "ci 2", "\(cleared.text)")
            #expect(cleared.object["allowed_cidrs"] as? [String] == ["10.0.0.0/8"], "kept: \(cleared.text)")
            let both = try await app.request(.patch, path, json: #"{"clear": ["allowed_cidrs"]}"#, headers: account.headers)
            #expect(both.status == .ok, "\(both.text)")
            let read = try await app.request(.get, path, headers: account.headers)
            #expect(read.object["expires_at"] is NSNull, "stored: \(read.text)")
            #expect((read.object["allowed_cidrs"] as? [String] ?? []).isEmpty, "stored: \(read.text)")
            #expect(read.object["name"] as? String == "ci 2")
            // Refusals name clear[i] in the app's error shape; nothing is written.
            let cases: [(String, [String])] = [
                (#"{"clear": "expires_at"}"#, ["clear"]),
                (#"{"clear": ["nope"]}"#, ["clear[0]"]),
                (#"{"clear": ["name"]}"#, ["clear[0]"]),
                (#"{"clear": ["expires_at", "expires_at"]}"#, ["clear[1]"]),
                (#"{"clear": ["expires_at"], "expires_at": "2091-01-01T00:00:00Z"}"#, ["clear[0]"]),
            ]
            for (body, fields) in cases {
                let refused = try await app.request(.patch, path, json: body, headers: account.headers)
                #expect(refused.status == .unprocessableContent && refused.errorFields == fields, "\(body): \(refused.text)")
            }
            #expect(try await app.request(.get, path, headers: account.headers).object["name"] as? String == "ci 2")
            // The full replace has no clear list (it sets every member): an unknown member there.
            let replace = try await app.request(
                .put, path, json: #"{"name": "ci", "scopes": ["tasks:read"], "clear": []}"#, headers: account.headers)
            #expect(replace.status == .unprocessableContent && replace.errorFields == ["clear"], "\(replace.text)")
        }
    }

    @Test("PATCH of a webhook subscription clears description by name; refusals name clear[i]")
    func webhookSubscription() async throws {
        try await ManagementHarness.run { harness in
            let (id, _) = try await harness.subscribe()
            let path = "\(ManagementHarness.path)/\(id)"
            let cleared = try await harness.app.request(.patch, path, json: #"{"clear": ["description"], "enabled": false}"#)
            #expect(cleared.status == .ok, "\(cleared.text)")
            #expect(cleared.object["description"] is NSNull && cleared.object["enabled"] as? Bool == false, "\(cleared.text)")
            #expect(try await harness.app.request(.get, path).object["description"] is NSNull)
            for (body, fields) in [
                (#"{"clear": ["url"]}"#, ["clear[0]"]), (#"{"clear": ["description"], "description": "x"}"#, ["clear[0]"]),
                (#"{"clear": [true]}"#, ["clear[0]"]),
            ] {
                let refused = try await harness.app.request(.patch, path, json: body)
                #expect(refused.status == .unprocessableContent && refused.errorFields == fields, "\(body): \(refused.text)")
            }
        }
    }

    @Test("every PATCH body of every app with a nullable member offers clear with exactly the members whose null clears")
    func everyPatchOffersClear() throws {
        var bodies = 0, offering = 0
        for name in AppCatalog.names {
            let app = try AppCatalog.app(named: name)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(app.openAPIDocument.utf8)) as? [String: Any])
            for (path, item) in document["paths"] as? [String: Any] ?? [:] {
                guard let update = (item as? [String: Any])?["patch"] as? [String: Any],
                    let schema = Self.body(ClearListTests.requestSchema(update, in: document), in: document),
                    let properties = schema["properties"] as? [String: Any]
                else { continue }
                bodies += 1
                // A member whose null keeps its value (a profile's name) has nothing to clear; the
                // document says so in its description.
                let nullable = properties.filter { $0.key != ClearList.member && Self.isNullable($0.value, in: document) }
                let clearable = nullable.filter { !((($0.value as? [String: Any])?["description"] as? String ?? "").contains("null keeps it")) }
                let items = ClearListTests.clearMember(schema, in: document)?["items"] as? [String: Any]
                let documented = items?["enum"] as? [String] ?? (items?["const"] as? String).map { [$0] } ?? []
                #expect(Set(documented) == Set(clearable.keys), "\(name) PATCH \(path): clear \(documented), nullable \(nullable.keys.sorted())")
                if !documented.isEmpty { offering += 1 }
            }
        }
        #expect(bodies >= 50 && offering >= 16, "PATCH bodies: \(bodies), with a clear list: \(offering)")
    }

    /// The update schema inside a request envelope (`{"fields": {...}}`), or itself.
    static func body(_ schema: [String: Any]?, in document: [String: Any]) -> [String: Any]? {
        guard let properties = schema?["properties"] as? [String: Any] else { return schema }
        if properties.count == 1, let inner = ClearListTests.resolved(properties.values.first as? [String: Any], in: document),
            inner["properties"] != nil
        {
            return inner
        }
        return schema
    }

    /// Whether a member's schema takes `null` (`type: [..., "null"]`, a `null` branch, or any value).
    static func isNullable(_ member: Any, in document: [String: Any]) -> Bool {
        guard let schema = ClearListTests.resolved(member as? [String: Any], in: document) else { return false }
        if let types = schema["type"] as? [String], types.contains("null") { return true }
        // A JSON field's schema names no type: it takes any value, `null` too.
        if ["type", "oneOf", "anyOf", "allOf", "enum", "const"].allSatisfy({ schema[$0] == nil }) { return true }
        let branches = (schema["oneOf"] as? [[String: Any]] ?? []) + (schema["anyOf"] as? [[String: Any]] ?? [])
        return branches.contains { $0["type"] as? String == "null" }
    }
}
