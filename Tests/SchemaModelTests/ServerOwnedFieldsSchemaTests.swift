import SchemaModel
import Testing

/// The table key `serverOwnedFields`: `reject` (default) or `ignore`.
struct ServerOwnedFieldsSchemaTests {
    private let fields = #""note": {"type": "string", "description": "Note.", "nullable": true}"#

    @Test func defaultsToRejectAndReadsIgnore() throws {
        let (plain, _) = SchemaParser.parse(TestSchemas.files(TestSchemas.table("users", fields: fields)))
        #expect(plain?.apps.first?.tables.first { $0.name == "users" }?.serverOwnedFields == .reject)
        let (ignoring, diagnostics) = SchemaParser.parse(TestSchemas.files(TestSchemas.table("users", fields: fields, extra: #""serverOwnedFields": "ignore""#)))
        #expect(diagnostics.isEmpty, "\(render(diagnostics))")
        #expect(ignoring?.apps.first?.tables.first { $0.name == "users" }?.serverOwnedFields == .ignore)
    }

    @Test func rejectsOtherValues() {
        let result = TestSchemas.diagnostics(TestSchemas.files(TestSchemas.table("users", fields: fields, extra: #""serverOwnedFields": "drop""#)))
        expectDiagnostic(result, code: "unknown-value", path: "serverOwnedFields", contains: "reject, ignore")
    }
}
