import Testing

@testable import SchemaModel

@Suite("SchemaParser")
struct SchemaParserTests {
    static let appFile = TestSchemas.file(
        "Schemas/tasks/app.json",
        #"""
        {
          "$schema": "../loom-schema.json#/$defs/app",
          "name": "tasks", "title": "Tasks API", "version": "2.1.0", "description": "Tracks tasks.",
          "basePath": "/api/v2", "errorFormat": "envelope",
          "limits": {"maxBodyBytes": 2048, "defaultPageSize": 10}
        }
        """#)

    static let tasksTable = TestSchemas.file(
        "Schemas/tasks/tables/tasks.json",
        #"""
        {
          "$schema": "../../loom-schema.json#/$defs/table",
          "name": "tasks",
          "description": "Work items.",
          "primaryKey": {"name": "task_id", "type": "integer"},
          "timestamps": false,
          "operations": ["list", "get", "create"],
          "fields": {
            "title": {"type": "string", "description": "Short title.", "required": true, "minLength": 1,
                      "maxLength": 200, "pattern": "^\\S.*$", "example": "Write docs"},
            "status": {"type": "enum", "description": "Progress.", "values": ["open", "done"], "default": "open"},
            "priority": {"type": "integer", "description": "Urgency.", "min": 1, "max": 5.0, "default": 3},
            "owner": {"type": "relation", "description": "Assignee.", "table": "users", "nullable": true,
                      "onDelete": "setNull"},
            "code": {"type": "string", "description": "External code.", "unique": true, "readOnly": true,
                     "nullable": true},
            "meta": {"type": "json", "description": "Anything.", "default": {"b": [1, 2.5, null]}}
          },
          "indexes": [{"fields": ["status", "priority"]}, {"name": "tasks_owner_code", "fields": ["owner", "code"], "unique": true}]
        }
        """#)

    static let searchEndpoint = TestSchemas.file(
        "Schemas/tasks/endpoints/search_tasks.json",
        #"""
        {
          "name": "search_tasks",
          "method": "POST",
          "path": "/projects/{project_id}/search",
          "summary": "Search tasks.",
          "description": "Full-text search over a project's tasks.",
          "pathParameters": {"project_id": {"type": "uuid", "description": "Project."}},
          "queryParameters": {"limit": {"type": "integer", "description": "Page size.", "default": 20}},
          "requestBody": {"description": "The query.", "fields": {
            "query": {"type": "string", "description": "Words.", "required": true}
          }},
          "response": {"status": 201, "description": "Matches.", "fields": {
            "items": {"type": "array", "description": "Matching tasks.", "items": {"type": "object", "fields": {
              "id": {"type": "integer", "description": "Task id."},
              "tags": {"type": "array", "description": "Tags.", "items": {"type": "string", "description": "A tag."}}
            }}},
            "total": {"type": "integer", "description": "Match count."}
          }}
        }
        """#)

    @Test("parses app, table and endpoint files into typed values")
    func roundTrip() throws {
        let files = TestSchemas.files(Self.appFile, Self.tasksTable, Self.searchEndpoint)
        let (schemas, diagnostics) = SchemaParser.parse(files)
        #expect(diagnostics.isEmpty, "\(render(diagnostics))")
        let parsed = try #require(schemas)
        #expect(parsed.project == ProjectConfig(defaultApp: "tasks"))
        let app = try #require(parsed.apps.first)
        #expect(parsed.apps.count == 1)
        #expect(
            app.config
                == AppConfig(
                    file: "Schemas/tasks/app.json", name: "tasks", title: "Tasks API", version: "2.1.0",
                    description: "Tracks tasks.", basePath: "/api/v2", errorFormat: .envelope,
                    limits: LimitsSchema(maxBodyBytes: 2048, defaultPageSize: 10, maxPageSize: 100)))
        #expect(app.tables.map(\.name) == ["tasks", "users"])
        #expect(app.tables[0] == Self.expectedTasksTable)
        #expect(app.endpoints == [Self.expectedSearchEndpoint])
    }

    static let expectedTasksTable = TableSchema(
        file: "Schemas/tasks/tables/tasks.json", name: "tasks", description: "Work items.",
        primaryKey: PrimaryKeySchema(name: "task_id", type: .integer), timestamps: false,
        operations: [.list, .get, .create],
        fields: [
            FieldSchema(
                name: "title", type: .string, description: "Short title.", required: true, minLength: 1,
                maxLength: 200, pattern: #"^\S.*$"#, example: .string("Write docs")),
            FieldSchema(
                name: "status", type: .enum, description: "Progress.", defaultValue: .string("open"),
                values: ["open", "done"]),
            FieldSchema(
                name: "priority", type: .integer, description: "Urgency.", defaultValue: .integer(3), minimum: 1,
                maximum: 5),
            FieldSchema(
                name: "owner", type: .relation, description: "Assignee.", nullable: true, table: "users",
                onDelete: .setNull),
            FieldSchema(
                name: "code", type: .string, description: "External code.", nullable: true, unique: true,
                readOnly: true),
            FieldSchema(
                name: "meta", type: .json, description: "Anything.",
                defaultValue: .object([JSONMember(key: "b", value: .array([.integer(1), .number(2.5), .null]))])),
        ],
        indexes: [
            IndexSchema(fields: ["status", "priority"]),
            IndexSchema(name: "tasks_owner_code", fields: ["owner", "code"], unique: true),
        ])

    static let expectedSearchEndpoint = EndpointSchema(
        file: "Schemas/tasks/endpoints/search_tasks.json", name: "search_tasks", method: .POST,
        path: "/projects/{project_id}/search", summary: "Search tasks.",
        description: "Full-text search over a project's tasks.",
        pathParameters: [FieldSchema(name: "project_id", type: .uuid, description: "Project.")],
        queryParameters: [
            FieldSchema(name: "limit", type: .integer, description: "Page size.", defaultValue: .integer(20))
        ],
        requestBody: BodySchema(
            description: "The query.",
            fields: [FieldSchema(name: "query", type: .string, description: "Words.", required: true)]),
        response: ResponseSchema(
            status: 201, description: "Matches.",
            fields: [
                FieldSchema(
                    name: "items", type: .array, description: "Matching tasks.",
                    items: FieldSchema(
                        name: "items", type: .object, description: "Matching tasks.",
                        fields: [
                            FieldSchema(name: "id", type: .integer, description: "Task id."),
                            FieldSchema(
                                name: "tags", type: .array, description: "Tags.",
                                items: FieldSchema(name: "items", type: .string, description: "A tag.")),
                        ])),
                FieldSchema(name: "total", type: .integer, description: "Match count."),
            ]))

    @Test("applies the documented defaults")
    func defaults() throws {
        let (schemas, diagnostics) = SchemaParser.parse(
            TestSchemas.files(
                TestSchemas.endpoint("ping", #""method": "GET", "path": "/ping", "response": {"description": "Pong."}"#)
            ))
        #expect(diagnostics.isEmpty, "\(render(diagnostics))")
        let app = try #require(schemas?.apps.first)
        #expect(app.config.basePath == "/v1")
        #expect(app.config.errorFormat == .problem)
        #expect(app.config.limits == LimitsSchema())
        let users = try #require(app.tables.first)
        #expect(users.primaryKey == PrimaryKeySchema(name: "id", type: .uuid))
        #expect(users.timestamps)
        #expect(users.operations == TableOperation.allCases)
        #expect(users.indexes.isEmpty)
        #expect(users.fields.map(\.name) == ["email", "name"])
        #expect(app.endpoints.first?.response == ResponseSchema(status: 200, description: "Pong.", fields: []))
        #expect(app.endpoints.first?.requestBody == nil)
    }

    @Test("keeps field declaration order, which is not alphabetical")
    func fieldOrder() throws {
        let table = TestSchemas.table(
            "events",
            fields: ["zeta", "alpha", "mid", "beta"].map {
                #""\#($0)": {"type": "boolean", "description": "x", "default": false}"#
            }
            .joined(separator: ",\n"))
        let (schemas, _) = SchemaParser.parse(TestSchemas.files(table))
        let events = try #require(schemas?.apps.first?.tables.first { $0.name == "events" })
        #expect(events.fields.map(\.name) == ["zeta", "alpha", "mid", "beta"])
    }

    @Test("sorts apps, tables and endpoints by name")
    func sorting() throws {
        let files = TestSchemas.files(
            TestSchemas.table("b_items", fields: #""x": {"type": "string", "description": "x", "required": true}"#),
            TestSchemas.table("a_items", fields: #""x": {"type": "string", "description": "x", "required": true}"#),
            TestSchemas.file(
                "Schemas/admin/app.json",
                #"{"name": "admin", "title": "Admin", "version": "1", "description": "Admin."}"#),
            TestSchemas.file(
                "Schemas/admin/tables/accounts.json",
                #"{"name": "accounts", "description": "Accounts.", "fields": {"x": {"type": "uuid", "description": "x", "nullable": true}}}"#
            ))
        let (schemas, diagnostics) = SchemaParser.parse(files.reversed())
        #expect(diagnostics.isEmpty, "\(render(diagnostics))")
        let parsed = try #require(schemas)
        #expect(parsed.apps.map(\.config.name) == ["admin", "tasks"])
        #expect(parsed.apps[1].tables.map(\.name) == ["a_items", "b_items", "users"])
        #expect(parsed.apps[0].tables.first?.file == "Schemas/admin/tables/accounts.json")
    }

    @Test("ignores the editor schema and hidden files")
    func ignoredFiles() {
        let files = TestSchemas.files(
            TestSchemas.file("Schemas/loom-schema.json", "{}"),
            TestSchemas.file("Schemas/tasks/tables/.DS_Store", "\u{0}"))
        let (schemas, diagnostics) = SchemaParser.parse(files)
        #expect(schemas != nil)
        #expect(diagnostics.isEmpty, "\(render(diagnostics))")
    }
}
