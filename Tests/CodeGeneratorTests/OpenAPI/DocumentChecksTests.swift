import Foundation
import OpenAPIKit
import Testing

@testable import CodeGenerator
import SchemaModel
@testable import loom

/// `DocumentChecks`, the rules every generated document passes before it is written (they
/// replaced OpenAPIKit's validating encoder, 70 % of a generation of 50 tables).
@Suite("OpenAPI document checks")
struct DocumentChecksTests {
    private static func operation(_ id: String, parameters: OpenAPI.Parameter.Array = [], responses: Bool = true) -> OpenAPI.Operation {
        OpenAPI.Operation(
            operationId: id, parameters: parameters,
            responses: responses ? [200: .response(description: "OK")] : [:])
    }

    private static func pathParameter(_ name: String) -> Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter> {
        .b(OpenAPI.Parameter(name: name, context: .path(schema: .string)))
    }

    private static func problems(_ paths: OpenAPI.PathItem.Map, tags: [String] = [], json: String = "{}") -> [String] {
        let document = OpenAPI.Document(
            info: .init(title: "t", version: "1"), servers: [], paths: paths, components: .noComponents,
            tags: tags.map { OpenAPI.Tag(name: $0) })
        return DocumentChecks.problems(in: document, json: json)
    }

    @Test("a well-formed document has no problem, and every checked-in document is well formed")
    func wellFormed() throws {
        #expect(Self.problems(["/items/{id}": .init(get: Self.operation("getItem", parameters: [Self.pathParameter("id")]))], tags: ["items"]).isEmpty)
        let schemas = try #require(SchemaParser.parse(try Fixtures.workspace.schemaFiles()).schemas)
        for app in schemas.apps {
            let document = try OpenAPIBuilder.openAPIDocument(for: app)
            let json = try OpenAPIBuilder.document(for: app)
            #expect(DocumentChecks.problems(in: document, json: json).isEmpty, "\(app.config.name)")
        }
    }

    @Test("tag names and operation ids are unique")
    func uniqueNames() {
        let problems = Self.problems(
            ["/a": .init(get: Self.operation("same")), "/b": .init(get: Self.operation("same"))], tags: ["x", "y", "x"])
        #expect(problems.contains("the tag name x is used twice"))
        #expect(problems.contains("the operationId same is used twice"))
    }

    @Test("path variables and path parameters match, parameters are unique, every operation has a response")
    func parameters() {
        let undeclared = Self.problems(["/items/{id}": .init(get: Self.operation("getItem"))])
        #expect(undeclared == ["GET /items/{id}: the path variable {id} has no path parameter"])
        let stray = Self.problems(["/items": .init(get: Self.operation("listItems", parameters: [Self.pathParameter("id")]))])
        #expect(stray == ["GET /items: the path parameter id is not in the path"])
        let twice = Self.problems(["/items/{id}": .init(get: Self.operation("getItem", parameters: [Self.pathParameter("id"), Self.pathParameter("id")]))])
        #expect(twice == ["GET /items/{id}: the parameter id (in path) is declared twice"])
        let silent = Self.problems(["/items": .init(delete: Self.operation("deleteItems", responses: false))])
        #expect(silent == ["DELETE /items: the operation has no response"])
    }

    @Test("every $ref resolves inside the document (JSON pointer escapes included)")
    func references() {
        let json = #"""
            {"components": {"schemas": {"Item": {"type": "object"}, "a/b": {}}},
             "paths": {"/items": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
               "400": {"$ref": "#/components/responses/Missing"}}}}},
             "x": [{"$ref": "#/components/schemas/a~1b"}, {"$ref": "https://example.com/other.json"}]}
            """#
        #expect(DocumentChecks.unresolvedReferences(in: json) == ["#/components/responses/Missing", "https://example.com/other.json"])
        #expect(DocumentChecks.unresolvedReferences(in: ##"[{"$ref": "#/x"}"##) == ["(the document is not JSON)"])
    }

    @Test("references are read from the text; one naming a typed component resolves without parsing it, any other in the parsed text")
    func referencesToTypedComponents() {
        let components = OpenAPI.Components(
            schemas: ["Item": .string],
            parameters: ["limit": .b(.init(name: "limit", context: .query(schema: .integer)))])
        // Cut short, so not JSON: every reference in it names a typed component, so it is never parsed.
        let typedOnly = #"""
            {"a": {"$ref" : "#/components/schemas/Item"}, "b": {"$ref":"#\/components\/parameters\/limit"},
             "c": "\"$ref\": \"#/not/a/reference\"", "$schema": "x"
            """#
        #expect(DocumentChecks.unresolvedReferences(in: typedOnly, components: components).isEmpty)
        let json = #"""
            {"a": {"$ref": "#/components/schemas/Item"}, "b": {"$ref": "#/components/schemas/Gone"}, "c": {"$ref": "#/a"}}
            """#
        #expect(DocumentChecks.unresolvedReferences(in: json, components: components) == ["#/components/schemas/Gone"])
        #expect(ReferenceScanner.references(in: json) == ["#/components/schemas/Item", "#/components/schemas/Gone", "#/a"])
    }
}
