import Testing

@testable import SchemaModel

@Suite("Table, index and app validation")
struct TableAndAppValidationTests {
    private static let nameField = #""name": {"type": "string", "description": "Name.", "required": true}"#

    @Test("index on an unknown field, duplicate fields and duplicate index names")
    func indexes() {
        let users = TestSchemas.table(
            "users", fields: Self.nameField,
            extra: #"""
                "indexes": [
                  {"fields": ["nmae"]},
                  {"name": "by_name", "fields": ["name", "name"]},
                  {"fields": ["id", "created_at"]},
                  {"fields": []}
                ]
                """#)
        let tags = TestSchemas.table(
            "tags", fields: Self.nameField,
            extra: #""indexes": [{"name": "by_name", "fields": ["name"]}, {"name": "users", "fields": ["name"]}]"#)
        let result = TestSchemas.diagnostics(TestSchemas.files(users, tags))
        expectDiagnostic(
            result, code: "unknown-index-field", path: "indexes[0].fields[0]",
            contains:
                "index names unknown field \"nmae\"; use one of id, name, created_at, updated_at (did you mean \"name\"?)"
        )
        expectDiagnostic(result, code: "invalid-index", path: "indexes[1].fields[1]", contains: "appears twice")
        expectDiagnostic(result, code: "invalid-index", path: "indexes[3].fields", contains: "at least one field")
        expectDiagnostic(
            result, code: "duplicate-index-name", file: "Schemas/tasks/tables/users.json", path: "indexes[1].name",
            contains: "index name \"by_name\" is already used by indexes[0] of Schemas/tasks/tables/tags.json")
        expectDiagnostic(
            result, code: "duplicate-index-name", file: "Schemas/tasks/tables/tags.json", path: "indexes[1].name",
            contains: "already used by table \"users\"")
        #expect(result.count == 5, "\(render(result))")
    }

    @Test("an index on an already unique field is a warning, which does not fail the load")
    func redundantIndex() throws {
        let users = TestSchemas.table(
            "users", fields: #""email": {"type": "email", "description": "E.", "required": true, "unique": true}"#,
            extra: #""indexes": [{"fields": ["email"]}]"#)
        let loaded = try SchemaPipeline.load(TestSchemas.files(users)).get()
        #expect(loaded.warnings.map(\.code) == ["redundant-index"])
        #expect(loaded.warnings.first?.severity == .warning)
        #expect(loaded.warnings.first?.path == "indexes[0]")
    }

    @Test("table name must match the file; operations must be distinct; fields must not be empty")
    func tableShape() {
        let users = TestSchemas.file(
            TestSchemas.usersPath,
            #"{"name": "user", "description": "U.", "fields": {}, "operations": ["list", "get", "list"], "primaryKey": {"name": "Key"}}"#
        )
        let result = TestSchemas.diagnostics(TestSchemas.files(users))
        expectDiagnostic(
            result, code: "name-mismatch", path: "name",
            contains: "table name \"user\" must equal the file name \"users\"")
        expectDiagnostic(
            result, code: "invalid-operations", path: "operations[2]", contains: "\"list\" is listed twice")
        expectDiagnostic(result, code: "empty-fields", path: "fields", contains: "at least one field")
        expectDiagnostic(result, code: "invalid-name", path: "primaryKey.name", contains: "(e.g. \"key\")")
    }

    @Test("bad base path, limits and texts in app.json")
    func appConfig() {
        let app = TestSchemas.file(
            "Schemas/tasks/app.json",
            #"""
            {"name": "tasks", "title": " ", "version": "", "description": "Tracks.", "basePath": "/V1/",
             "limits": {"maxBodyBytes": 0, "defaultPageSize": 200, "maxPageSize": 100, "maxURLBytes": 0, "timeoutSeconds": -1}}
            """#)
        let result = TestSchemas.diagnostics(TestSchemas.files(app))
        let file = "Schemas/tasks/app.json"
        expectDiagnostic(
            result, code: "invalid-base-path", file: file, path: "basePath",
            contains: "base path \"/V1/\" must look like \"/v1\" or \"/api/v1\"")
        expectDiagnostic(
            result, code: "invalid-limit", file: file, path: "limits.maxBodyBytes", contains: "greater than 0")
        expectDiagnostic(
            result, code: "invalid-limit", file: file, path: "limits.maxURLBytes", contains: "greater than 0")
        expectDiagnostic(
            result, code: "invalid-limit", file: file, path: "limits.timeoutSeconds", contains: "found -1")
        expectDiagnostic(
            result, code: "invalid-limit", file: file, path: "limits.defaultPageSize",
            contains: "\"defaultPageSize\" (200) is greater than \"maxPageSize\" (100)")
        expectDiagnostic(result, code: "empty-value", file: file, path: "title", contains: "\"title\" is empty")
        expectDiagnostic(result, code: "empty-value", file: file, path: "version", contains: "\"version\" is empty")
    }

    @Test("defaultApp must name an existing app; app name must match its directory; apps need content")
    func projectAndApps() {
        let project = TestSchemas.file("Schemas/loom.json", #"{"defaultApp": "taks"}"#)
        let admin = TestSchemas.file(
            "Schemas/admin/app.json", #"{"name": "administration", "title": "A", "version": "1", "description": "A."}"#)
        let result = TestSchemas.diagnostics(TestSchemas.files(project, admin))
        expectDiagnostic(
            result, code: "unknown-app", file: "Schemas/loom.json", path: "defaultApp",
            contains:
                "\"defaultApp\" names unknown app \"taks\"; use one of administration, tasks (did you mean \"tasks\"?)")
        expectDiagnostic(
            result, code: "name-mismatch", file: "Schemas/admin/app.json", path: "name",
            contains: "app name \"administration\" must equal its directory name \"admin\"")
        expectDiagnostic(
            result, code: "empty-app", file: "Schemas/admin/app.json", path: "",
            contains: "declares no tables or endpoints")
    }
}

@Suite("Reserved list parameter names")
struct ReservedListParameterTests {
    @Test("a table field named like a list paging parameter is an error at its path")
    func pagingNames() {
        let table = TableSchema(
            file: "Schemas/tracker/tables/tasks.json", name: "tasks", description: "Tasks.",
            fields: [FieldSchema(name: "limit", type: .integer, description: "L.", required: true)])
        let app = AppSchema(
            config: AppConfig(file: "Schemas/tracker/app.json", name: "tracker", title: "T", version: "1", description: "D."),
            tables: [table], endpoints: [])
        let diagnostics = SchemaValidator.validate(ParsedSchemas(project: ProjectConfig(defaultApp: "tracker"), apps: [app]))
        let match = diagnostics.first { $0.path == "fields.limit" }
        #expect(match?.file == "Schemas/tracker/tables/tasks.json")
        #expect(match?.message.contains("list query parameter") == true)
    }
}
