import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator

@Suite("OpenAPI: document, paths and operations")
struct OpenAPIDocumentTests {
    @Test("declares OpenAPI 3.1 with info (the timestamp format said once) and a root server")
    func header() throws {
        let json = try OpenAPIFixture.json()
        let version = try #require(json["openapi"] as? String)
        #expect(version.hasPrefix("3.1"))
        #expect(openAPIValue(json, "info", "title") as? String == "Demo API")
        #expect(openAPIValue(json, "info", "version") as? String == "1.2.0")
        // The app's description, then how every timestamp is written (for generated clients).
        let description = try #require(openAPIValue(json, "info", "description") as? String)
        #expect(description.hasPrefix("A demo.\n\n"))
        #expect(description.contains("iso8601WithFractionalSeconds"))
        // No declared servers: an absolute, templated local server (not a relative "/").
        #expect(openAPIValue(json, "servers", 0, "url") as? String == "{scheme}://{host}")
        #expect(openAPIValue(json, "servers", 0, "variables", "host", "default") as? String == "127.0.0.1:8080")
        #expect(openAPIValue(json, "info", "contact") == nil && openAPIValue(json, "info", "license") == nil)
    }

    @Test("declared servers, contact and license are the document's")
    func declaredInfo() throws {
        let app = #"""
            {"name": "mini", "title": "Mini", "version": "1.0.0", "description": "A small app.",
             "openapi": {"servers": [{"url": "https://api.mini.example", "description": "Production"}, {"url": "http://127.0.0.1:9000/"}],
                         "contact": {"name": "Mini team", "email": "api@mini.example"},
                         "license": {"name": "MIT", "url": "https://opensource.org/license/mit"}}}
            """#
        let files = try Fixtures.generate(["app.json": app, "tables/notes.json": Fixtures.notesTable, "tables/owners.json": Fixtures.ownersTable])
        let text = try #require(files["Generated/Mini/openapi.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(openAPIValue(json, "servers", 0, "url") as? String == "https://api.mini.example")
        #expect(openAPIValue(json, "servers", 0, "description") as? String == "Production")
        #expect(openAPIValue(json, "servers", 1, "url") as? String == "http://127.0.0.1:9000/")
        #expect(openAPIValue(json, "info", "contact", "email") as? String == "api@mini.example")
        #expect(openAPIValue(json, "info", "license", "url") as? String == "https://opensource.org/license/mit")
        #expect(openAPIValue(json, "info", "license", "identifier") == nil)
    }

    @Test("every route has its operationId")
    func operationIDs() throws {
        let json = try OpenAPIFixture.json()
        let expected: [(String, String, String)] = [
            ("/health", "get", "health"),
            ("/health/live", "get", "healthLive"),
            ("/health/ready", "get", "healthReady"),
            ("/openapi.json", "get", "openapiDocument"),
            ("/docs", "get", "docs"),
            ("/v1/tasks", "get", "listTasks"),
            ("/v1/tasks", "post", "createTask"),
            ("/v1/tasks/{id}", "get", "getTask"),
            ("/v1/tasks/{id}", "put", "replaceTask"),
            ("/v1/tasks/{id}", "patch", "updateTask"),
            ("/v1/tasks/{id}", "delete", "deleteTask"),
            ("/v1/tasks/batch", "post", "batchTasks"),
            ("/v1/projects", "get", "listProjects"),
            ("/v1/projects/{id}/summary", "post", "projectSummary"),
            ("/v1/maintenance/purge", "delete", "purge"),
        ]
        for (path, method, operationID) in expected {
            #expect(openAPIValue(json, "paths", path, method, "operationId") as? String == operationID, "\(method) \(path)")
        }
        let paths = try #require(json["paths"] as? [String: Any])
        #expect(paths.count == 13, "\(paths.keys.sorted())")
        #expect(openAPIValue(json, "paths", "/v1/tasks/batch", "post", "requestBody", "content", "application/json", "schema", "$ref") as? String
            == "#/components/schemas/TaskBatch")
        #expect(openAPIValue(json, "components", "schemas", "TaskBatch", "properties", "operations", "maxItems") as? Int == 100)
    }

    @Test("tags: one per table, operations, system; sorted; endpoints grouped by path")
    func tags() throws {
        let json = try OpenAPIFixture.json()
        let tags = try #require(json["tags"] as? [[String: Any]])
        #expect(tags.compactMap { $0["name"] as? String } == ["operations", "projects", "system", "tasks"])
        #expect(tags.last?["description"] as? String == "Work items.")
        #expect(openAPIValue(json, "paths", "/v1/projects/{id}/summary", "post", "tags", 0) as? String == "projects")
        #expect(openAPIValue(json, "paths", "/v1/maintenance/purge", "delete", "tags", 0) as? String == "operations")
        #expect(openAPIValue(json, "paths", "/health", "get", "tags", 0) as? String == "system")
        #expect(openAPIValue(json, "paths", "/v1/tasks", "get", "tags", 0) as? String == "tasks")
    }

    @Test("built-in routes document their bodies")
    func systemRoutes() throws {
        let json = try OpenAPIFixture.json()
        let health = "#/components/schemas/HealthStatus"
        for path in ["/health", "/health/ready"] {
            #expect(openAPIValue(json, "paths", path, "get", "responses", "200", "content", "application/json", "schema", "$ref") as? String == health)
            #expect(openAPIValue(json, "paths", path, "get", "responses", "503", "content", "application/json", "schema", "$ref") as? String == health)
        }
        #expect(openAPIValue(json, "paths", "/health/live", "get", "responses", "503") == nil)
        #expect(openAPIValue(json, "components", "schemas", "HealthStatus", "required") as? [String] == ["status", "app"])
        #expect(openAPIValue(json, "paths", "/openapi.json", "get", "responses", "200", "content", "application/json", "schema", "type") as? String == "object")
        #expect(openAPIValue(json, "paths", "/docs", "get", "responses", "200", "content", "text/html", "schema", "type") as? String == "string")
    }

    @Test("table operations list exactly their statuses, with X-Request-Id on every response")
    func tableStatuses() throws {
        let json = try OpenAPIFixture.json()
        // Every operation also answers the request limits' statuses (RequestLimitDocumentation).
        let limits: Set<String> = ["400", "414", "431", "504"]
        let expected: [(String, String, Set<String>)] = [
            ("/v1/tasks", "get", ["200", "400", "500", "503"]),
            ("/v1/tasks/{id}", "get", ["200", "304", "400", "404", "500", "503"]),
            ("/v1/tasks", "post", ["201", "400", "409", "413", "415", "422", "500", "503"]),
            ("/v1/tasks/{id}", "put", ["200", "400", "404", "409", "412", "413", "415", "422", "500", "503"]),
            ("/v1/tasks/{id}", "patch", ["200", "400", "404", "409", "412", "413", "415", "422", "500", "503"]),
            ("/v1/tasks/{id}", "delete", ["204", "404", "409", "412", "500", "503"]),
        ]
        for (path, method, statuses) in expected {
            let responses = try #require(openAPIValue(json, "paths", path, method, "responses") as? [String: Any])
            #expect(Set(responses.keys) == statuses.union(limits), "\(method) \(path)")
        }
        #expect(openAPIValue(json, "paths", "/v1/tasks", "get", "responses", "414", "$ref") as? String == "#/components/responses/URITooLong")
        #expect(openAPIValue(json, "paths", "/health", "get", "responses", "431", "$ref") as? String
            == "#/components/responses/RequestHeaderFieldsTooLarge")
        #expect(openAPIValue(json, "paths", "/v1/tasks/{id}", "delete", "responses", "400", "$ref") as? String == "#/components/responses/BadRequest")
        #expect(openAPIValue(json, "paths", "/v1/tasks/{id}", "delete", "responses", "504", "$ref") as? String == "#/components/responses/GatewayTimeout")
        #expect(openAPIValue(json, "paths", "/v1/tasks/{id}", "get", "responses", "404", "$ref") as? String == "#/components/responses/NotFound")
        let created = try #require(openAPIValue(json, "paths", "/v1/tasks", "post", "responses", "201") as? [String: Any])
        #expect(openAPIValue(created, "headers", "X-Request-Id", "$ref") as? String == "#/components/headers/RequestId")
        #expect(openAPIValue(created, "headers", "Location", "description") as? String == "URL of the new record")
        #expect(openAPIValue(created, "headers", "ETag", "required") as? Bool == true)
        #expect(openAPIValue(json, "paths", "/v1/tasks/{id}", "get", "responses", "304", "headers", "ETag") != nil)
        #expect(openAPIValue(json, "paths", "/v1/tasks/{id}", "get", "parameters", 1, "$ref") as? String == "#/components/parameters/IfNoneMatch")
        #expect(openAPIValue(json, "paths", "/v1/tasks/{id}", "patch", "parameters", 1, "$ref") as? String == "#/components/parameters/IfMatch")
        #expect(openAPIValue(json, "paths", "/v1/tasks/{id}", "delete", "responses", "412", "$ref") as? String == "#/components/responses/PreconditionFailed")
        #expect(openAPIValue(created, "content", "application/json", "schema", "$ref") as? String == "#/components/schemas/Task")
        #expect(openAPIValue(json, "paths", "/v1/tasks/{id}", "delete", "responses", "204", "content") == nil)
        #expect(openAPIValue(json, "paths", "/v1/tasks", "post", "requestBody", "required") as? Bool == true)
        #expect(openAPIValue(json, "paths", "/v1/tasks/{id}", "patch", "requestBody", "content", "application/json", "schema", "$ref") as? String
            == "#/components/schemas/TaskUpdate")
        #expect(openAPIValue(json, "paths", "/v1/tasks/{id}", "put", "requestBody", "content", "application/json", "schema", "$ref") as? String
            == "#/components/schemas/TaskCreate")
    }

    @Test("the item path parameter is `id`, typed and described by the primary key")
    func idParameter() throws {
        let json = try OpenAPIFixture.json()
        let taskID = try #require(openAPIValue(json, "paths", "/v1/tasks/{id}", "get", "parameters", 0) as? [String: Any])
        #expect(taskID["name"] as? String == "id")
        #expect(taskID["in"] as? String == "path")
        #expect(taskID["required"] as? Bool == true)
        #expect(taskID["description"] as? String == "The record's task_id.")
        #expect(openAPIValue(taskID, "schema", "type") as? String == "integer")
        #expect(openAPIValue(taskID, "schema", "format") as? String == "int64")
        #expect(openAPIValue(json, "paths", "/v1/projects/{id}", "get", "parameters", 0, "schema", "format") as? String == "uuid")
    }

    @Test("list takes limit, offset, filter, sort, cursor, count, aggregate and one equality shorthand per filterable field")
    func listParameters() throws {
        let json = try OpenAPIFixture.json()
        let parameters = try #require(openAPIValue(json, "paths", "/v1/tasks", "get", "parameters") as? [[String: Any]])
        #expect(parameters[0]["$ref"] as? String == "#/components/parameters/Limit")
        #expect(parameters[1]["$ref"] as? String == "#/components/parameters/Offset")
        #expect(parameters[2]["name"] as? String == "filter")
        let filterDescription = try #require(parameters[2]["description"] as? String)
        #expect(filterDescription.contains("`~` (contains, ignoring case)"))
        #expect(filterDescription.contains("Filterable fields: task_id, title,"))
        #expect(parameters[3]["name"] as? String == "sort")
        #expect(parameters[4]["$ref"] as? String == "#/components/parameters/Cursor")
        #expect(parameters[5]["$ref"] as? String == "#/components/parameters/Count")
        #expect(openAPIValue(json, "components", "parameters", "Count", "schema", "enum") as? [String] == ["exact", "none"])
        #expect(parameters[6]["name"] as? String == "aggregate")
        let aggregate = try #require(parameters[6]["description"] as? String)
        #expect(aggregate.contains("`sum` and `avg` take: priority, estimate.") && aggregate.contains("`min` and `max` take: priority, estimate, due, completed_at."), "\(aggregate)")
        #expect(parameters[7]["name"] as? String == "fields")
        #expect(parameters[8]["name"] as? String == "expand")
        let filters = parameters.dropFirst(9).compactMap { $0["name"] as? String }
        #expect(filters == [
            "title", "priority", "estimate", "done", "due", "completed_at", "external_ref", "owner_email", "link",
            "status", "project_id", "secret_code",
        ])
        let status = try #require(parameters.first { $0["name"] as? String == "status" })
        #expect(status["description"] as? String == "Only records whose status equals this value (shorthand for `filter=status = value`).")
        #expect(status["required"] as? Bool != true)
        #expect(openAPIValue(status, "schema", "$ref") as? String == "#/components/schemas/TaskStatus")
        #expect(openAPIValue(json, "components", "schemas", "TaskStatus", "enum") as? [String] == ["open", "closed"])
        #expect(openAPIValue(status, "schema", "default") == nil)
        let limit = try #require(openAPIValue(json, "components", "parameters", "Limit") as? [String: Any])
        #expect(openAPIValue(limit, "schema", "minimum") as? Int == 1)
        #expect(openAPIValue(limit, "schema", "maximum") as? Int == 50)
        #expect(openAPIValue(limit, "schema", "default") as? Int == 25)
        #expect(openAPIValue(json, "components", "parameters", "Offset", "schema", "minimum") as? Int == 0)
        #expect(openAPIValue(json, "components", "schemas", "TaskPage", "required") as? [String] == ["items", "total", "limit", "offset", "next_cursor"])
        #expect(openAPIValue(json, "components", "schemas", "TaskPage", "properties", "total", "type") as? [String] == ["integer", "null"])
        // `fields=` answers partial records: the whole record first, then the selection with nothing required.
        #expect(openAPIValue(json, "components", "schemas", "TaskPage", "properties", "items", "items", "anyOf", 0, "$ref") as? String
            == "#/components/schemas/Task")
        #expect(openAPIValue(json, "components", "schemas", "TaskPage", "properties", "items", "items", "anyOf", 1, "$ref") as? String
            == "#/components/schemas/TaskSelection")
        #expect(openAPIValue(json, "components", "schemas", "TaskSelection", "required") == nil)
        #expect(openAPIValue(json, "components", "parameters", "Offset", "schema", "default") == nil, "clients would send it with cursor")
    }

    @Test("only declared operations are documented")
    func partialOperations() throws {
        var readOnlyTasks = OpenAPIFixture.tasks
        readOnlyTasks.operations = [.list, .get]
        let json = try OpenAPIFixture.json(OpenAPIFixture.app(tables: [OpenAPIFixture.projects, readOnlyTasks], endpoints: []))
        #expect(openAPIValue(json, "paths", "/v1/tasks", "post") == nil)
        #expect(openAPIValue(json, "paths", "/v1/tasks/{id}", "get", "operationId") as? String == "getTask")
        #expect(openAPIValue(json, "paths", "/v1/tasks/{id}", "delete") == nil)
        #expect(openAPIValue(json, "components", "schemas", "TaskCreate") == nil)
        #expect(openAPIValue(json, "components", "schemas", "TaskUpdate") == nil)
        #expect(openAPIValue(json, "components", "schemas", "Task") != nil)
        let tags = try #require(json["tags"] as? [[String: Any]])
        #expect(!tags.contains { $0["name"] as? String == "operations" })
    }

    @Test("two builds are byte-identical and end with a newline")
    func determinism() throws {
        let first = try OpenAPIBuilder.document(for: OpenAPIFixture.app())
        let second = try OpenAPIBuilder.document(for: OpenAPIFixture.app())
        #expect(first == second)
        #expect(first.hasSuffix("}\n"))
        #expect(!first.contains("\\/"))
    }
}
