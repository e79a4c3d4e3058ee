import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator

/// Names of the OpenAPI document: singular for one record (`getTask`, `Task`, `TaskCreate`), the
/// table name for lists and batches (`listTasks`, `batchTasks`), table enums as one component
/// each (`TaskStatus`), batch bodies as components (`TaskBatch`, `TaskBatchOperation`, ...).
@Suite("OpenAPI names: singular records, enum components, batch components")
struct OpenAPINamesTests {
    private static var people: TableSchema {
        var table = TableSchema(
            file: "Schemas/demo/tables/people.json", name: "people", description: "People.",
            fields: [FieldSchema(name: "mood", type: .enum, description: "How they feel.", required: true, values: ["calm", "busy"])],
            upsertKey: nil)
        table.singular = "person"
        table.softDelete = true
        return table
    }

    @Test("a declared singular names one record's operations and components; the list and batch keep the table name")
    func declaredSingular() throws {
        let json = try OpenAPIFixture.json(OpenAPIFixture.app(tables: [Self.people], endpoints: []))
        let expected: [(String, String, String)] = [
            ("/v1/people", "get", "listPeople"), ("/v1/people", "post", "createPerson"), ("/v1/people/{id}", "get", "getPerson"),
            ("/v1/people/{id}", "put", "replacePerson"), ("/v1/people/{id}", "patch", "updatePerson"),
            ("/v1/people/{id}", "delete", "deletePerson"), ("/v1/people/batch", "post", "batchPeople"),
            ("/v1/people/{id}/restore", "post", "restorePerson"),
        ]
        for (path, method, operationID) in expected {
            #expect(openAPIValue(json, "paths", path, method, "operationId") as? String == operationID, "\(method) \(path)")
        }
        let schemas = try #require(openAPIValue(json, "components", "schemas") as? [String: Any])
        for name in [
            "Person", "PersonCreate", "PersonUpdate", "PersonPage", "PersonSelection", "PersonMood", "PersonBatch", "PersonBatchOperation",
            "PersonBatchCreate", "PersonBatchReplace", "PersonBatchUpdate", "PersonBatchDelete", "PersonBatchResult", "PersonBatchResponse",
        ] {
            #expect(schemas[name] != nil, "\(name)")
        }
        #expect(!schemas.keys.contains { $0.hasPrefix("People") }, "\(schemas.keys.sorted())")
        #expect(openAPIValue(json, "paths", "/v1/people/{id}", "get", "responses", "200", "content", "application/json", "schema", "anyOf", 0, "$ref")
            as? String == "#/components/schemas/Person")
    }

    @Test("a table enum is one component that the record, both bodies, the selection and the list filter refer to")
    func enumComponent() throws {
        let json = try OpenAPIFixture.json()
        let reference = "#/components/schemas/TaskStatus"
        #expect(openAPIValue(json, "components", "schemas", "TaskStatus", "type") as? String == "string")
        #expect(openAPIValue(json, "components", "schemas", "TaskStatus", "enum") as? [String] == ["open", "closed"])
        #expect(openAPIValue(json, "components", "schemas", "TaskStatus", "description") as? String == "Workflow state")
        for schema in ["Task", "TaskCreate", "TaskUpdate", "TaskSelection"] {
            #expect(openAPIValue(json, "components", "schemas", schema, "properties", "status", "anyOf", 0, "$ref") as? String == reference, "\(schema)")
        }
        // The update body names no default: an absent member keeps its value.
        #expect(openAPIValue(json, "components", "schemas", "TaskUpdate", "properties", "status", "default") == nil)
        #expect(openAPIValue(json, "components", "schemas", "TaskCreate", "properties", "status", "default") as? String == "open")
        let parameters = try #require(openAPIValue(json, "paths", "/v1/tasks", "get", "parameters") as? [[String: Any]])
        let filter = try #require(parameters.first { $0["name"] as? String == "status" })
        #expect(openAPIValue(filter, "schema", "$ref") as? String == reference)
    }

    @Test("two enums that would share a component name with different values fail generation with a fix")
    func enumConflict() throws {
        var tasks = OpenAPIFixture.tasks
        tasks.fields.append(FieldSchema(name: "kind_status", type: .enum, description: "Kind.", values: ["a", "b"]))
        let kinds = TableSchema(
            file: "Schemas/demo/tables/task_kinds.json", name: "task_kinds", description: "Kinds.",
            fields: [FieldSchema(name: "status", type: .enum, description: "State.", values: ["on", "off"])])
        let error = try #require(throws: OpenAPIBuildError.self) {
            try OpenAPIBuilder.document(for: OpenAPIFixture.app(tables: [OpenAPIFixture.projects, tasks, kinds], endpoints: []))
        }
        #expect(error.code == .conflictingEnumeration)
        #expect(error.message.contains("\"TaskKindStatus\""))
        #expect(error.message.contains("declare a distinct \"singular\""))
        #expect(error.file == "Schemas/demo/tables/task_kinds.json")
    }

    @Test("a record and an enum component of one name are refused, naming the fix")
    func componentCollision() throws {
        var statuses = TableSchema(
            file: "Schemas/demo/tables/task_statuses.json", name: "task_statuses", description: "Statuses.",
            fields: [FieldSchema(name: "label", type: .string, description: "Label.")])
        statuses.singular = "task_status"
        let error = try #require(throws: OpenAPIBuildError.self) {
            try OpenAPIBuilder.document(for: OpenAPIFixture.app(tables: [OpenAPIFixture.projects, OpenAPIFixture.tasks, statuses], endpoints: []))
        }
        #expect(error.code == .duplicateComponentName)
        #expect(error.message.contains("\"TaskStatus\""))
        #expect(error.message.contains("declare a distinct \"singular\""))
    }

    @Test("the batch body is components: the batch, one operation (discriminated by action), one per action, the result")
    func batchComponents() throws {
        let json = try OpenAPIFixture.json()
        let body = openAPIValue(json, "paths", "/v1/tasks/batch", "post", "requestBody", "content", "application/json", "schema", "$ref")
        #expect(body as? String == "#/components/schemas/TaskBatch")
        #expect(openAPIValue(json, "paths", "/v1/tasks/batch", "post", "responses", "200", "content", "application/json", "schema", "$ref")
            as? String == "#/components/schemas/TaskBatchResponse")
        #expect(openAPIValue(json, "components", "schemas", "TaskBatch", "properties", "operations", "items", "$ref") as? String
            == "#/components/schemas/TaskBatchOperation")
        let operation = try #require(openAPIValue(json, "components", "schemas", "TaskBatchOperation") as? [String: Any])
        let variants = (operation["oneOf"] as? [[String: Any]])?.compactMap { $0["$ref"] as? String }
        #expect(variants == ["Create", "Replace", "Update", "Delete"].map { "#/components/schemas/TaskBatch" + $0 })
        #expect(openAPIValue(operation, "discriminator", "propertyName") as? String == "action")
        #expect(openAPIValue(operation, "discriminator", "mapping", "update") as? String == "#/components/schemas/TaskBatchUpdate")
        #expect(openAPIValue(json, "components", "schemas", "TaskBatchUpdate", "properties", "data", "$ref") as? String
            == "#/components/schemas/TaskUpdate")
        #expect(openAPIValue(json, "components", "schemas", "TaskBatchResponse", "properties", "results", "items", "$ref") as? String
            == "#/components/schemas/TaskBatchResult")
    }

    @Test("the upsert body is `<Singular>Upsert`: the create body with the upsert key required")
    func upsertBody() throws {
        var tasks = OpenAPIFixture.tasks
        tasks.fields[tasks.fields.firstIndex { $0.name == "external_ref" }!].unique = true
        tasks.upsertKey = "external_ref"
        let json = try OpenAPIFixture.json(OpenAPIFixture.app(tables: [OpenAPIFixture.projects, tasks], endpoints: []))
        #expect(openAPIValue(json, "paths", "/v1/tasks/upsert", "post", "operationId") as? String == "upsertTask")
        #expect(openAPIValue(json, "paths", "/v1/tasks/upsert", "post", "requestBody", "content", "application/json", "schema", "$ref") as? String
            == "#/components/schemas/TaskUpsert")
        #expect(openAPIValue(json, "components", "schemas", "TaskUpsert", "required") as? [String] == ["title", "external_ref"])
        #expect(openAPIValue(json, "components", "schemas", "TaskCreate", "required") as? [String] == ["title"])
        let plain = try OpenAPIFixture.json()
        #expect(openAPIValue(plain, "components", "schemas", "TaskUpsert") == nil, "no upsert key, no upsert body")
    }

    @Test("a table whose batch route is switched off has no batch components")
    func batchSwitchedOff() throws {
        var tasks = OpenAPIFixture.tasks
        tasks.routes[.batch] = RouteOverrideSchema(paths: [])
        let json = try OpenAPIFixture.json(OpenAPIFixture.app(tables: [OpenAPIFixture.projects, tasks], endpoints: []))
        #expect(openAPIValue(json, "paths", "/v1/tasks/batch") == nil)
        let schemas = try #require(openAPIValue(json, "components", "schemas") as? [String: Any])
        #expect(!schemas.keys.contains { $0.hasPrefix("TaskBatch") })
    }
}
