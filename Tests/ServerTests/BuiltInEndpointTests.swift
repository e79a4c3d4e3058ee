import Foundation
import Generated
import Runtime
import Testing

@testable import Server

@Suite("Built-in endpoints")
struct BuiltInEndpointTests {
    @Test("health, liveness and readiness answer 200 with the app and database state", arguments: ["tracker", "eventflow"])
    func health(app name: String) async throws {
        try await TestApp.run(name) { app in
            let live = try await app.request(.get, "/health/live")
            #expect(live.status == .ok)
            #expect(live.object["status"] as? String == "ok")
            for path in ["/health", "/health/ready"] {
                let reply = try await app.request(.get, path)
                #expect(reply.status == .ok)
                #expect(reply.object["app"] as? String == name)
                #expect((reply.object["checks"] as? [String: any Sendable])?["database"] as? String == "ok")
                #expect(reply.headers[.requestID] != nil)
            }
        }
    }

    @Test("/openapi.json serves the generated OpenAPI 3.1 document", arguments: ["tracker", "eventflow"])
    func openAPI(app name: String) async throws {
        try await TestApp.run(name) { app in
            let reply = try await app.request(.get, "/openapi.json")
            #expect(reply.status == .ok)
            #expect((reply.object["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(reply.object["paths"] as? [String: any Sendable])
            #expect(paths["/health/ready"] != nil)
            #expect(paths.count > 4)
        }
    }

    @Test("/docs is a self-contained HTML page that loads the document from this server")
    func docs() async throws {
        try await TestApp.run("tracker") { app in
            let reply = try await app.request(.get, "/docs")
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType]?.hasPrefix("text/html") == true)
            let html = reply.text
            #expect(html.contains("Tracker API"))
            #expect(html.contains("/openapi.json"))
            #expect(!html.contains("<script src"))
            #expect(!html.contains("<link rel=\"stylesheet\""))
        }
    }

    @Test("every generated app is compiled into the server's catalog")
    func catalogue() throws {
        #expect(AppCatalog.names == LoomProject.appNames)
        #expect(LoomProject.appNames.contains(LoomProject.defaultApp))
        for name in AppCatalog.names {
            #expect(try AppCatalog.app(named: name).settings.name == name)
        }
    }

    @Test("the live HTTP path serves the same answers as the router")
    func liveSocket() async throws {
        try await TestApp.run("tracker", setup: .live) { app in
            let created = try await app.request(.post, "/v1/projects", json: #"{"name": "Live", "owner_email": "a@b.io"}"#)
            #expect(created.status == .created)
            let wrongMethod = try await app.request(.patch, "/v1/projects")
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.requestID] != nil)
        }
    }
}
