import Testing

@testable import SchemaModel

/// The declarations that let an app reproduce an existing API (`naming`, `envelopes`, `errors`,
/// `headers`, `routes`, a table's `path`, `routes`, `listParameters`, prefixed keys): parsed
/// into the model, and every bad value reported at its file and JSON path.
@Suite("Fidelity declarations of app.json and table files")
struct FidelityDeclarationTests {
    static let appPath = "Schemas/tasks/app.json"

    /// The fixture app with `members` added to its required keys.
    static func app(_ members: String) -> SchemaFile {
        TestSchemas.file(
            appPath,
            #"{"name": "tasks", "title": "Tasks API", "version": "1.0.0", "description": "Tracks tasks.", \#(members)}"#)
    }

    static let users = #""email": {"type": "email", "description": "Login address.", "required": true}"#

    @Test("every declaration is read into the model")
    func parsed() throws {
        let files = TestSchemas.files(
            Self.app(#"""
                "naming": "camelCase",
                "envelopes": {"record": {"wrap": "data"}, "list": {"items": "data", "metadata": ["total", "page"], "nest": "pagination"},
                              "request": {"wrap": "fields", "optional": true}},
                "errors": {"codes": {"NOT_FOUND": "RESOURCE_NOT_FOUND", "VALIDATION_ERROR": {"code": "INVALID", "status": 400}}},
                "headers": {"requestId": "X-Correlation-Id"},
                "routes": {"health": "/status"}
                """#),
            TestSchemas.table(
                "users", fields: Self.users,
                extra: #"""
                    "primaryKey": {"name": "user_id", "type": "prefixed", "prefix": "usr_"},
                    "path": "/api/people",
                    "routes": {"get": ["/api/people/{id}", "/legacy/people/{id}"], "batch": false},
                    "envelopes": {"request": false},
                    "listParameters": {"since": {"field": "created_at", "compare": "gte", "description": "Created at or after."}}
                    """#))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(render(TestSchemas.diagnostics(files)))")
            return
        }
        let app = try #require(loaded.schemas.apps.first)
        #expect(app.config.naming == .camelCase)
        #expect(app.config.envelopes.record == .init(wrap: "data"))
        #expect(app.config.envelopes.list == .init(items: "data", metadata: [.total, .page], nest: "pagination"))
        #expect(app.config.envelopes.request == .init(wrap: "fields", optional: true))
        #expect(app.config.errors.codes.map(\.loomCode) == ["NOT_FOUND", "VALIDATION_ERROR"])
        #expect(app.config.errors.codes.last?.status == 400)
        #expect(app.config.headers == HeaderNamesSchema(requestId: "X-Correlation-Id"))
        #expect(app.config.routes["health"]?.paths == ["/status"])
        let table = try #require(app.tables.first { $0.name == "users" })
        #expect(table.primaryKey == PrimaryKeySchema(name: "user_id", type: .prefixed, prefix: "usr_"))
        #expect(table.path == "/api/people")
        #expect(table.routes[.get]?.paths == ["/api/people/{id}", "/legacy/people/{id}"])
        #expect(table.routes[.batch]?.isOff == true)
        #expect(table.envelopes.request == .bare)
        #expect(table.listParameters == [.init(name: "since", field: "created_at", compare: .gte, description: "Created at or after.")])
        let routes = TableRoutes(table: table, basePath: "/v1")
        #expect(routes[.list] == ["/api/people"] && routes[.update] == ["/api/people/{id}"] && routes[.batch].isEmpty)
    }

    @Test("bad app declarations are reported at their paths")
    func invalidApp() {
        let style = TestSchemas.diagnostics(TestSchemas.files(Self.app(#""naming": "kebab-case""#)))
        expectDiagnostic(style, code: "unknown-value", file: Self.appPath, path: "naming", contains: "kebab-case")
        let result = TestSchemas.diagnostics(TestSchemas.files(Self.app(#"""
            "envelopes": {"list": {"items": "total", "metadata": ["total", "total"]}},
            "errors": {"codes": {"NOPE": "X", "NOT_FOUND": {"status": 200}}},
            "headers": {"apiKey": "Authorization", "requestId": "X Request"}
            """#)))
        let file = Self.appPath
        expectDiagnostic(result, code: "invalid-envelope", file: file, path: "envelopes.list.items", contains: "paging member")
        expectDiagnostic(result, code: "invalid-envelope", file: file, path: "envelopes.list.metadata[1]", contains: "twice")
        expectDiagnostic(result, code: "invalid-error-vocabulary", file: file, path: "errors.codes.NOPE", contains: "unknown Loom code")
        expectDiagnostic(result, code: "invalid-error-vocabulary", file: file, path: "errors.codes.NOT_FOUND.status", contains: "400 to 599")
        expectDiagnostic(result, code: "invalid-header-name", file: file, path: "headers.apiKey", contains: "already uses")
        expectDiagnostic(result, code: "invalid-header-name", file: file, path: "headers.requestId", contains: "letters, digits and -")
    }

    @Test("bad table declarations are reported at their paths")
    func invalidTable() {
        let result = TestSchemas.diagnostics(TestSchemas.files(TestSchemas.table(
            "users", fields: Self.users,
            extra: #"""
                "primaryKey": {"type": "prefixed"},
                "path": "/api/people/{id}",
                "routes": {"upsert": "/api/people/upsert"},
                "listParameters": {"since": {"field": "nope", "compare": "gte", "description": "Since."},
                                   "limit": {"field": "email", "compare": "eq", "description": "Clash."}}
                """#)))
        expectDiagnostic(result, code: "invalid-primary-key", path: "primaryKey.prefix", contains: "needs \"prefix\"")
        expectDiagnostic(result, code: "invalid-route", path: "path", contains: "takes no parameter")
        expectDiagnostic(result, code: "invalid-route", path: "routes.upsert", contains: "no upsert route")
        expectDiagnostic(result, code: "invalid-list-parameter", path: "listParameters.since.field", contains: "\"nope\"")
        expectDiagnostic(result, code: "invalid-list-parameter", path: "listParameters.limit", contains: "already a query parameter")
    }
}
