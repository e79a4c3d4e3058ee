import Runtime
import Testing

@testable import CodeGenerator
@testable import SchemaModel

/// The list parameters every list reserves are written in three places that cannot share one
/// declaration (the runtime, the schema validator, which depends on neither, and the document):
/// this test fails when they drift.
@Suite("List parameters: the reserved names and limits agree")
struct ListQueryReservedNamesTests {
    @Test("the runtime's, the validator's and the document's reserved list parameters are the same names")
    func sameNames() {
        let runtime = Set(ListQuery.reservedParameters)
        #expect(runtime == TableRules.listParameterNames)
        #expect(runtime == ListQueryParameters.reserved)
    }

    @Test("the document states the runtime's limit on the fields of aggregate=")
    func aggregateLimit() {
        #expect(AggregateRequest.maxFields == ListQueryParameters.maxAggregateFields)
    }
}
