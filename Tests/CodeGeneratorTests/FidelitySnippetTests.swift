import Foundation
import Testing

@testable import CodeGenerator

/// The fidelity declarations in, the generated settings, descriptors and OpenAPI document out:
/// the runtime serves what the settings say, and the document describes the same paths,
/// names, envelopes and errors.
@Suite("Snippets: fidelity declarations in, settings, descriptors and document out")
struct FidelitySnippetTests {
    static let app = #"""
        {"name": "mini", "title": "Mini", "version": "1.0.0", "description": "A small app.", "basePath": "/api",
         "naming": "camelCase",
         "envelopes": {"record": {"wrap": "data"}, "list": {"items": "data", "metadata": ["total", "page", "has_next_page"], "nest": "pagination"},
                       "request": {"wrap": "fields", "optional": true}},
         "errors": {"body": {"error": {"code": "code", "message": "message", "details": "fieldErrors"}, "requestId": "requestId"},
                    "codes": {"VALIDATION_ERROR": {"code": "INVALID_INPUT", "status": 400}, "NOT_FOUND": "RESOURCE_NOT_FOUND"}},
         "headers": {"requestId": "X-Correlation-Id"},
         "routes": {"health": "/api/status"}}
        """#

    static let people = #"""
        {"name": "people", "description": "People.", "primaryKey": {"name": "person_id", "type": "prefixed", "prefix": "per_"},
         "path": "/api/directory/people",
         "routes": {"get": ["/api/directory/people/{id}", "/api/legacy/people/{id}"], "batch": false},
         "listParameters": {"since": {"field": "created_at", "compare": "gte", "description": "Created at or after."}},
         "fields": {"full_name": {"type": "string", "description": "Name.", "required": true}}}
        """#

    static let notes = #"""
        {"name": "notes", "description": "Notes.", "primaryKey": {"name": "note_id", "type": "integer"},
         "envelopes": {"record": {"fields": "fields"}, "list": {"items": "records", "metadata": ["total"]}, "request": false},
         "fields": {"note_text": {"type": "text", "description": "Text.", "required": true}}}
        """#

    let files: [String: String]

    init() throws {
        files = try Fixtures.generate(["app.json": Self.app, "tables/people.json": Self.people, "tables/notes.json": Self.notes])
    }

    var settings: String { files["Generated/Mini/Mini.swift"] ?? "" }
    var people: String { files["Generated/Mini/Tables/Mini.People.swift"] ?? "" }
    var notes: String { files["Generated/Mini/Tables/Mini.Notes.swift"] ?? "" }

    func parsedDocument() throws -> [String: Any] {
        let text = try #require(files["Generated/Mini/openapi.json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("app settings: naming, the error body and vocabulary, header names, moved system routes")
    func appSettings() {
        #expect(settings.contains("naming: .camelCase"))
        #expect(settings.contains(#"errorFormat: ErrorBodyFormat(contentType: "application/json", template: .object([.init("error", .object([.init("code", .value(.code)), .init("message", .value(.message)), .init("details", .value(.fieldErrors))])), .init("requestId", .value(.requestID))]))"#))
        #expect(settings.contains(#"errors: ErrorVocabulary(["NOT_FOUND": .init(code: "RESOURCE_NOT_FOUND"), "VALIDATION_ERROR": .init(code: "INVALID_INPUT", status: 400)])"#))
        #expect(settings.contains(#"headers: HeaderNames(apiKey: "X-API-Key", requestID: "X-Correlation-Id")"#))
        // The app has no accounts to sign in to the admin console with, so it is switched off; the
        // table catalog is off unless placed.
        #expect(settings.contains(
            #"systemRoutes: ["adminConsole": ContractRouteOverride(paths: []), "health": ContractRouteOverride(paths: ["/api/status"]), "tableCatalog": ContractRouteOverride(paths: [])]"#))
    }

    @Test("table descriptors: path, aliases, switched-off routes, prefixed key, camelCase members, envelopes, list parameters")
    func descriptors() {
        #expect(people.contains(#"path: "/api/directory/people""#))
        #expect(people.contains(#"primaryKeyName: "personId""#))
        #expect(people.contains(#"primaryKeyKind: .prefixed("per_")"#))
        #expect(people.contains(#"routes: TableRoutePaths(collection: "/api/directory/people", [.get: ["/api/directory/people/{id}", "/api/legacy/people/{id}"], .batch: []])"#))
        #expect(people.contains(#"recordEnvelope: RecordEnvelope(wrap: "data")"#))
        #expect(people.contains(#"listEnvelope: ListEnvelope(items: "data", members: [(.total, "total"), (.page, "page"), (.hasNextPage, "hasNextPage")], nest: "pagination")"#))
        #expect(people.contains(#"requestEnvelope: RequestEnvelope(wrap: "fields", optional: true)"#))
        #expect(people.contains(##"listParameters: [ListParameter(name: "since", column: #""created_at""#, comparison: ">=", rule: FieldRule("since", .datetime))]"##))
        #expect(people.contains(##"FilterColumn(name: "fullName""##))
        #expect(people.contains(#"person_id TEXT PRIMARY KEY"#) || files.values.contains { $0.contains(#""person_id" TEXT PRIMARY KEY"#) })
        #expect(notes.contains(#"listEnvelope: ListEnvelope(items: "records", members: [(.total, "total")])"#))
        #expect(notes.contains("""
                            writer.member("noteId", noteId)
                            writer.key("fields")
                            writer.beginObject()
                            writer.member("noteText", noteText)
                            writer.endObject()
                            writer.member("createdAt", createdAt)
            """), "the declared fields nest under \"fields\", the key and timestamps stay beside them")
        #expect(!notes.contains("requestEnvelope:"), "the table switches the app's request wrapping off")
    }

    @Test("the document: the paths served, camelCase members, the page and error shapes, mapped statuses")
    func documentShapes() throws {
        let document = try parsedDocument()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        #expect(paths["/api/directory/people"]?.keys.contains("get") == true)
        let legacy: [String] = paths["/api/legacy/people/{id}"].map { Array($0.keys).filter { $0 != "parameters" } } ?? []
        #expect(legacy == ["get"])
        let served = Set(paths.keys)
        #expect(!served.contains("/api/directory/people/batch") && !served.contains("/api/people"))
        #expect(served.contains("/api/notes/batch"))
        #expect(served.contains("/api/status") && !served.contains("/health"))
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let person = try #require(schemas["People"]?["properties"] as? [String: Any])
        #expect(Set(person.keys) == ["personId", "fullName", "createdAt", "updatedAt"])
        let page = try #require(schemas["PeoplePage"]?["properties"] as? [String: [String: Any]])
        #expect(Set(page.keys).isSuperset(of: ["data", "pagination"]))
        #expect(page["items"] == nil)
        let pagination = try #require(page["pagination"]?["properties"] as? [String: Any])
        #expect(Set(pagination.keys) == ["total", "page", "hasNextPage"])
        let create = try #require(paths["/api/directory/people"]?["post"] as? [String: Any])
        let responses = try #require(create["responses"] as? [String: Any])
        let statuses = Set(responses.keys)
        #expect(statuses.contains("400") && !statuses.contains("422"), "validation failures are declared as 400: \(statuses.sorted())")
        let errorBody = try #require(schemas["ErrorBody"]?["properties"] as? [String: Any])
        #expect(Set(errorBody.keys) == ["error", "requestId"])
    }

    @Test("auth.ids: the settings carry the prefixes and the document writes each id member and parameter with its pattern")
    func prefixedAuthIDs() throws {
        let app = #"""
            {"name": "mini", "title": "Mini", "version": "1.0.0", "description": "A small app.",
             "auth": {"tokens": {"issuer": "https://mini.test", "audience": "mini", "secretVariable": "MINI_JWT_SECRET"},
                      "roles": {"member": ["*"]}, "defaultRole": "member", "apiKeys": {"prefixes": {"live": "mk_live_"}},
                      "ids": {"organization": "org_", "user": "usr_"}}}
            """#
        let files = try Fixtures.generate(["app.json": app, "tables/notes.json": Self.notes])
        #expect(files["Generated/Mini/Mini.swift"]?.contains(#"ids: ResourceIDs(prefixes: [.user: "usr_", .organization: "org_"])"#) == true)
        let text = try #require(files["Generated/Mini/openapi.json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        func property(_ schema: String, _ name: String) -> [String: Any]? { (schemas[schema]?["properties"] as? [String: Any])?[name] as? [String: Any] }
        #expect(property("AuthUser", "id")?["pattern"] as? String == "^(?:usr_[0-9A-Za-z]{22})$")
        #expect(property("AuthOrganization", "id")?["pattern"] as? String == "^(?:org_[0-9A-Za-z]{22})$")
        #expect(property("AuthAPIKeyCreate", "organization_id")?["pattern"] != nil, "request bodies too")
        #expect(property("AuthSession", "id")?["format"] as? String == "uuid", "sessions were not given a prefix")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let get = try #require(paths["/v1/auth/organizations/{id}"]?["get"] as? [String: Any])
        let parameter = try #require((get["parameters"] as? [[String: Any]])?.first)
        #expect((parameter["schema"] as? [String: Any])?["pattern"] as? String == "^org_[0-9A-Za-z]{22}$")
    }
}
