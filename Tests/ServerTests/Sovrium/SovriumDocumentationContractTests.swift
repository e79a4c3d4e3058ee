import Foundation
import HTTPTypes
import Testing

@testable import Server

/// Sovrium's documentation stories (`reference/sovrium/documentation/`, as developer then as
/// API consumer): the OpenAPI 3.1 document at `/api/openapi.json`, made from the same
/// declarations as the routes, and the explorer at `/api/docs`.
@Suite("Sovrium: documentation stories (US-API-DOCS-001..003, US-API-DOCS-CONSUMER-001..002)", .serialized)
struct SovriumDocumentationContractTests {
    static func document(_ sovrium: SovriumHarness) async throws -> [String: any Sendable] {
        let reply = try await sovrium.app.request(.get, "/api/openapi.json")
        #expect(reply.status == .ok && reply.headers[.contentType]?.hasPrefix("application/json") == true)
        return reply.object
    }

    static func dictionary(_ value: (any Sendable)?) -> [String: any Sendable] { value as? [String: any Sendable] ?? [:] }

    @Test("US-API-DOCS-001: the OpenAPI 3.1 document is made from the routes (every served route is in it) and the explorer is at /api/docs")
    func openAPI() async throws {
        try await SovriumHarness.run { sovrium in
            let document = try await Self.document(sovrium)
            #expect((document["openapi"] as? String)?.hasPrefix("3.1.") == true)
            #expect(Self.dictionary(document["info"])["title"] as? String == "Sovrium API")
            // AC-001: the document lists exactly the routes served: each documented operation
            // answers something other than 404/405 (TestApp also holds every answer to it).
            let paths = Self.dictionary(document["paths"])
            for path in ["/api/tables/projects/records", "/api/auth/login", "/api/auth/session", "/api/admin/webhooks", "/api/admin/webhooks/{id}/logs",
                         "/api/admin/webhooks/{id}/retry", "/api/admin/api-keys", "/api/admin/rate-limits/tiers", "/api/admin/usage", "/api/webhooks/contacts",
                         "/api/health", "/api/docs", "/api/openapi.json"] {
                #expect(paths[path] != nil, "\(path)")
            }
            #expect(paths["/v1/projects"] == nil && paths["/api/rate-limits/tiers"] == nil && paths["/api/admin/webhooks/{id}/messages"] == nil)
            // AC-003: the explorer, served from the binary, reading the document at its path.
            let docs = try await sovrium.app.request(.get, "/api/docs")
            #expect(docs.status == .ok && docs.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(docs.text.contains("openapi.json") && docs.text.contains("Try it"), "the explorer reads the document and runs requests")
        }
    }

    @Test("US-API-DOCS-002: the document follows the table definitions: every field with its type, required fields listed as required")
    func dynamicDocumentation() async throws {
        try await SovriumHarness.run { sovrium in
            let document = try await Self.document(sovrium)
            let schemas = Self.dictionary(Self.dictionary(document["components"])["schemas"])
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            for (table, component) in [("projects", "Project"), ("contacts", "Contact")] {
                let file = root.appendingPathComponent("Schemas/sovrium/tables/\(table).json")
                let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: any Sendable])
                let fields = Self.dictionary(schema["fields"])
                let record = Self.dictionary(Self.dictionary(Self.dictionary(schemas[component])["properties"])["fields"])
                let documented = Self.dictionary(record["properties"])
                let create = Self.dictionary(schemas[component + "Create"])
                let required = Set(create["required"] as? [String] ?? [])
                #expect(documented.count == fields.count, "\(component): \(documented.keys.sorted())")
                for (name, value) in fields {
                    let field = Self.dictionary(value)
                    // `fieldNaming: "declared"`: each field under the name it was declared with.
                    let json = name
                    let property = Self.dictionary(documented[json])
                    // AC-002: the field's type.
                    let type = property["type"] as? String ?? (property["type"] as? [String])?.first { $0 != "null" }
                    let expected = ["string": "string", "email": "string", "integer": "integer"][field["type"] as? String ?? ""]
                    #expect(type == expected, "\(component).\(json): \(property)")
                    if field["type"] as? String == "email" { #expect(property["format"] as? String == "email") }
                    // AC-003: required or optional, as declared.
                    #expect(required.contains(json) == (field["required"] as? Bool == true), "\(component).\(json)")
                }
            }
        }
    }

    @Test("US-API-DOCS-003: every operation shows an example request and example responses, with realistic data")
    func examples() async throws {
        try await SovriumHarness.run { sovrium in
            let document = try await Self.document(sovrium)
            let components = Self.dictionary(document["components"])
            let schemas = Self.dictionary(components["schemas"])
            func resolved(_ value: [String: any Sendable], in group: String) -> [String: any Sendable] {
                guard let reference = value["$ref"] as? String else { return value }
                return Self.dictionary(Self.dictionary(components[group])[String(reference.split(separator: "/").last ?? "")])
            }
            func hasExample(_ media: [String: any Sendable]) -> Bool {
                if media["example"] != nil || media["examples"] != nil { return true }
                let schema = resolved(Self.dictionary(media["schema"]), in: "schemas")
                return schema["examples"] != nil || schema["example"] != nil
            }
            var operations = 0
            for (path, item) in Self.dictionary(document["paths"]) {
                for (method, value) in Self.dictionary(item) where ["get", "post", "put", "patch", "delete"].contains(method) {
                    let operation = Self.dictionary(value)
                    operations += 1
                    // AC-001: the request body's example.
                    if let body = operation["requestBody"] as? [String: any Sendable] {
                        let media = Self.dictionary(Self.dictionary(resolved(body, in: "requestBodies")["content"])["application/json"])
                        #expect(hasExample(media), "\(method) \(path): request body without an example")
                    }
                    // AC-002: each JSON answer's example, errors included.
                    for (status, response) in Self.dictionary(operation["responses"]) {
                        let content = Self.dictionary(resolved(Self.dictionary(response), in: "responses")["content"])
                        guard let media = content["application/json"] as? [String: any Sendable] else { continue }
                        #expect(hasExample(media), "\(method) \(path) \(status): answer without an example")
                    }
                }
            }
            #expect(operations > 40)
            // AC-003: realistic data, from the fields' own examples, not type placeholders.
            let project = Self.dictionary(Self.dictionary((Self.dictionary(schemas["Project"])["examples"] as? [any Sendable])?.first)["fields"])
            #expect(project["name"] as? String == "Website relaunch" && project["status"] as? String == "active", "\(project)")
            let contact = Self.dictionary(Self.dictionary((Self.dictionary(schemas["Contact"])["examples"] as? [any Sendable])?.first)["fields"])
            #expect(contact["email"] as? String == "ada.lovelace@example.com" && contact["first_name"] as? String == "Ada", "\(contact)")
        }
    }

    @Test("US-API-DOCS-CONSUMER-001: the explorer runs requests with credentials and shows the answers")
    func explorer() async throws {
        try await SovriumHarness.run { sovrium in
            let page = try await sovrium.app.request(.get, "/api/docs")
            #expect(page.status == .ok)
            // The page (no CDN: its script is inline) offers a bearer token and an API key, sends
            // each operation's request and shows status, headers and body. `.ci/docs-browser`
            // drives it in Chromium against every app, this one included.
            #expect(page.text.contains("Try it") && page.text.contains("Bearer"), "\(page.text.prefix(200))")
            #expect(!page.text.contains("https://cdn") && !page.text.contains("unpkg.com"))
            let document = try await Self.document(sovrium)
            let schemes = Self.dictionary(Self.dictionary(document["components"])["securitySchemes"])
            #expect(Set(schemes.keys) == ["bearerAuth", "apiKeyAuth", "cookieAuth"])
        }
    }

    @Test("US-API-DOCS-CONSUMER-002: error codes are documented in one consistent format with examples")
    func errorDocumentation() async throws {
        try await SovriumHarness.run { sovrium in
            let document = try await Self.document(sovrium)
            let components = Self.dictionary(document["components"])
            let body = Self.dictionary(Self.dictionary(components["schemas"])["ErrorBody"])
            #expect(Set(body["required"] as? [String] ?? []) == ["success", "message", "code", "details"], "\(body)")
            var codes: Set<String> = []
            for (name, value) in Self.dictionary(components["responses"]) {
                let media = Self.dictionary(Self.dictionary(Self.dictionary(value)["content"])["application/json"])
                #expect((Self.dictionary(media["schema"])["$ref"] as? String) == "#/components/schemas/ErrorBody", "\(name)")
                let example = Self.dictionary(media["example"])
                #expect(example["success"] as? Bool == false, "\(name)")
                if let code = example["code"] as? String { codes.insert(code) }
            }
            #expect(codes.isSuperset(of: ["UNAUTHORIZED", "NOT_FOUND", "VALIDATION_ERROR", "CONFLICT", "RATE_LIMITED"]), "\(codes.sorted())")
            // The same shape served: a 404, a 400, a 401.
            for (path, status) in [("/api/tables/projects/records/\(UUID())", HTTPResponse.Status.unauthorized), ("/api/nowhere", .notFound)] {
                let reply = try await sovrium.app.request(.get, path)
                #expect(reply.status == status && reply.sovriumError.success == false && reply.sovriumError.code != nil, "\(path): \(reply.text)")
            }
        }
    }
}
