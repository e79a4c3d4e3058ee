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

    @Test("each error format renders code, message, request id and field errors")
    func errorFormats() throws {
        let error = APIError.validation([.init(field: "name", message: "is required")])
        let problem = String(decoding: ErrorBodyFormat.problem.body(for: error, requestID: "r1"), as: UTF8.self)
        #expect(problem == #"{"type":"urn:loom:problem:validation-error","title":"Unprocessable Content","status":422,"detail":"The request body has 1 invalid field: name.","code":"VALIDATION_ERROR","request_id":"r1","errors":[{"field":"name","message":"is required"}]}"#)
        let envelope = String(decoding: ErrorBodyFormat.envelope.body(for: error, requestID: "r1"), as: UTF8.self)
        #expect(envelope.hasPrefix(#"{"error":{"code":"VALIDATION_ERROR","message":"#))
        #expect(envelope.contains(#""details":[{"field":"name","message":"is required"}]"#))
        let flat = String(decoding: ErrorBodyFormat.flat.body(for: error, requestID: "r1"), as: UTF8.self)
        #expect(flat.hasPrefix(#"{"error_code":"VALIDATION_ERROR","message":"#))
        #expect(flat.contains(#""request_id":"r1""#))
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
