import Testing

@testable import SchemaModel

@Suite("Parser diagnostics")
struct ParserDiagnosticsTests {
    @Test("unknown field type names the path and suggests the closest type, in the printed format")
    func unknownFieldType() throws {
        let users = TestSchemas.table(
            "users", fields: #""email": {"type": "strng", "description": "Login.", "required": true}"#)
        let diagnostics = TestSchemas.diagnostics(TestSchemas.files(users))
        let diagnostic = try #require(
            expectDiagnostic(
                diagnostics, code: "unknown-value", path: "fields.email.type", contains: "unknown field type \"strng\"")
        )
        let allTypes = FieldType.allCases.map(\.rawValue).joined(separator: ", ")
        #expect(
            diagnostic.description
                == "Schemas/tasks/tables/users.json: error: unknown field type \"strng\"; use one of \(allTypes) "
                + "(did you mean \"string\"?) [at: fields.email.type]")
    }

    @Test("unknown key is reported at its own path with a suggestion")
    func unknownKey() {
        let users = TestSchemas.table(
            "users", fields: #""name": {"type": "string", "description": "Name.", "required": true, "maxLenght": 5}"#)
        let diagnostics = TestSchemas.diagnostics(TestSchemas.files(users))
        expectDiagnostic(
            diagnostics, code: "unknown-key", path: "fields.name.maxLenght", contains: "(did you mean \"maxLength\"?)")
    }

    @Test("missing description is reported where it belongs")
    func missingDescription() {
        let users = TestSchemas.table("users", fields: #""name": {"type": "string", "required": true}"#)
        let diagnostics = TestSchemas.diagnostics(TestSchemas.files(users))
        expectDiagnostic(
            diagnostics, code: "missing-key", path: "fields.name.description",
            contains: "missing required key \"description\"")
    }

    @Test("wrong JSON kinds say what was expected and found")
    func wrongType() {
        let users = TestSchemas.table(
            "users",
            fields: #""age": {"type": "integer", "description": "Age.", "required": "true", "maxLength": 2.5}"#,
            extra: #""indexes": [{"fields": ["age", 3]}]"#)
        let diagnostics = TestSchemas.diagnostics(TestSchemas.files(users))
        expectDiagnostic(
            diagnostics, code: "wrong-type", path: "fields.age.required",
            contains: "expected a boolean (true or false), found a string; remove the quotes around true")
        expectDiagnostic(
            diagnostics, code: "wrong-type", path: "fields.age.maxLength",
            contains: "expected an integer, found a number")
        expectDiagnostic(
            diagnostics, code: "wrong-type", path: "indexes[0].fields[1]",
            contains: "expected a string, found an integer")
    }

    @Test("invalid JSON reports line and column")
    func invalidJSON() {
        let users = TestSchemas.file(TestSchemas.usersPath, "{\n  \"name\": \"users\"\n  \"description\": \"x\"\n}")
        let diagnostics = TestSchemas.diagnostics(TestSchemas.files(users))
        expectDiagnostic(
            diagnostics, code: "invalid-json", path: "",
            contains: "invalid JSON at line 3, column 3: expected ',' or '}' after object member")
    }

    @Test("files outside the layout and missing required files are reported")
    func fileLayout() {
        let files = [
            TestSchemas.file("Schemas/tasks/notes.json", "{}"),
            TestSchemas.file("Schemas/app.json", "{}"),
            TestSchemas.table("tags", fields: #""x": {"type": "string", "description": "x", "required": true}"#),
            TestSchemas.file("Schemas/billing/tables/invoices.json", "{}"),
        ]
        let diagnostics = TestSchemas.diagnostics(files)
        expectDiagnostic(
            diagnostics, code: "unexpected-file", file: "Schemas/tasks/notes.json", path: "",
            contains: "unexpected file; schema files live in Schemas/<app>/app.json, tables/ or endpoints/")
        expectDiagnostic(
            diagnostics, code: "unexpected-file", file: "Schemas/app.json", path: "", contains: "unexpected file")
        expectDiagnostic(diagnostics, code: "missing-file", file: "Schemas/loom.json", path: "", contains: "defaultApp")
        expectDiagnostic(
            diagnostics, code: "missing-file", file: "Schemas/tasks/app.json", path: "", contains: "has no app.json")
        expectDiagnostic(
            diagnostics, code: "missing-file", file: "Schemas/billing/app.json", path: "", contains: "has no app.json")
    }

    @Test("unknown choice values suggest the right spelling")
    func unknownChoices() {
        let app = TestSchemas.file(
            "Schemas/tasks/app.json",
            #"{"name": "tasks", "title": "T", "version": "1", "description": "D.", "errorFormat": "problems"}"#)
        let endpoint = TestSchemas.endpoint(
            "ping", #""method": "get", "path": "/ping", "response": {"description": "Pong."}"#)
        let users = TestSchemas.table(
            "users", fields: #""x": {"type": "string", "description": "x", "required": true}"#,
            extra: #""operations": ["list", "updte"]"#)
        let diagnostics = TestSchemas.diagnostics(TestSchemas.files(app, endpoint, users))
        expectDiagnostic(
            diagnostics, code: "unknown-value", file: "Schemas/tasks/app.json", path: "errorFormat",
            contains: "(did you mean \"problem\"?)")
        expectDiagnostic(
            diagnostics, code: "unknown-value", file: "Schemas/tasks/endpoints/ping.json", path: "method",
            contains: "(did you mean \"GET\"?)")
        expectDiagnostic(
            diagnostics, code: "unknown-value", path: "operations[1]", contains: "(did you mean \"update\"?)")
    }

    @Test("every problem in every file is reported in one run")
    func multipleProblemsInMultipleFiles() {
        let users = TestSchemas.table(
            "users",
            fields: #"""
                "email": {"type": "strng", "description": "Login."},
                "name": {"type": "string"}
                """#,
            extra: #""timestamp": true"#)
        let tasks = TestSchemas.file("Schemas/tasks/tables/tasks.json", #"{"name": "tasks",}"#)
        let endpoint = TestSchemas.endpoint("ping", #""method": "GET", "path": "/ping""#)
        let diagnostics = TestSchemas.diagnostics(TestSchemas.files(users, tasks, endpoint))
        expectDiagnostic(diagnostics, code: "unknown-value", path: "fields.email.type", contains: "strng")
        expectDiagnostic(diagnostics, code: "missing-key", path: "fields.name.description", contains: "description")
        expectDiagnostic(
            diagnostics, code: "unknown-key", path: "timestamp", contains: "(did you mean \"timestamps\"?)")
        expectDiagnostic(
            diagnostics, code: "invalid-json", file: "Schemas/tasks/tables/tasks.json", path: "",
            contains: "line 1, column 17: trailing comma")
        expectDiagnostic(
            diagnostics, code: "missing-key", file: "Schemas/tasks/endpoints/ping.json", path: "response",
            contains: "missing required key \"response\"")
        #expect(diagnostics.count == 5, "\(render(diagnostics))")
        #expect(diagnostics == diagnostics.sorted())
    }

    @Test("a root that is not an object is a wrong-type error")
    func rootNotObject() {
        let diagnostics = TestSchemas.diagnostics(TestSchemas.files(TestSchemas.file("Schemas/loom.json", "[]")))
        expectDiagnostic(
            diagnostics, code: "wrong-type", file: "Schemas/loom.json", path: "",
            contains: "expected an object, found an array")
    }
}

@Suite("Suggestion")
struct SuggestionTests {
    @Test("edit distance counts a swap of neighbours as one edit")
    func editDistance() {
        #expect(Suggestion.editDistance("nmae", "name") == 1)
        #expect(Suggestion.editDistance("strng", "string") == 1)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.editDistance("", "abc") == 3)
    }

    @Test("suggests only plausible typos")
    func closest() {
        #expect(Suggestion.closest(to: "Maxlength", among: SchemaKeys.field.accepted) == "maxLength")
        #expect(Suggestion.closest(to: "colour", among: SchemaKeys.field.accepted) == nil)
    }
}
