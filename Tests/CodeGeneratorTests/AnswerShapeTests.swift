import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator

/// Answers shaped like another API's (the released Sovrium's needs, general features): the
/// health body (`health.members`), a route's success `status` and constant `answer`, the token
/// answer's `token` member, and the create-only batch (`envelopes.batch`); each written once
/// into the runtime's settings and the document, and refused with a diagnostic where it cannot be.
@Suite("Answer shapes: health.members, a route's status and answer, token, envelopes.batch")
struct AnswerShapeTests {
    static func files(app members: String = "", routes: String = "", table: String = "") -> [String: String] {
        [
            "app.json": #"""
                {"name": "mini", "title": "Mini", "version": "2.1.0", "description": "A small app.", "basePath": "/api", "naming": "camelCase",
                 "auth": {"tokens": {"issuer": "https://mini.invalid", "audience": "mini", "secretVariable": "MINI_JWT_SECRET", "responseMembers": ["token", "user", "access_token", "expires_in"]},
                          "roles": {"admin": ["*"]}, "defaultRole": "admin", "routes": {\#(routes)}}
                 \#(members)}
                """#,
            "tables/notes.json": #"""
                {"name": "notes", "description": "Notes.", \#(table)
                 "fields": {"title": {"type": "string", "description": "The title.", "required": true}, "pages": {"type": "integer", "description": "Pages.", "nullable": true}}}
                """#,
        ]
    }

    static let shaped = files(
        app: #", "health": {"members": ["status", "timestamp", "app.name", "app.version"]}, "envelopes": {"batch": {"items": "records", "created": "created"}}"#,
        routes: #""signup": {"path": "/api/auth/sign-up/email", "status": 200}, "logout": {"path": "/api/auth/sign-out", "answer": {"success": true, "code": 1, "note": "bye"}}"#)

    static func object(_ value: Any?, _ keys: String...) -> [String: Any]? {
        var current = value
        for key in keys { current = (current as? [String: Any])?[key] }
        return current as? [String: Any]
    }

    @Test("the runtime's settings and the document are written from the same declarations")
    func written() throws {
        let outputs = try Fixtures.generate(Self.shaped)
        let settings = try #require(outputs.first { $0.key.hasSuffix("Mini.swift") }?.value)
        #expect(settings.contains(#"health: HealthBody(members: ["status", "timestamp", "app.name", "app.version"], appVersion: "2.1.0")"#))
        #expect(settings.contains(#""signup": ContractRouteOverride(paths: ["/api/auth/sign-up/email"], success: .status(200))"#), "\(settings)")
        #expect(settings.contains(#"success: .constant([ContractConstant("success", .bool(true)), ContractConstant("code", .integer(1)), ContractConstant("note", .string("bye"))])"#))
        #expect(settings.contains(#"tokenResponseMembers: ["token", "user", "access_token", "expires_in"]"#))
        let table = try #require(outputs.first { $0.key.hasSuffix("Mini.Notes.swift") }?.value)
        #expect(table.contains(#"batchEnvelope: BatchEnvelope(items: "records", created: "created")"#))

        let text = try #require(outputs.first { $0.key.hasSuffix("openapi.json") }?.value)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let schemas = try #require(Self.object(document, "components", "schemas"))
        let health = try #require(schemas["HealthStatus"] as? [String: Any])
        #expect(Set((health["properties"] as? [String: Any])?.keys ?? [:].keys) == ["status", "timestamp", "app"])
        #expect(Set((Self.object(health, "properties", "app", "properties") ?? [:]).keys) == ["name", "version"])
        #expect((health["examples"] as? [[String: Any]])?.first.flatMap { Self.object($0, "app") }?["version"] as? String == "2.1.0")
        #expect(Self.object(schemas, "AuthTokens", "properties", "token") != nil)
        let signup = try #require(Self.object(document, "paths", "/api/auth/sign-up/email", "post", "responses"))
        #expect(signup["200"] != nil && signup["201"] == nil, "\(signup.keys)")
        let logout = try #require(Self.object(document, "paths", "/api/auth/sign-out", "post", "responses"))
        #expect(logout["204"] == nil)
        let constant = try #require(Self.object(logout, "200", "content", "application/json", "schema"))
        #expect(Self.object(constant, "properties", "success")?["const"] as? Bool == true, "\(constant)")
        #expect(Set((constant["required"] as? [String]) ?? []) == ["success", "code", "note"])
        let batch = try #require(Self.object(document, "paths", "/api/notes/batch", "post"))
        #expect(Self.object(batch, "responses", "201") != nil && Self.object(batch, "responses", "200") == nil)
        #expect(Set((Self.object(schemas, "NoteBatch", "properties") ?? [:]).keys) == ["records"])
        #expect(Set((Self.object(schemas, "NoteBatchResponse", "properties") ?? [:]).keys) == ["created"])
        #expect(schemas["NoteBatchOperation"] == nil, "a create-only batch has no operations")
        // aggregate= on every list, naming the fields it takes.
        let parameters = try #require(Self.object(document, "paths", "/api/notes")?["get"] as? [String: Any])["parameters"] as? [[String: Any]]
        let aggregate = try #require(parameters?.first { $0["name"] as? String == "aggregate" })
        #expect((aggregate["description"] as? String)?.contains("`sum` and `avg` take: pages.") == true)
        #expect(Self.object(schemas, "NotePage", "properties", "aggregations", "properties", "sum", "properties", "pages") != nil)
    }

    @Test("fieldNaming declared: fields keep their declared names in records, queries, bodies and the catalog; Loom's members follow naming")
    func declaredFieldNames() throws {
        var files = PlacedFamilyRouteTests.files(#", "fieldNaming": "declared", "routes": {"tableCatalog": "/api/tables"}"#)
        files["endpoints/remind.json"] = #"""
            {"name": "remind", "description": "Reminds.", "method": "POST", "path": "/api/remind", "scope": "public",
             "requestBody": {"description": "Who.", "fields": {"due_on": {"type": "date", "description": "When.", "required": true}}},
             "response": {"status": 200, "description": "Done.", "fields": {"sent_at": {"type": "datetime", "description": "When sent.", "required": true}}}}
            """#
        let outputs = try Fixtures.generate(files)
        let table = try #require(outputs.first { $0.key.hasSuffix("Mini.Notes.swift") }?.value)
        #expect(table.contains(#"FilterColumn(name: "due_on""#) && table.contains(#"writer.member("due_on", dueOn)"#), "\(table)")
        #expect(table.contains(#""createdAt""#), "Loom's timestamps keep the app's naming")
        let settings = try #require(outputs.first { $0.key.hasSuffix("Mini.swift") }?.value)
        #expect(settings.contains(#"\"name\":\"due_on\""#) || settings.contains(#""name":"due_on""#), "the catalog names the field as declared")
        let document = try PlacedFamilyRouteTests.document(files)
        let schemas = try #require(Self.object(document, "components", "schemas"))
        let note = try #require(Self.object(schemas, "Note", "properties"))
        #expect(note["due_on"] != nil && note["dueOn"] == nil && note["createdAt"] != nil, "\(note.keys)")
        #expect(Self.object(schemas, "NotePage", "properties")?["items"] != nil)
        let list = try #require(Self.object(document, "paths", "/api/notes")?["get"] as? [String: Any])
        let names = (list["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("due_on") && !names.contains("dueOn"), "\(names)")
        let body = try #require(Self.object(schemas, "RemindRequest", "properties") ?? Self.object(schemas, "RemindBody", "properties"), "\(schemas.keys.sorted())")
        #expect(body["due_on"] != nil, "\(body)")
        let endpoint = try #require(outputs.first { $0.key.contains("Remind") && $0.key.hasSuffix(".swift") }?.value)
        #expect(endpoint.contains(#""due_on""#) && endpoint.contains(#""sent_at""#), "\(endpoint)")
        // Without it the same app camel-cases them.
        let camel = try PlacedFamilyRouteTests.document(PlacedFamilyRouteTests.files(""))
        #expect(Self.object(camel, "components", "schemas", "Note", "properties")?["dueOn"] != nil)
    }

    @Test("a health body without status or mixing app forms, and success answers that cannot apply, are refused with the path")
    func refused() throws {
        let diagnostics = { (files: [String: String]) in try RouteMethodOverrideTests.diagnostics(files) }
        let noStatus = try diagnostics(Self.files(app: #", "health": {"members": ["timestamp"]}"#))
        #expect(noStatus.contains("health.members") && noStatus.contains("\"status\""), "\(noStatus)")
        let mixed = try diagnostics(Self.files(app: #", "health": {"members": ["status", "app", "app.name"]}"#))
        #expect(mixed.contains("health.members") && mixed.contains("cannot both"), "\(mixed)")
        let unknown = try diagnostics(Self.files(app: #", "health": {"members": ["status", "uptime"]}"#))
        #expect(unknown.contains("health.members[1]") && unknown.contains("unknown health member"), "\(unknown)")
        let statusOn204 = try diagnostics(Self.files(routes: #""logout": {"path": "/api/auth/logout", "status": 200}"#))
        #expect(statusOn204.contains("auth.routes.logout.status") && statusOn204.contains("give \"answer\""), "\(statusOn204)")
        let answerWithBody = try diagnostics(Self.files(routes: #""login": {"path": "/api/auth/login", "answer": {"success": true}}"#))
        #expect(answerWithBody.contains("auth.routes.login.answer") && answerWithBody.contains("body of its own"), "\(answerWithBody)")
        let badStatus = try diagnostics(Self.files(routes: #""signup": {"path": "/api/auth/signup", "status": 204}"#))
        #expect(badStatus.contains("auth.routes.signup.status") && badStatus.contains("200, 201 or 202"), "\(badStatus)")
        let both = try diagnostics(Self.files(routes: #""signup": {"path": "/api/auth/signup", "status": 200, "answer": {"ok": true}}"#))
        #expect(both.contains("auth.routes.signup") && both.contains("not both"), "\(both)")
        let nested = try diagnostics(Self.files(routes: #""logout": {"path": "/api/auth/logout", "answer": {"success": {"deep": true}}}"#))
        #expect(nested.contains("auth.routes.logout.answer.success"), "\(nested)")
        let onTable = try diagnostics(Self.files(table: #""routes": {"create": {"path": "/api/notes", "status": 200}},"#))
        #expect(onTable.contains("routes.create.status") && onTable.contains("a table's answers"), "\(onTable)")
        let batchWithoutCreate = try diagnostics(Self.files(
            app: #", "envelopes": {"batch": {"items": "records", "created": "created"}}"#, table: #""operations": ["list", "get", "update"],"#))
        #expect(batchWithoutCreate.contains("tables/notes.json") && batchWithoutCreate.contains("create-only"), "\(batchWithoutCreate)")
        let badName = try diagnostics(Self.files(app: #", "envelopes": {"batch": {"items": "the records", "created": "created"}}"#))
        #expect(badName.contains("envelopes.batch.items"), "\(badName)")
        let twice = try diagnostics(Self.files(app: #", "health": {"members": ["status", "status"]}"#))
        #expect(twice.contains("health.members") && twice.contains("listed twice"), "\(twice)")
        let empty = try diagnostics(Self.files(routes: #""logout": {"path": "/api/auth/logout", "answer": {}}"#))
        #expect(empty.contains("auth.routes.logout.answer") && empty.contains("says nothing"), "\(empty)")
        let unnamed = try diagnostics(Self.files(routes: #""logout": {"path": "/api/auth/logout", "answer": {"": true}}"#))
        #expect(unnamed.contains("auth.routes.logout.answer") && unnamed.contains("name is empty"), "\(unnamed)")
        let page = try diagnostics(Self.files(app: #", "routes": {"docs": {"path": "/docs", "status": 200}}"#))
        #expect(page.contains("routes.docs.status") && page.contains("no JSON success answer"), "\(page)")
        let management = try diagnostics(PlacedFamilyRouteTests.files(PlacedFamilyRouteTests.webhooks(#", "routes": {"listMessages": {"path": "/{id}/logs", "status": 200}}"#)))
        #expect(management.contains("webhooks.management.routes.listMessages") && management.contains("answer otherwise"), "\(management)")
    }
}
