import Testing

@testable import SchemaModel

@Suite("SchemaPipeline")
struct SchemaPipelineTests {
    @Test("valid files load into schemas")
    func success() throws {
        let loaded = try SchemaPipeline.load(TestSchemas.files()).get()
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.schemas.apps.map(\.config.name) == ["tasks"])
        #expect(loaded.schemas.apps.first?.tables.map(\.name) == ["users"])
    }

    @Test("parse errors stop before validation")
    func parseErrorsSkipValidation() {
        // The table name mismatch would be a validation error; only the parse error is reported.
        let users = TestSchemas.file(
            TestSchemas.usersPath,
            #"{"name": "people", "description": "P.", "fields": {"x": {"type": 1, "description": "x"}}}"#)
        let diagnostics = TestSchemas.diagnostics(TestSchemas.files(users))
        #expect(diagnostics.map(\.code) == ["wrong-type"], "\(render(diagnostics))")
    }

    @Test("validation errors fail the load, sorted, with a printable summary")
    func validationErrors() throws {
        let project = TestSchemas.file("Schemas/loom.json", #"{"defaultApp": "nope"}"#)
        let users = TestSchemas.table(
            "users", fields: #""bio": {"type": "text", "description": "About."}"#,
            extra: #""indexes": [{"fields": ["bio"]}, {"fields": ["bio"]}]"#)
        guard case .failure(let list) = SchemaPipeline.load(TestSchemas.files(project, users)) else {
            Issue.record("expected the load to fail")
            return
        }
        #expect(list.diagnostics == list.diagnostics.sorted())
        #expect(list.errors.count == 3, "\(render(list.diagnostics))")
        #expect(list.description.hasPrefix("Schemas/loom.json: error: \"defaultApp\" names unknown app \"nope\""))
        #expect(list.description.hasSuffix("3 errors, 0 warnings"))
    }

    @Test("diagnostic codes are distinct kebab-case words")
    func codes() {
        let codes = SchemaDiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        for code in codes {
            #expect(code.allSatisfy { $0.isLowercase || $0 == "-" } && !code.hasPrefix("-") && !code.hasSuffix("-"), "\(code)")
        }
    }
}
