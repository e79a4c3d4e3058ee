import HTTPTypes
import Testing

@testable import Runtime

@Suite("Routing and errors")
struct RoutingTests {
    @Test("the route table answers the methods of a concrete path")
    func routeTable() {
        var table = RouteTable()
        table.add(path: "/v1/tasks", method: .get)
        table.add(path: "/v1/tasks", method: .post)
        table.add(path: "/v1/tasks/{id}", method: .get)
        table.add(path: "/v1/tasks/{id}/summary", method: .get)
        #expect(table.methods(forPath: "/v1/tasks") == [.get, .post])
        #expect(table.methods(forPath: "/v1/tasks/42") == [.get])
        #expect(table.methods(forPath: "/v1/other").isEmpty)
        #expect(RouteRegistry.hummingbirdPath("/v1/tasks/{id}/summary") == "/v1/tasks/:id/summary")
    }

    @Test("a literal segment beside {id} owns its path: Allow lists only its methods, as the router resolves it")
    func literalBesideParameter() {
        var table = RouteTable()
        for method in [HTTPRequest.Method.get, .put, .patch, .delete] { table.add(path: "/v1/items/{id}", method: method) }
        table.add(path: "/v1/items/batch", method: .post)
        table.add(path: "/v1/items/{id}/restore", method: .post)
        table.add(path: "/v1/platform/admin/me", method: .get)
        table.add(path: "/v1/platform/admin/{id}", method: .delete)
        table.add(path: "/v1/{kind}/admin/me", method: .put)
        #expect(table.methods(forPath: "/v1/items/batch") == [.post])
        #expect(table.methods(forPath: "/v1/items/7") == [.get, .put, .patch, .delete])
        #expect(table.methods(forPath: "/v1/items/batch/restore") == [.post])
        #expect(table.methods(forPath: "/v1/platform/admin/me") == [.get])
        #expect(table.methods(forPath: "/v1/platform/admin/42") == [.delete])
        #expect(table.methods(forPath: "/v1/other/admin/me") == [.put])
    }

    @Test("request ids: valid client values are kept, others replaced")
    func requestIDs() {
        #expect(RequestIdentifier.accepting("abc-1.2:3_x") == "abc-1.2:3_x")
        #expect(RequestIdentifier.accepting("has space") != "has space")
        #expect(RequestIdentifier.accepting(String(repeating: "a", count: 129)).count == 36)
        #expect(RequestIdentifier.accepting(nil).count == 36)
    }

    @Test("an error body template renders every value, nested objects and constants in order")
    func errorFormats() throws {
        let error = APIError.validation([.init(field: "name", message: "is required")])
        let problem = ErrorBodyFormat(contentType: "application/problem+json", template: .object([
            .init("type", .value(.type)), .init("title", .value(.title)), .init("status", .value(.status)), .init("detail", .value(.message)),
            .init("code", .value(.code)), .init("request_id", .value(.requestID)), .init("errors", .value(.fieldErrors)),
        ]))
        #expect(String(decoding: problem.body(for: error, requestID: "r1"), as: UTF8.self) == #"{"type":"urn:loom:problem:validation-error","title":"Unprocessable Content","status":422,"detail":"The request body has 1 invalid field: name.","code":"VALIDATION_ERROR","request_id":"r1","errors":[{"field":"name","message":"is required"}]}"#)
        let custom = ErrorBodyFormat(contentType: "application/json", template: .object([
            .init("success", .constant(RawJSON(validatedText: "false"))),
            .init("error", .object([.init("code", .value(.code)), .init("details", .value(.fieldErrors))])),
        ]))
        #expect(String(decoding: custom.body(for: error, requestID: "r1"), as: UTF8.self) == #"{"success":false,"error":{"code":"VALIDATION_ERROR","details":[{"field":"name","message":"is required"}]}}"#)
    }

    @Test("an error vocabulary answers Loom's codes as the app's, leaving others alone")
    func errorVocabulary() {
        let vocabulary = ErrorVocabulary(["NOT_FOUND": .init(code: "RESOURCE_NOT_FOUND"), "VALIDATION_ERROR": .init(status: 400)])
        let notFound = vocabulary.apply(APIError.recordNotFound(table: "t", id: "1"))
        #expect(notFound.code == "RESOURCE_NOT_FOUND" && notFound.status == .notFound)
        let invalid = vocabulary.apply(APIError.validation([.init(field: "a", message: "b")]))
        #expect(invalid.code == "VALIDATION_ERROR" && invalid.status == .badRequest && invalid.fieldErrors.count == 1)
        #expect(vocabulary.apply(APIError.internalError).code == "INTERNAL_ERROR")
    }

    @Test("the JSON writer escapes strings and writes numbers compactly")
    func writer() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("s", "a\"b\\c\n\u{1}")
        writer.member("i", Int64(-3))
        writer.member("d", 2.5)
        writer.member("w", 2.0)
        writer.member("n", String?.none)
        writer.member("l", [true, false])
        writer.endObject()
        #expect(writer.string == #"{"s":"a\"b\\c\n\u0001","i":-3,"d":2.5,"w":2,"n":null,"l":[true,false]}"#)
    }

    @Test("list statements bind every value and number PostgreSQL placeholders")
    func listStatements() throws {
        let statements = TableStatements.listOnly(table: #""t""#, selectColumns: #""id", "a""#)
        let rule = FieldRule("a", .string(pattern: nil))
        let table = TableDescriptor(
            name: "t", path: "/t", primaryKeyName: "id", primaryKeyKind: .integer, timestamps: false, fields: [rule],
            members: ["id", "a"], filters: [FilterColumn(name: "a", rule: rule, column: #""a""#)], relations: [], statements: statements)
        let query = ListQuery(limit: 5, offset: 10, filters: [(#""a""#, .text("x'; --"))])
        let postgres = try ResolvedStatements(table, dialect: .postgres).list(query)
        #expect(postgres.page.sql == #"SELECT "id", "a" FROM "t" WHERE "a" = $1 ORDER BY "id" ASC NULLS LAST LIMIT $2 OFFSET $3"#)
        #expect(postgres.page.binds == [.text("x'; --"), .integer(6), .integer(10)])
        #expect(postgres.count?.sql == #"SELECT COUNT(*) FROM "t" WHERE "a" = $1"#)
        let sqlite = try ResolvedStatements(table, dialect: .sqlite).list(query)
        #expect(sqlite.page.sql == #"SELECT "id", "a" FROM "t" WHERE "a" = ? ORDER BY "id" ASC NULLS LAST LIMIT ? OFFSET ?"#)
    }
}
