import SchemaModel
import Testing

/// `upsertKey` must name a unique, writable field of a table that can create and replace.
struct UpsertKeyValidationTests {
    private let fields = #"""
        "code": {"type": "string", "description": "Code.", "required": true, "unique": true},
        "note": {"type": "string", "description": "Note.", "nullable": true}
        """#

    private func diagnostics(_ extra: String) -> [Diagnostic] {
        TestSchemas.diagnostics(TestSchemas.files(TestSchemas.table("users", fields: fields, extra: extra)))
    }

    @Test func acceptsAUniqueField() {
        let result = diagnostics(#""upsertKey": "code""#)
        #expect(!result.contains { $0.code == "invalid-upsert-key" }, "\(render(result))")
    }

    @Test func rejectsUnknownAndNonUniqueFields() {
        _ = expectDiagnostic(diagnostics(#""upsertKey": "nope""#), code: "invalid-upsert-key", path: "upsertKey", contains: "candidates: \"code\"")
        _ = expectDiagnostic(diagnostics(#""upsertKey": "note""#), code: "invalid-upsert-key", path: "upsertKey", contains: "\"unique\": true")
    }

    @Test func needsCreateAndReplace() {
        let result = diagnostics(#""upsertKey": "code", "operations": ["list", "get", "create"]"#)
        _ = expectDiagnostic(result, code: "invalid-upsert-key", path: "upsertKey", contains: "must include \"create\" and \"replace\"")
    }
}
