import Foundation
import Testing

@testable import CodeGenerator

/// Where the admin console is served (`routes.adminConsole`): on by default for apps whose
/// accounts sign in with a password, off for the others, moved with its script and style, and
/// refused where it could not work.
@Suite("Admin console routes")
struct AdminConsoleRouteTests {
    /// A small app, with accounts when `auth` is true, whose `app.json` `routes` are `routes`.
    static func files(auth: Bool, routes: String = "{}", authRoutes: String = "{}") -> [String: String] {
        let accounts = auth
            ? #""auth": {"tokens": {"issuer": "https://mini.invalid", "audience": "mini", "secretVariable": "MINI_JWT_SECRET"}, "roles": {"admin": ["*"]}, "defaultRole": "admin", "routes": \#(authRoutes)},"#
            : ""
        return [
            "app.json": #"{"name": "mini", "title": "Mini", "version": "1.0.0", "description": "A small app.", "basePath": "/api", \#(accounts) "routes": \#(routes)}"#,
            "tables/notes.json": #"{"name": "notes", "description": "Notes.", "fields": {"title": {"type": "string", "description": "The title.", "required": true}}}"#,
        ]
    }

    /// The documented paths of the generated app and its settings file.
    static func generated(_ files: [String: String]) throws -> (paths: [String: Any], settings: String) {
        let outputs = try Fixtures.generate(files)
        let document = try #require(outputs.first { $0.key.hasSuffix("openapi.json") }?.value)
        let paths = try #require((try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])?["paths"] as? [String: Any])
        return (paths, try #require(outputs.first { $0.key.hasSuffix("Mini.swift") }?.value))
    }

    @Test("an app with accounts documents the page, its script and its style; one without has none of them")
    func defaults() throws {
        let withAccounts = try Self.generated(Self.files(auth: true))
        for (path, operation) in [("/admin", "adminConsole"), ("/admin/console.js", "adminConsoleScript"), ("/admin/console.css", "adminConsoleStyle")] {
            let item = try #require(withAccounts.paths[path] as? [String: Any], "\(path)")
            #expect((item["get"] as? [String: Any])?["operationId"] as? String == operation)
        }
        let script = try #require(((withAccounts.paths["/admin/console.js"] as? [String: Any])?["get"] as? [String: Any])?["responses"] as? [String: Any])
        #expect(((script["200"] as? [String: Any])?["content"] as? [String: Any])?["text/javascript"] != nil)
        #expect(((script["200"] as? [String: Any])?["headers"] as? [String: Any])?["ETag"] != nil && script["304"] != nil)
        let parameters = ((withAccounts.paths["/admin"] as? [String: Any])?["get"] as? [String: Any])?["parameters"] as? [[String: Any]]
        #expect(parameters?.contains { $0["name"] as? String == "If-None-Match" && $0["in"] as? String == "header" } == true, "\(String(describing: parameters))")
        #expect(!withAccounts.settings.contains("adminConsole"))
        let without = try Self.generated(Self.files(auth: false))
        #expect(without.paths.keys.filter { $0.hasPrefix("/admin") }.isEmpty, "\(without.paths.keys.sorted())")
        #expect(without.settings.contains(#""adminConsole": ContractRouteOverride(paths: [])"#))
        let login = try Self.generated(Self.files(auth: true, authRoutes: #"{"login": false}"#))
        #expect(login.paths["/admin"] == nil, "no password login: nothing to sign in with")
    }

    @Test("each table operation is marked x-loom-table with its table and operation, and no other operation is")
    func tableMarks() throws {
        let paths = try Self.generated(Self.files(auth: true)).paths
        var marked: [String: String] = [:]
        for (path, item) in paths {
            for (method, operation) in (item as? [String: Any]) ?? [:] {
                guard let operation = operation as? [String: Any] else { continue }
                let mark = operation["x-loom-table"] as? [String: String]
                if path.hasPrefix("/api/notes") {
                    #expect(mark?["table"] == "notes", "\(method) \(path)")
                    if let mark { marked[method + " " + path] = mark["operation"] }
                } else {
                    #expect(mark == nil, "\(method) \(path) is not a table's")
                }
            }
        }
        #expect(marked["get /api/notes"] == "list" && marked["get /api/notes/{id}"] == "get" && marked["post /api/notes"] == "create")
        #expect(marked["patch /api/notes/{id}"] == "update" && marked["put /api/notes/{id}"] == "replace" && marked["delete /api/notes/{id}"] == "delete")
        #expect(marked["post /api/notes/batch"] == "batch", "\(marked)")
    }

    @Test("moved: the script and style follow the page; switched off: all three are gone")
    func moved() throws {
        let moved = try Self.generated(Self.files(auth: true, routes: #"{"adminConsole": "/ops/console"}"#))
        #expect(moved.paths["/ops/console"] != nil && moved.paths["/ops/console/console.js"] != nil && moved.paths["/ops/console/console.css"] != nil)
        #expect(moved.paths["/admin"] == nil)
        let off = try Self.generated(Self.files(auth: true, routes: #"{"adminConsole": false}"#))
        #expect(off.paths.keys.filter { $0.contains("admin") }.isEmpty)
    }

    @Test("refused: a console without accounts, a path ending in /, aliases, its files placed on their own, the document switched off under it")
    func refused() throws {
        let noAccounts = try RouteMethodOverrideTests.diagnostics(Self.files(auth: false, routes: #"{"adminConsole": "/admin"}"#))
        #expect(noAccounts.contains("routes.adminConsole") && noAccounts.contains("signs in with the app's accounts"), "\(noAccounts)")
        let slash = try RouteMethodOverrideTests.diagnostics(Self.files(auth: true, routes: #"{"adminConsole": "/admin/"}"#))
        #expect(slash.contains("routes.adminConsole") && slash.contains("empty segment"), "\(slash)")
        let script = try RouteMethodOverrideTests.diagnostics(Self.files(auth: true, routes: #"{"adminConsoleScript": "/x.js"}"#))
        #expect(script.contains("routes.adminConsoleScript") && script.contains("move `adminConsole` instead"), "\(script)")
        let document = try RouteMethodOverrideTests.diagnostics(Self.files(auth: true, routes: #"{"openAPIDocument": false, "docs": false}"#))
        #expect(document.contains("routes.openAPIDocument") && document.contains("admin console reads the OpenAPI document"), "\(document)")
        let aliases = try RouteMethodOverrideTests.diagnostics(Self.files(auth: true, routes: #"{"adminConsole": ["/admin", "/tools/admin"]}"#))
        #expect(aliases.contains("routes.adminConsole") && aliases.contains("one path, not aliases"), "\(aliases)")
        let bothOff = try RouteMethodOverrideTests.diagnostics(Self.files(auth: true, routes: #"{"openAPIDocument": false, "docs": false, "adminConsole": false}"#))
        #expect(bothOff.isEmpty, "\(bothOff)")
    }
}
