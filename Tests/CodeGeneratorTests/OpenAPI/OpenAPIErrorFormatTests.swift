import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator

@Suite("OpenAPI: error components per error format")
struct OpenAPIErrorFormatTests {
    static let responseNames = [
        "BadRequest", "Conflict", "GatewayTimeout", "InternalError", "NotFound", "PayloadTooLarge", "PreconditionFailed",
        "RequestHeaderFieldsTooLarge", "ServiceUnavailable", "URITooLong", "UnsupportedMediaType", "ValidationError",
    ]

    /// Checks every error response uses `contentType` and `$ref`s `schemaName`; returns that schema.
    private func errorSchema(_ format: ErrorFormat, contentType: String, schemaName: String) throws -> [String: Any] {
        let json = try OpenAPIFixture.json(OpenAPIFixture.app(errorFormat: format))
        let responses = try #require(openAPIValue(json, "components", "responses") as? [String: Any])
        #expect(responses.keys.sorted() == Self.responseNames)
        for name in Self.responseNames {
            let response = try #require(responses[name] as? [String: Any])
            #expect(openAPIValue(response, "content", contentType, "schema", "$ref") as? String == "#/components/schemas/" + schemaName, "\(name)")
            #expect((response["content"] as? [String: Any])?.count == 1)
            #expect(openAPIValue(response, "headers", "X-Request-Id", "$ref") as? String == "#/components/headers/RequestId")
            #expect(response["description"] is String)
        }
        let fieldError = try #require(openAPIValue(json, "components", "schemas", "FieldError") as? [String: Any])
        #expect(fieldError["required"] as? [String] == ["field", "message"])
        for other in ["Problem", "ErrorEnvelope", "FlatError"] where other != schemaName {
            #expect(openAPIValue(json, "components", "schemas", other) == nil, "\(other)")
        }
        return try #require(openAPIValue(json, "components", "schemas", schemaName) as? [String: Any])
    }

    @Test("problem: application/problem+json with RFC 9457 members")
    func problem() throws {
        let schema = try errorSchema(.problem, contentType: "application/problem+json", schemaName: "Problem")
        #expect(schema["required"] as? [String] == ["type", "title", "status", "detail", "code", "request_id", "errors"])
        #expect(openAPIValue(schema, "properties", "type", "format") as? String == "uri-reference")
        #expect(openAPIValue(schema, "properties", "status", "type") as? String == "integer")
        #expect(openAPIValue(schema, "properties", "errors", "items", "$ref") as? String == "#/components/schemas/FieldError")
    }

    @Test("envelope: application/json {error: {code, message, details, request_id}}")
    func envelope() throws {
        let schema = try errorSchema(.envelope, contentType: "application/json", schemaName: "ErrorEnvelope")
        #expect(schema["required"] as? [String] == ["error"])
        let inner = try #require(openAPIValue(schema, "properties", "error") as? [String: Any])
        #expect(inner["required"] as? [String] == ["code", "message", "details", "request_id"])
        #expect(openAPIValue(inner, "properties", "details", "items", "$ref") as? String == "#/components/schemas/FieldError")
    }

    @Test("flat: application/json {error_code, message, request_id, errors}")
    func flat() throws {
        let schema = try errorSchema(.flat, contentType: "application/json", schemaName: "FlatError")
        #expect(schema["required"] as? [String] == ["error_code", "message", "request_id", "errors"])
        #expect(openAPIValue(schema, "properties", "errors", "items", "$ref") as? String == "#/components/schemas/FieldError")
    }

    @Test("a table whose PascalCase name collides with an error schema is refused")
    func componentCollision() throws {
        let problem = TableSchema(
            file: "Schemas/demo/tables/problem.json", name: "problem", description: "Clashes with Problem.",
            fields: [FieldSchema(name: "name", type: .string, description: "Name")])
        let error = try #require(throws: OpenAPIBuildError.self) {
            try OpenAPIBuilder.document(for: OpenAPIFixture.app(tables: [problem], endpoints: []))
        }
        #expect(error.code == .duplicateComponentName)
    }
}
