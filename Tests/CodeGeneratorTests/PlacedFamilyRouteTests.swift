import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator

/// Families an app places (the Sovrium app's needs, general features): the rate-limit tier routes
/// under `rateLimits.tiersPath`, webhook management operations at `webhooks.management.routes`,
/// the record payload of table events (`webhooks.payload`) and the `currentSession` auth route;
/// each served and documented from one declaration, and refused with a diagnostic where it cannot be.
@Suite("Placed families: tiersPath, webhook management routes, record payloads, currentSession")
struct PlacedFamilyRouteTests {
    static func files(_ members: String) -> [String: String] {
        [
            "app.json": #"""
                {"name": "mini", "title": "Mini", "version": "1.0.0", "description": "A small app.", "basePath": "/api", "naming": "camelCase",
                 "auth": {"tokens": {"issuer": "https://mini.invalid", "audience": "mini", "secretVariable": "MINI_JWT_SECRET"},
                          "roles": {"admin": ["*"]}, "defaultRole": "admin", "routes": {"currentSession": "/api/auth/session"}}
                 \#(members)}
                """#,
            "tables/notes.json": #"""
                {"name": "notes", "description": "Notes.",
                 "fields": {"title": {"type": "string", "description": "The title.", "required": true}, "due_on": {"type": "date", "description": "Due.", "nullable": true}}}
                """#,
        ]
    }

    static let tiers = #", "rateLimits": {"policies": {"basic": {"quota": 10, "window": 60}}, "tiers": ["basic"], "defaultTier": "basic", "tiersPath": "/admin/rate-limits"}"#
    static func webhooks(_ extra: String) -> String {
        #", "webhooks": {"tables": {"notes": ["created", "updated"]}, "management": {"path": "/api/admin/webhooks", "scope": "webhooks:manage"\#(extra)}, "payload": "record", "signature": {"scheme": "hmac-sha256", "header": "X-Signature"}}"#
    }

    static func document(_ files: [String: String]) throws -> [String: Any] {
        let outputs = try Fixtures.generate(files)
        let text = try #require(outputs.first { $0.key.hasSuffix("openapi.json") }?.value)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("the tier routes at basePath + tiersPath, the management operations at their own paths with camelCase bodies, GET /session")
    func placed() throws {
        let files = Self.files(Self.tiers + Self.webhooks(#", "routes": {"listMessages": "/{id}/logs", "replayFailed": ["/{id}/retry", "/{id}/replay"]}"#))
        let outputs = try Fixtures.generate(files)
        let settings = try #require(outputs.first { $0.key.hasSuffix("Mini.swift") }?.value)
        #expect(settings.contains(#"path: "/admin/rate-limits")"#), "the runtime's tiers are placed from the same value")
        #expect(settings.contains(#"routes: ["listMessages": ["/{id}/logs"], "replayFailed": ["/{id}/retry", "/{id}/replay"]]"#))
        #expect(settings.contains("payload: .record"))
        let document = try Self.document(files)
        let paths = try #require(document["paths"] as? [String: Any])
        for path in ["/api/admin/rate-limits/tiers", "/api/admin/webhooks/{id}/logs", "/api/admin/webhooks/{id}/retry", "/api/admin/webhooks/{id}/replay", "/api/auth/session"] {
            #expect(paths[path] != nil, "\(path)")
        }
        #expect(paths["/api/rate-limits/tiers"] == nil && paths["/api/admin/webhooks/{id}/messages"] == nil)
        let alias = ((paths["/api/admin/webhooks/{id}/replay"] as? [String: Any])?["post"] as? [String: Any])
        #expect(alias?["deprecated"] as? Bool == true && alias?["operationId"] as? String == "replayFailedWebhookMessagesAlias1")
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let create = try #require(schemas["WebhookSubscriptionCreate"] as? [String: Any])
        #expect((create["properties"] as? [String: Any])?["eventTypes"] != nil && (create["required"] as? [String])?.contains("eventTypes") == true, "\(create)")
        let session = try #require(schemas["AuthCurrentSession"] as? [String: Any])
        #expect(Set((session["required"] as? [String]) ?? []) == ["session", "user"])
        // The record payload of a table event.
        let webhooks = try #require(document["webhooks"] as? [String: Any])
        let updated = try #require((((webhooks["notes.updated"] as? [String: Any])?["post"] as? [String: Any])?["requestBody"] as? [String: Any]))
        let schema = try #require(((updated["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect((properties["event"] as? [String: Any])?["const"] as? String == "record.update", "\(properties)")
        #expect((properties["table"] as? [String: Any])?["const"] as? String == "notes" && properties["type"] == nil)
        #expect(((properties["id"] as? [String: Any])?["description"] as? String)?.contains("webhook-id") == false, "no webhook-id header under hmac-sha256")
        let data = try #require((properties["data"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(data["record"] != nil && data["previous"] != nil)
    }

    @Test("a tiersPath without tiers or with a parameter, and management routes that are unknown, move parameters or leave the family are refused")
    func refused() throws {
        let noTiers = try RouteMethodOverrideTests.diagnostics(Self.files(#", "rateLimits": {"policies": {"basic": {"quota": 10, "window": 60}}, "perCaller": "basic", "tiersPath": "/admin/limits"}"#))
        #expect(noTiers.contains("rateLimits.tiersPath") && noTiers.contains("declare \"tiers\""), "\(noTiers)")
        let parameter = try RouteMethodOverrideTests.diagnostics(Self.files(Self.tiers.replacingOccurrences(of: "/admin/rate-limits", with: "/limits/{id}")))
        #expect(parameter.contains("rateLimits.tiersPath") && parameter.contains("fixed path"), "\(parameter)")
        let unknown = try RouteMethodOverrideTests.diagnostics(Self.files(Self.webhooks(#", "routes": {"listLogs": "/{id}/logs"}"#)))
        #expect(unknown.contains("webhooks.management.routes.listLogs") && unknown.contains("unknown operation"), "\(unknown)")
        let parameters = try RouteMethodOverrideTests.diagnostics(Self.files(Self.webhooks(#", "routes": {"listAttempts": "/{id}/attempts"}"#)))
        #expect(parameters.contains("webhooks.management.routes.listAttempts") && parameters.contains("2 path parameters"), "\(parameters)")
        let absolute = try RouteMethodOverrideTests.diagnostics(Self.files(Self.webhooks(#", "routes": {"listMessages": "logs"}"#)))
        #expect(absolute.contains("webhooks.management.routes.listMessages") && absolute.contains("relative"), "\(absolute)")
        let dots = try RouteMethodOverrideTests.diagnostics(Self.files(Self.webhooks(#", "routes": {"listMessages": "/{id}/.."}"#)))
        #expect(dots.contains("webhooks.management.routes.listMessages") && dots.contains("relative"), "\(dots)")
        let shadowed = try RouteMethodOverrideTests.diagnostics(Self.files("").merging([
            "tables/notes.json": #"{"name": "notes", "description": "Notes.", "softDelete": true, "listParameters": {"includeDeleted": {"field": "created_at", "compare": "gte", "description": "Since."}}, "fields": {"title": {"type": "string", "description": "The title.", "required": true}}}"#,
        ]) { $1 })
        #expect(shadowed.contains("listParameters.includeDeleted") && shadowed.contains("already a query parameter"), "\(shadowed)")
        let off = try RouteMethodOverrideTests.diagnostics(Self.files(Self.webhooks(#", "routes": {"sendTest": false}"#)))
        #expect(off.contains("webhooks.management.routes.sendTest") && off.contains("cannot be switched off"), "\(off)")
        let clash = try RouteMethodOverrideTests.diagnostics(Self.files(Self.webhooks(#", "routes": {"sendTest": "/{id}/retry", "replayFailed": "/{id}/retry"}"#)))
        #expect(clash.contains("POST /api/admin/webhooks/{id}/retry"), "\(clash)")
    }

    @Test("the table catalog is served only where routes.tableCatalog places it, its settings and example written once")
    func tableCatalog() throws {
        let off = try Self.document(Self.files(""))
        #expect((off["paths"] as? [String: Any])?.keys.contains { $0.hasSuffix("/tables") } == false)
        let files = Self.files(#", "routes": {"tableCatalog": "/api/tables"}"#)
        let document = try Self.document(files)
        let operation = (((document["paths"] as? [String: Any])?["/api/tables"] as? [String: Any])?["get"] as? [String: Any])
        #expect(operation?["operationId"] as? String == "listTables" && (operation?["security"] as? [Any])?.isEmpty == true, "public: \(String(describing: operation))")
        let schema = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?["TableCatalog"] as? [String: Any]
        let example = try #require((schema?["examples"] as? [Any])?.first as? [String: Any])
        let notes = try #require((example["tables"] as? [[String: Any]])?.first)
        #expect(notes["name"] as? String == "notes" && notes["path"] as? String == "/api/notes" && notes["softDelete"] as? Bool == false)
        #expect((notes["fields"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["title", "dueOn"])
        let settings = try #require(try Fixtures.generate(files).first { $0.key.hasSuffix("Mini.swift") }?.value)
        guard case .success(let loaded) = SchemaPipeline.load(Fixtures.schemaFiles(files)), let app = loaded.schemas.apps.first else {
            Issue.record("the fixture did not load")
            return
        }
        let catalog = TableCatalog.json(app)
        #expect(settings.contains("tableCatalog: " + SwiftNames.literal(catalog)))
        #expect(try JSONSerialization.jsonObject(with: Data(catalog.utf8)) as? NSDictionary == example as NSDictionary)
    }
}
