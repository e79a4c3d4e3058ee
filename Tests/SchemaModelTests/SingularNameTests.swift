import Testing

@testable import SchemaModel

/// `singular`: the name of one record, declared or derived by `SingularName`'s documented rule,
/// checked for form, derivability and collisions.
@Suite("Singular names of tables")
struct SingularNameTests {
    @Test("the default follows the documented rule, word by word on the last word only")
    func derivedRule() {
        let expected: [(String, String?)] = [
            ("projects", "project"), ("point_transactions", "point_transaction"), ("categories", "category"),
            ("entries", "entry"), ("ties", "tie"), ("addresses", "address"), ("batches", "batch"), ("wishes", "wish"),
            ("boxes", "box"), ("buzzes", "buzz"), ("matches", "match"), ("cases", "case"), ("responses", "response"),
            ("user_data", "user_data"), ("staff", "staff"), ("people", "people"),
            ("status", nil), ("access", nil), ("analysis", nil), ("news_status", nil), ("s", nil),
            ("statuses", nil), ("houses", nil), ("branches", nil), ("caches", nil), ("purchases", "purchase"),
        ]
        for (table, singular) in expected {
            #expect(SingularName.derived(from: table) == singular, "\(table)")
        }
    }

    @Test("a declared singular is parsed and wins over the default")
    func declared() throws {
        let files = TestSchemas.files(TestSchemas.table(
            "people", fields: #""name": {"type": "string", "description": "Name.", "required": true}"#, extra: #""singular": "person""#))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("the schema should load: \(render(TestSchemas.diagnostics(files)))")
            return
        }
        let people = try #require(loaded.schemas.apps.first?.tables.first { $0.name == "people" })
        #expect(people.singular == "person")
        #expect(people.singularName == "person")
        let users = try #require(loaded.schemas.apps.first?.tables.first { $0.name == "users" })
        #expect(users.singular == nil)
        #expect(users.singularName == "user")
    }

    @Test("a name whose singular cannot be derived asks for `singular`, naming the file and path")
    func underivable() {
        let status = TestSchemas.table("status", fields: #""code": {"type": "string", "description": "Code.", "required": true}"#)
        let diagnostics = TestSchemas.diagnostics(TestSchemas.files(status))
        expectDiagnostic(
            diagnostics, code: "invalid-singular", file: "Schemas/tasks/tables/status.json", path: "name",
            contains: "declare it, e.g. \"singular\": \"status\"")
    }

    @Test("a singular that is not snake_case is refused at `singular`")
    func invalidForm() {
        let people = TestSchemas.table(
            "people", fields: #""name": {"type": "string", "description": "Name.", "required": true}"#, extra: #""singular": "Person""#)
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(people)), code: "invalid-name", file: "Schemas/tasks/tables/people.json",
            path: "singular", contains: "singular \"Person\" must be snake_case")
    }

    @Test("two tables naming one record alike are refused, with the fix")
    func collision() {
        let members = TestSchemas.table(
            "members", fields: #""name": {"type": "string", "description": "Name.", "required": true}"#, extra: #""singular": "user""#)
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(members)), code: "invalid-singular", file: "Schemas/tasks/tables/users.json",
            path: "name", contains: "declare a distinct \"singular\" on one of them")
    }
}
