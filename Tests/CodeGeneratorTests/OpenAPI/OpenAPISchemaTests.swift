import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator

@Suite("OpenAPI: component schemas")
struct OpenAPISchemaTests {
    private func property(_ json: [String: Any], _ schema: String, _ name: String) -> [String: Any]? {
        openAPIValue(json, "components", "schemas", schema, "properties", name) as? [String: Any]
    }

    @Test("the record requires the key, every field and the timestamps, in order")
    func recordRequired() throws {
        let json = try OpenAPIFixture.json()
        #expect(openAPIValue(json, "components", "schemas", "Task", "required") as? [String] == [
            "task_id", "title", "notes", "priority", "estimate", "done", "due", "completed_at", "external_ref",
            "owner_email", "link", "status", "metadata", "project_id", "secret_code", "created_at", "updated_at",
        ])
        let key = try #require(property(json, "Task", "task_id"))
        #expect(key["type"] as? String == "integer")
        #expect(key["readOnly"] as? Bool == true)
        #expect(property(json, "Task", "created_at")?["format"] as? String == "date-time")
        #expect(property(json, "Task", "updated_at")?["readOnly"] as? Bool == true)
        #expect(property(json, "Task", "secret_code")?["readOnly"] as? Bool == true)
        #expect(property(json, "Project", "id")?["format"] as? String == "uuid")
    }

    @Test("nullable fields are 3.1 type arrays, never `nullable`")
    func nullable() throws {
        let text = try OpenAPIBuilder.document(for: OpenAPIFixture.app())
        #expect(!text.contains("\"nullable\""))
        let json = try OpenAPIFixture.json()
        #expect(property(json, "Task", "notes")?["type"] as? [String] == ["string", "null"])
        #expect(property(json, "Task", "completed_at")?["type"] as? [String] == ["string", "null"])
        // A nullable enum: its component or null, the use's default beside them.
        let status = try #require(property(json, "Task", "status"))
        #expect(openAPIValue(status, "anyOf", 0, "$ref") as? String == "#/components/schemas/TaskStatus")
        #expect(openAPIValue(status, "anyOf", 1, "type") as? String == "null")
        #expect(status["default"] as? String == "open")
        #expect(openAPIValue(json, "components", "schemas", "TaskStatus", "enum") as? [String] == ["open", "closed"])
        // The empty schema already admits null; a type would narrow it.
        #expect(property(json, "Task", "metadata")?["type"] == nil)
        #expect(property(json, "Task", "title")?["type"] as? String == "string")
    }

    @Test("a json field that is not nullable is oneOf the five types but null, each a form both client generators read")
    func jsonNotNull() throws {
        let json = try OpenAPIFixture.json()
        let options = try #require(openAPIValue(json, "components", "schemas", "ProjectSummaryRequest", "properties", "options") as? [String: Any])
        #expect(options["not"] == nil)
        #expect(options["description"] as? String == "Free-form options")
        let variants = try #require(options["oneOf"] as? [[String: Any]])
        #expect(variants.map { $0["type"] as? String } == ["object", "array", "string", "number", "boolean"])
        // openapi-python-client refuses an array schema without `items`.
        #expect((variants[1]["items"] as? [String: Any])?.isEmpty == true)
        #expect(variants.allSatisfy { $0.count == ($0["type"] as? String == "array" ? 2 : 1) })
        // The component's example shows the field as any free-form value, not the object variant's `{}`.
        let example = openAPIValue(json, "components", "schemas", "ProjectSummaryRequest", "examples", 0, "options")
        #expect(example as? [String: String] == ["key": "value"])
    }

    @Test("field types map to JSON Schema types, formats and constraints")
    func fieldTypes() throws {
        let json = try OpenAPIFixture.json()
        let expectations: [(String, String, String?)] = [
            ("title", "string", nil), ("priority", "integer", "int64"), ("estimate", "number", "double"),
            ("done", "boolean", nil), ("due", "string", "date"), ("external_ref", "string", "uuid"),
            ("owner_email", "string", "email"), ("link", "string", "uri"),
        ]
        for (name, type, format) in expectations {
            let schema = try #require(property(json, "Task", name), "\(name)")
            #expect(schema["type"] as? String == type, "\(name)")
            #expect(schema["format"] as? String == format, "\(name)")
        }
        let title = try #require(property(json, "Task", "title"))
        #expect(title["minLength"] as? Int == 1)
        #expect(title["maxLength"] as? Int == 200)
        // Anchored as the runtime matches it, with `\S` and `.` spelled out as ECMA-262 reads them.
        let nonSpace = "[^\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]"
        #expect(title["pattern"] as? String == "^(?:^" + nonSpace + "[^\\n\\r\\u2028\\u2029]*$)$")
        #expect(title["description"] as? String == "Short title")
        let priority = try #require(property(json, "Task", "priority"))
        #expect(priority["minimum"] as? Int == 1)
        #expect(priority["maximum"] as? Int == 5)
        #expect(priority["default"] as? Int == 3)
        #expect(property(json, "Task", "estimate")?["examples"] as? [Double] == [1.5])
        #expect(property(json, "Task", "done")?["default"] as? Bool == false)
    }

    @Test("a relation has the target key's type and says what it references")
    func relation() throws {
        let json = try OpenAPIFixture.json()
        let project = try #require(property(json, "Task", "project_id"))
        #expect(project["type"] as? [String] == ["string", "null"])
        #expect(project["format"] as? String == "uuid")
        let description = try #require(project["description"] as? String)
        #expect(description.contains("References projects.id"))
    }

    @Test("an unknown relation target fails with a coded error")
    func unknownRelation() throws {
        let error = try #require(throws: OpenAPIBuildError.self) {
            try OpenAPIBuilder.document(for: OpenAPIFixture.app(tables: [OpenAPIFixture.tasks], endpoints: []))
        }
        #expect(error.code == .unknownRelationTarget)
        #expect(error.file == "Schemas/demo/tables/tasks.json")
    }

    @Test("Create holds only writable fields; Update requires none; both are closed")
    func inputSchemas() throws {
        let json = try OpenAPIFixture.json()
        let create = try #require(openAPIValue(json, "components", "schemas", "TaskCreate") as? [String: Any])
        let createProperties = try #require(create["properties"] as? [String: Any])
        for excluded in ["task_id", "created_at", "updated_at", "secret_code"] {
            #expect(createProperties[excluded] == nil, "\(excluded)")
        }
        #expect(createProperties.count == 13)
        #expect(create["required"] as? [String] == ["title"])
        #expect(create["additionalProperties"] as? Bool == false)
        #expect(openAPIValue(create, "properties", "priority", "default") as? Int == 3)
        #expect(!String(describing: create).contains("readOnly"))

        let update = try #require(openAPIValue(json, "components", "schemas", "TaskUpdate") as? [String: Any])
        // The writable fields, and the clear list naming the nullable ones (`ClearList`).
        #expect(Set((update["properties"] as? [String: Any] ?? [:]).keys) == Set(createProperties.keys).union(["clear"]))
        let clearable = try #require(openAPIValue(update, "properties", "clear", "items", "enum") as? [String])
        #expect(!clearable.contains("title") && clearable.allSatisfy { createProperties[$0] != nil }, "\(clearable)")
        #expect(update["required"] == nil)
        #expect(update["additionalProperties"] as? Bool == false)
        #expect(openAPIValue(update, "properties", "priority", "default") == nil)
    }

    @Test("custom endpoint: parameters, closed request body, response component and statuses")
    func endpoint() throws {
        let json = try OpenAPIFixture.json()
        let operation = try #require(openAPIValue(json, "paths", "/v1/projects/{id}/summary", "post") as? [String: Any])
        #expect(operation["summary"] as? String == "Summarize a project")
        #expect(operation["description"] as? String == "Counts the project's tasks.")
        let parameters = try #require(operation["parameters"] as? [[String: Any]])
        #expect(parameters.map { $0["name"] as? String } == ["id", "include_done", "since"])
        #expect(parameters.map { $0["in"] as? String } == ["path", "query", "query"])
        #expect(parameters[0]["required"] as? Bool == true)
        #expect(parameters[1]["required"] as? Bool != true)
        #expect(openAPIValue(parameters[1], "schema", "default") as? Bool == false)
        #expect(parameters[2]["required"] as? Bool == true)
        #expect(openAPIValue(operation, "requestBody", "required") as? Bool == true)
        #expect(openAPIValue(operation, "requestBody", "content", "application/json", "schema", "$ref") as? String
            == "#/components/schemas/ProjectSummaryRequest")
        let responses = try #require(operation["responses"] as? [String: Any])
        #expect(Set(responses.keys) == ["200", "400", "404", "409", "413", "414", "415", "422", "431", "500", "503", "504"])
        #expect(openAPIValue(responses, "200", "content", "application/json", "schema", "$ref") as? String
            == "#/components/schemas/ProjectSummaryResponse")

        let request = try #require(openAPIValue(json, "components", "schemas", "ProjectSummaryRequest") as? [String: Any])
        #expect(request["additionalProperties"] as? Bool == false)
        #expect(request["required"] as? [String] == ["note"])
        #expect(openAPIValue(request, "properties", "labels", "type") as? String == "array")
        #expect(openAPIValue(request, "properties", "labels", "minItems") as? Int == 1)
        #expect(openAPIValue(request, "properties", "labels", "maxItems") as? Int == 5)
        #expect(openAPIValue(request, "properties", "labels", "items", "type") as? String == "string")
        #expect(openAPIValue(request, "properties", "window", "required") as? [String] == ["from"])
        #expect(openAPIValue(request, "properties", "window", "additionalProperties") as? Bool == false)
        #expect(openAPIValue(json, "components", "schemas", "ProjectSummaryResponse", "required") as? [String] == ["total"])

        let purge = try #require(openAPIValue(json, "paths", "/v1/maintenance/purge", "delete", "responses") as? [String: Any])
        #expect(Set(purge.keys) == ["204", "400", "409", "414", "431", "500", "503", "504"])
        #expect(openAPIValue(purge, "204", "content") == nil)
        #expect(openAPIValue(json, "components", "schemas", "PurgeResponse") == nil)
    }

    @Test("an endpoint colliding with a table operation id is refused")
    func duplicateOperationID() throws {
        let clash = EndpointSchema(
            file: "Schemas/demo/endpoints/list_tasks.json", name: "list_tasks", method: .GET, path: "/tasks/open",
            description: "Open tasks.", response: ResponseSchema(description: "Task"))
        let error = try #require(throws: OpenAPIBuildError.self) {
            try OpenAPIBuilder.document(for: OpenAPIFixture.app(endpoints: [clash]))
        }
        #expect(error.code == .duplicateOperationID)
        #expect(error.file == "Schemas/demo/endpoints/list_tasks.json")
    }
}
