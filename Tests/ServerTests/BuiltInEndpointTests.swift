import Crypto
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
            #expect(html.contains("const SPEC_URL = \"openapi.json\";"), "relative to the page")
            #expect(!html.contains("<script src"))
            #expect(!html.contains("<link rel=\"stylesheet\""))
            let policy = try #require(reply.headers[.contentSecurityPolicy])
            #expect(!policy.contains("unsafe-inline"))
            #expect(policy.contains("script-src 'sha256-") && policy.contains("style-src 'sha256-") && policy.contains("frame-ancestors 'none'"))
        }
    }

    @Test("the page fetches its document by a reference relative to the page, so a path prefix keeps working")
    func docsRelativeReference() {
        #expect(DocsPage.relativeReference(from: "/docs", to: "/openapi.json") == "openapi.json")
        #expect(DocsPage.relativeReference(from: "/api/docs", to: "/api/openapi.json") == "openapi.json")
        #expect(DocsPage.relativeReference(from: "/api/docs", to: "/api/v1/openapi.json") == "v1/openapi.json")
        #expect(DocsPage.relativeReference(from: "/docs/ui", to: "/openapi.json") == "../openapi.json")
        #expect(DocsPage.relativeReference(from: "/a/b/docs", to: "/a/c/openapi.json") == "../c/openapi.json")
        #expect(DocsPage.relativeReference(from: "/docs", to: "/v1/openapi.json") == "v1/openapi.json")
        #expect(DocsPage.relativeReference(from: "/docs", to: "/") == "./")
        #expect(DocsPage.relativeReference(from: "/docs/ui", to: "/") == "../")
        #expect(DocsPage.relativeReference(from: "/a/b/docs", to: "/") == "../../")
    }

    @Test("Try it sends under the server's root taken from the page's own address, not from the document's servers")
    func docsRequestBase() async throws {
        try await TestApp.run("tracker") { app in
            let html = try await app.request(.get, "/docs").text
            #expect(html.contains("const ROOT_URL = \"./\";"), "relative to the page: /api/docs behind a proxy sends /api/v1/...")
            #expect(html.contains("new URL(ROOT_URL, location.href).pathname"))
            #expect(!html.contains("spec.servers.find"), "the document's servers name where clients reach the server, not the page's prefix")
        }
        let nested = DocsPage.page(docsPath: "/reference/docs", documentPath: "/openapi.json", title: "T")
        #expect(nested.html.contains("const ROOT_URL = \"../\";"))
        #expect(nested.html.contains("const SPEC_URL = \"../openapi.json\";"))
    }

    @Test("the page's policy hashes exactly its inline script and style: the hashes change with the page and match it")
    func docsPolicyHashes() throws {
        let page = DocsPage.page(docsPath: "/docs", documentPath: "/openapi.json", title: "A <b>title</b>")
        let script = try #require(page.html.range(of: "<script>")).upperBound
        let scriptEnd = try #require(page.html.range(of: "</script>")).lowerBound
        let digest = Data(SHA256.hash(data: Array(page.html[script..<scriptEnd].utf8))).base64EncodedString()
        #expect(page.contentSecurityPolicy.contains("script-src 'sha256-\(digest)'"))
        #expect(!page.html.contains("<b>title"), "the title is escaped")
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
