import Testing

@testable import SchemaModel

@Suite("Endpoint validation")
struct EndpointValidationTests {
    private static let file = "Schemas/tasks/endpoints/"

    private func diagnostics(_ endpoints: SchemaFile...) -> [Diagnostic] {
        TestSchemas.diagnostics(TestSchemas.files(endpoints))
    }

    @Test("a path parameter used in the path must be declared, and a declared one used")
    func pathParameters() {
        let endpoint = TestSchemas.endpoint(
            "project_summary",
            #"""
            "method": "GET", "path": "/projects/{project_id}/summary/{day}",
            "pathParameters": {"day": {"type": "date", "description": "Day."}, "extra": {"type": "string", "description": "E."}},
            "response": {"description": "Summary."}
            """#)
        let result = diagnostics(endpoint)
        let file = Self.file + "project_summary.json"
        expectDiagnostic(
            result, code: "undeclared-path-parameter", file: file, path: "path",
            contains: "path parameter \"{project_id}\" is not declared; add \"project_id\" to \"pathParameters\"")
        expectDiagnostic(
            result, code: "unused-path-parameter", file: file, path: "pathParameters.extra", contains: "add \"{extra}\""
        )
        expectDiagnostic(
            result, code: "type-not-allowed", file: file, path: "pathParameters.day.type",
            contains: "a path parameter cannot be \"date\"")
    }

    @Test("an endpoint's own time budget must be positive")
    func timeoutSeconds() {
        let endpoint = TestSchemas.endpoint(
            "project_summary", #""method": "GET", "path": "/summary", "timeoutSeconds": 0, "response": {"description": "Summary."}"#)
        expectDiagnostic(
            diagnostics(endpoint), code: "invalid-limit", file: Self.file + "project_summary.json", path: "timeoutSeconds",
            contains: "\"timeoutSeconds\" must be greater than 0")
    }

    @Test("an endpoint may not take a route a table generates")
    func collisionWithTableRoute() {
        let endpoint = TestSchemas.endpoint(
            "fetch_user",
            #"""
            "method": "GET", "path": "/users/{user_id}",
            "pathParameters": {"user_id": {"type": "uuid", "description": "User."}},
            "response": {"description": "The user."}
            """#)
        let result = diagnostics(endpoint)
        expectDiagnostic(
            result, code: "route-conflict", file: Self.file + "fetch_user.json", path: "path",
            contains: "GET /users/{user_id} is already served by table \"users\" (operation \"get\")")
    }

    @Test("two endpoints may not share method and path, whatever their parameter names")
    func collisionBetweenEndpoints() {
        let first = TestSchemas.endpoint(
            "a_archive",
            #""method": "POST", "path": "/boards/{id}/archive", "pathParameters": {"id": {"type": "uuid", "description": "I."}}, "response": {"status": 204, "description": "Done."}"#
        )
        let second = TestSchemas.endpoint(
            "b_archive",
            #""method": "POST", "path": "/boards/{board}/archive", "pathParameters": {"board": {"type": "uuid", "description": "B."}}, "response": {"status": 204, "description": "Done."}"#
        )
        let result = diagnostics(first, second)
        expectDiagnostic(
            result, code: "route-conflict", file: Self.file + "b_archive.json", path: "path",
            contains: "is also declared by endpoint \"a_archive\" (Schemas/tasks/endpoints/a_archive.json)")
        #expect(result.count == 1, "\(render(result))")
    }

    @Test("no table route collision once the table drops the operation")
    func droppedOperationFreesRoute() {
        let users = TestSchemas.table(
            "users", fields: #""name": {"type": "string", "description": "N.", "required": true}"#,
            extra: #""operations": ["list", "create"]"#)
        let endpoint = TestSchemas.endpoint(
            "fetch_user",
            #""method": "GET", "path": "/users/{id}", "pathParameters": {"id": {"type": "uuid", "description": "I."}}, "response": {"description": "U."}"#
        )
        #expect(TestSchemas.diagnostics(TestSchemas.files(users, endpoint)).isEmpty)
    }

    @Test("response.recordLinks names a table with a read and a response field holding its key")
    func recordLinks() {
        let users = TestSchemas.table(
            "users", fields: #""name": {"type": "string", "description": "N.", "required": true}"#, extra: #""operations": ["list", "create", "get"]"#)
        let listed = TestSchemas.table(
            "notes", fields: #""body": {"type": "string", "description": "B.", "required": true}"#, extra: #""operations": ["list"]"#)
        func copy(_ links: String, field: String = "user_id") -> SchemaFile {
            TestSchemas.endpoint(
                "copy_user",
                #""method": "POST", "path": "/users/{id}/copy", "pathParameters": {"id": {"type": "uuid", "description": "I."}}, "response": {"status": 201, "description": "C.", "recordLinks": \#(links), "fields": {"\#(field)": {"type": "uuid", "description": "K.", "required": true}}}"#)
        }
        #expect(TestSchemas.diagnostics(TestSchemas.files(users, listed, copy(#"{"table": "users", "member": "user_id"}"#))).isEmpty)
        #expect(TestSchemas.diagnostics(TestSchemas.files(users, listed, copy(#"{"table": "users"}"#, field: "id"))).isEmpty)
        let file = Self.file + "copy_user.json"
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(users, listed, copy(#"{"table": "user"}"#))), code: "unknown-table", file: file,
            path: "response.recordLinks.table", contains: "\"user\" is not a table of the app")
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(users, listed, copy(#"{"table": "notes", "member": "user_id"}"#))), code: "invalid-record-links",
            file: file, path: "response.recordLinks.table", contains: "serves no get")
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(users, listed, copy(#"{"table": "users", "member": "user"}"#))), code: "invalid-record-links",
            file: file, path: "response.recordLinks.member", contains: "the response has no field \"user\"")
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(users, listed, copy(#"{"table": "users", "extra": 1}"#))), code: "unknown-key",
            file: file, path: "response.recordLinks.extra", contains: "extra")
    }

    @Test("bodies, statuses, parameter types and paths")
    func shape() {
        let endpoint = TestSchemas.endpoint(
            "list_things",
            #"""
            "method": "GET", "path": "/things//All",
            "queryParameters": {
              "filter": {"type": "json", "description": "F."},
              "owner": {"type": "relation", "description": "O.", "table": "users"},
              "limit": {"type": "integer", "description": "L.", "unique": true}
            },
            "requestBody": {"description": "B.", "fields": {}},
            "response": {"status": 204, "description": "R.", "fields": {
              "owner": {"type": "relation", "description": "O.", "table": "users"},
              "tags": {"type": "array", "description": "T."}
            }}
            """#)
        let result = diagnostics(endpoint)
        let file = Self.file + "list_things.json"
        expectDiagnostic(result, code: "invalid-path", file: file, path: "path", contains: "has an empty segment")
        expectDiagnostic(result, code: "invalid-path", file: file, path: "path", contains: "path segment \"All\"")
        expectDiagnostic(
            result, code: "type-not-allowed", file: file, path: "queryParameters.filter.type",
            contains: "a query parameter cannot be \"json\"")
        expectDiagnostic(
            result, code: "type-not-allowed", file: file, path: "queryParameters.owner.type",
            contains: "a query parameter cannot be \"relation\"")
        expectDiagnostic(
            result, code: "constraint-not-applicable", file: file, path: "queryParameters.limit.unique",
            contains: "only applies to table fields")
        expectDiagnostic(
            result, code: "request-body-not-allowed", file: file, path: "requestBody",
            contains: "GET endpoints take no request body")
        expectDiagnostic(
            result, code: "invalid-status", file: file, path: "response.fields", contains: "a 204 response has no body")
        expectDiagnostic(
            result, code: "type-not-allowed", file: file, path: "response.fields.owner.type",
            contains: "only allowed in table fields")
        expectDiagnostic(
            result, code: "missing-constraint", file: file, path: "response.fields.tags.items",
            contains: "needs \"items\"")
    }

    @Test("nested body fields are validated at their full path")
    func nestedBodyFields() {
        let endpoint = TestSchemas.endpoint(
            "report",
            #"""
            "method": "POST", "path": "/reports",
            "response": {"status": 418, "description": "R.", "fields": {
              "items": {"type": "array", "description": "I.", "items": {"type": "object", "fields": {
                "score": {"type": "integer", "description": "S.", "min": 5, "max": 1}
              }}},
              "pairs": {"type": "array", "description": "P.", "default": [1, "x"], "items": {"type": "integer"}}
            }}
            """#)
        let result = diagnostics(endpoint)
        let file = Self.file + "report.json"
        expectDiagnostic(
            result, code: "invalid-status", file: file, path: "response.status", contains: "418 is not allowed")
        expectDiagnostic(
            result, code: "invalid-bounds", file: file, path: "response.fields.items.items.fields.score.min",
            contains: "is greater than \"max\"")
        expectDiagnostic(
            result, code: "invalid-default", file: file, path: "response.fields.pairs.default",
            contains: "element 1: expected an integer, found a string \"x\"")
    }
}
