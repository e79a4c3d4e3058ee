import APIContract
import Foundation
import Runtime
import Testing

@testable import Server

/// `{"clear": [...]}` on a table's `PATCH` (and a batch's `update`): the nullable fields a typed
/// client cannot set to an explicit `null` (issue 23). `ClearList` is the one rule the validator
/// and the document share; the last test holds every app's document to the runtime's rules.
@Suite("Clear lists on updates")
struct ClearListTests {
    @Test("PATCH with clear sets the named nullable fields to null and keeps the rest; an If-Match update may clear too")
    func clearsFields() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create(
                "/v1/projects", #"{"name": "Web", "owner_email": "ann@example.com", "summary": "A site", "budget": 100, "homepage": "https://example.com"}"#)
            let id = try #require(project["id"] as? String)
            let cleared = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"clear": ["summary", "budget"], "name": "Web 2"}"#)
            #expect(cleared.status == .ok, "\(cleared.text)")
            #expect(cleared.object["summary"] is NSNull && cleared.object["budget"] is NSNull, "\(cleared.text)")
            #expect(cleared.object["homepage"] as? String == "https://example.com" && cleared.object["name"] as? String == "Web 2")
            let read = try await app.request(.get, "/v1/projects/\(id)")
            #expect(read.object["summary"] is NSNull && read.object["budget"] is NSNull, "stored: \(read.text)")
            // An empty list changes nothing.
            let nothing = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"clear": []}"#)
            #expect(nothing.status == .ok && nothing.object["homepage"] as? String == "https://example.com", "\(nothing.text)")
            // The batch's update takes it too.
            let batch = try await app.request(
                .post, "/v1/projects/batch", json: #"{"operations": [{"action": "update", "id": "\#(id)", "data": {"clear": ["homepage"]}}]}"#)
            #expect(batch.status.code < 300, "\(batch.text)")
            #expect(try await app.request(.get, "/v1/projects/\(id)").object["homepage"] is NSNull)
        }
    }

    @Test("a clear list that is not an array, names an unknown, required or read-only field, names one twice or one also sent is 422 naming clear[i]")
    func refusals() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create("/v1/projects", #"{"name": "Web", "owner_email": "ann@example.com", "summary": "A site"}"#)
            let id = try #require(project["id"] as? String)
            let cases: [(String, [String])] = [
                (#"{"clear": "summary"}"#, ["clear"]),
                (#"{"clear": [1]}"#, ["clear[0]"]),
                (#"{"clear": ["nope"]}"#, ["clear[0]"]),
                (#"{"clear": ["name"]}"#, ["clear[0]"]),
                (#"{"clear": ["created_at"]}"#, ["clear[0]"]),
                (#"{"clear": ["summary", "summary"]}"#, ["clear[1]"]),
                (#"{"clear": ["budget", "summary"], "summary": "x"}"#, ["clear[1]"]),
            ]
            for (body, fields) in cases {
                let refused = try await app.request(.patch, "/v1/projects/\(id)", json: body)
                #expect(refused.status == .unprocessableContent && refused.errorFields == fields, "\(body): \(refused.text)")
            }
            #expect(try await app.request(.get, "/v1/projects/\(id)").object["summary"] as? String == "A site", "nothing was written")
            // Create and replace bodies have no clear list: it is an unknown member there.
            let create = try await app.request(.post, "/v1/projects", json: #"{"name": "X", "owner_email": "x@example.com", "clear": []}"#)
            #expect(create.status == .unprocessableContent && create.errorFields == ["clear"], "\(create.text)")
        }
    }

    @Test("every app's update bodies document exactly the clear list the runtime takes")
    func documentMatchesRuntime() throws {
        var compared = 0, clearable = 0
        for name in AppCatalog.names {
            let app = try AppCatalog.app(named: name)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(app.openAPIDocument.utf8)) as? [String: Any])
            let paths = document["paths"] as? [String: Any] ?? [:]
            for table in app.tables {
                let runtime = ClearList.fields(of: table.fields)
                let prefix = table.path + "/{"
                let updates = paths.filter { $0.key.hasPrefix(prefix) && !$0.key.dropFirst(prefix.count).contains("/") }
                    .compactMap { ($0.value as? [String: Any])?["patch"] as? [String: Any] }
                for update in updates {
                    let schema = Self.requestSchema(update, in: document)
                    // One name is written as `const`.
                    let items = Self.clearMember(schema, in: document)?["items"] as? [String: Any]
                    let documented = items?["enum"] as? [String] ?? (items?["const"] as? String).map { [$0] } ?? []
                    #expect(documented == runtime, "\(name).\(table.name): document \(documented), runtime \(runtime)")
                    compared += 1
                    if !runtime.isEmpty { clearable += 1 }
                }
            }
        }
        #expect(compared >= 15 && clearable >= 6, "update routes compared: \(compared), with a clear list: \(clearable)")
    }

    /// The JSON request schema of an operation, its reference resolved.
    static func requestSchema(_ operation: [String: Any], in document: [String: Any]) -> [String: Any]? {
        let content = ((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any]
        return resolved(content?["schema"] as? [String: Any], in: document)
    }

    /// The `clear` member of an update schema, also inside a request envelope (`{"fields": {...}}`),
    /// optional or not (`anyOf` the wrapped and the bare body: both must have it).
    static func clearMember(_ schema: [String: Any]?, in document: [String: Any]) -> [String: Any]? {
        if let variants = schema?["anyOf"] as? [Any] {
            let members = variants.map { clearMember(resolved($0 as? [String: Any], in: document), in: document) }
            return members.contains { $0 == nil } ? nil : members.first ?? nil
        }
        guard let properties = schema?["properties"] as? [String: Any] else { return nil }
        if let clear = properties[ClearList.member] as? [String: Any] { return clear }
        guard properties.count == 1, let inner = properties.values.first as? [String: Any] else { return nil }
        return clearMember(resolved(inner, in: document), in: document)
    }

    static func resolved(_ schema: [String: Any]?, in document: [String: Any]) -> [String: Any]? {
        guard let reference = schema?["$ref"] as? String else { return schema }
        let name = String(reference.split(separator: "/").last ?? "")
        return ((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any]
    }
}
