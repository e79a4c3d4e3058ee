import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// The admin console's files as `loom-server` serves them (issue 19); what the console does in a
/// browser is `.ci/admin-console`'s journey.
@Suite("Admin console: the page, its script and style")
struct AdminConsoleTests {
    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    @Test("the page refers to its files, the document and the server's root relatively; no inline script or style; one strict policy")
    func page() async throws {
        try await TestApp.run("tracker") { app in
            let reply = try await app.request(.get, "/admin")
            #expect(reply.status == .ok && reply.headers[.contentType] == "text/html; charset=utf-8")
            #expect(reply.headers[.contentSecurityPolicy] == Self.policy)
            #expect(reply.headers[.xContentTypeOptions] == "nosniff")
            let html = reply.text
            #expect(html.contains(#"<script type="module" src="admin/console.js"></script>"#), "\(html)")
            #expect(html.contains(#"href="admin/console.css""#) && html.contains(#"<meta name="loom-root" content="./">"#))
            #expect(html.contains(#"<meta name="loom-openapi" content="openapi.json">"#) && html.contains("<title>Tracker API · Admin</title>"))
            #expect(html.ranges(of: "<script").count == 1 && !html.contains("<style") && !html.contains("style=") && !html.contains(" on"))
            for (path, type) in [("/admin/console.js", "text/javascript; charset=utf-8"), ("/admin/console.css", "text/css; charset=utf-8")] {
                let file = try await app.request(.get, path)
                #expect(file.status == .ok && file.headers[.contentType] == type && !file.bytes.isEmpty, "\(path)")
                #expect(file.headers[.contentSecurityPolicy] == Self.policy && file.headers[.cacheControl] == "no-cache", "\(path)")
            }
        }
    }

    @Test("each file has an entity tag: If-None-Match with it answers 304 without a body, another tag the file")
    func revalidation() async throws {
        try await TestApp.run("tracker") { app in
            for path in ["/admin", "/admin/console.js", "/admin/console.css"] {
                let first = try await app.request(.get, path)
                let tag = try #require(first.headers[.eTag], "\(path)")
                let again = try await app.request(.get, path, headers: [.ifNoneMatch: "\"other\", " + tag])
                #expect(again.status == .notModified && again.bytes.isEmpty && again.headers[.eTag] == tag, "\(path)")
                let changed = try await app.request(.get, path, headers: [.ifNoneMatch: "\"other\""])
                #expect(changed.status == .ok && changed.bytes == first.bytes, "\(path)")
                // Weak comparison: a compressing proxy may have made the tag weak; `*` is any version.
                for condition in ["W/" + tag, "*"] {
                    let weak = try await app.request(.get, path, headers: [.ifNoneMatch: condition])
                    #expect(weak.status == .notModified, "\(path) \(condition)")
                }
            }
        }
    }

    @Test("with a trailing slash the page refers to its files from that address; HEAD answers the head alone")
    func trailingSlashAndHead() async throws {
        try await TestApp.run("tracker") { app in
            let reply = try await app.request(.get, "/admin/")
            #expect(reply.status == .ok && reply.text.contains(#"src="console.js""#) && reply.text.contains(#"content="../""#), "\(reply.text)")
            #expect(reply.text.contains(#"<meta name="loom-openapi" content="../openapi.json">"#))
            let head = try await app.request(.head, "/admin/console.js")
            #expect(head.status == .ok && head.bytes.isEmpty && head.headers[.eTag] != nil && head.headers[.contentSecurityPolicy] == Self.policy)
        }
    }

    @Test("an app without accounts serves no console; a moved console's page refers to its files from where it is")
    func placement() async throws {
        try await TestApp.run("bench") { app in
            for path in ["/admin", "/admin/console.js"] {
                let reply = try await app.request(.get, path)
                #expect(reply.status == .notFound, "\(path)")
            }
        }
        let files = AdminConsole.files(
            pagePath: "/ops/console", scriptPath: "/ops/console/console.js", stylePath: "/ops/console/console.css",
            documentPath: "/openapi.json", title: "A <b>title</b>")
        let html = String(buffer: files.page.body)
        #expect(html.contains(#"src="console/console.js""#) && html.contains(#"href="console/console.css""#), "\(html)")
        #expect(html.contains(#"<meta name="loom-root" content="../">"#) && html.contains(#"<meta name="loom-openapi" content="../openapi.json">"#))
        #expect(html.contains("A &lt;b&gt;title&lt;/b&gt; · Admin"))
    }
}
