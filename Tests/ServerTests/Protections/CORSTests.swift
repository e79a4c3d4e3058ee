import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Runtime
@testable import Server

/// CORS (issue 14, `cors` of `app.json`, `CrossOriginMiddleware`) on both engines: tracker
/// declares `http://localhost:5173` with credentials; bench gets a declaration here to show the
/// inline key-read path keeps requests without `Origin` and hands the others over.
@Suite("CORS")
struct CORSTests {
    static let allowed = "http://localhost:5173"
    static let other = "https://evil.example"

    /// A preflight for `method` on `path` from `origin`, sent past the response checker (no
    /// document lists `OPTIONS`: the browser, not the client, sends it).
    static func preflight(_ client: any TestClientProtocol, _ path: String, origin: String, method: String = "POST") async throws -> Reply {
        let headers: HTTPFields = [.origin: origin, .accessControlRequestMethod: method, .accessControlRequestHeaders: "content-type, authorization"]
        let response = try await client.executeRequest(uri: path, method: .options, headers: headers, body: nil)
        return Reply(status: response.status, headers: response.headers, bytes: Array(buffer: response.body))
    }

    /// `app` with `cors` declared.
    static func declaring(_ cors: CORSSettings, on app: GeneratedApp) -> GeneratedApp {
        var settings = app.settings
        settings.cors = cors
        return GeneratedApp(
            settings: settings, schema: app.schema, tables: app.tables, openAPIDocument: app.openAPIDocument, title: app.title,
            auth: app.auth, webhooks: app.webhooks, audit: app.audit, accessLog: app.accessLog, registerRoutes: app.registerRoutes)
    }

    @Test("a preflight from an allowed origin is 204 with the declared fields, on any path and without credentials")
    func allowedPreflight() async throws {
        try await TestApp.run("tracker") { app in
            for path in ["/v1/projects", "/v1/projects/some-id", "/v1/nothing-here"] {
                let reply = try await Self.preflight(app.client, path, origin: Self.allowed)
                #expect(reply.status == .noContent, "\(path)")
                #expect(reply.headers[.accessControlAllowOrigin] == Self.allowed)
                #expect(reply.headers[.vary] == "Origin")
                #expect(reply.headers[.accessControlAllowMethods] == "GET, HEAD, POST, PUT, PATCH, DELETE")
                #expect(reply.headers[.accessControlAllowHeaders] == "Content-Type, Authorization, X-API-Key, X-Request-Id, Idempotency-Key, X-CSRF-Token")
                #expect(reply.headers[.accessControlAllowCredentials] == "true")
                #expect(reply.headers[.accessControlMaxAge] == "600")
                #expect(reply.headers[.requestID] != nil, "LoomMiddleware's common fields still come")
                #expect(reply.bytes.isEmpty)
            }
        }
    }

    @Test("a preflight from another origin gets no CORS field and no 2xx")
    func otherOriginPreflight() async throws {
        try await TestApp.run("tracker") { app in
            for path in ["/v1/projects", "/v1/nothing-here"] {
                let reply = try await Self.preflight(app.client, path, origin: Self.other)
                #expect(!(200..<300).contains(reply.status.code), "\(path): \(reply.status)")
                #expect(reply.headers.contains { $0.name.canonicalName.hasPrefix("access-control-") } == false)
            }
        }
    }

    @Test("answers to an allowed origin, errors included, carry the origin, Vary, the exposed headers and credentials; others carry none")
    func actualRequests() async throws {
        try await TestApp.run("tracker") { app in
            let list = try await app.request(.get, "/v1/projects", headers: [.origin: Self.allowed])
            let missing = try await app.request(.get, "/v1/projects/no-such-project", headers: [.origin: Self.allowed])
            let unknown = try await app.request(.get, "/v1/nothing-here", headers: [.origin: Self.allowed])
            #expect(list.status == .ok)
            #expect(missing.status == .notFound && unknown.status == .notFound)
            for (label, reply) in [("list", list), ("404", missing), ("no route", unknown)] {
                #expect(reply.headers[.accessControlAllowOrigin] == Self.allowed, "\(label)")
                #expect(reply.headers[values: .vary].contains("Origin"), "\(label)")
                #expect(reply.headers[.accessControlAllowCredentials] == "true", "\(label)")
                #expect(
                    reply.headers[.accessControlExposeHeaders]
                        == "X-Request-Id, RateLimit-Policy, RateLimit, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, "
                        + "Retry-After, ETag, Location, Idempotent-Replayed", "\(label): the tracker sends the legacy X-RateLimit-* fields too")
            }
            for headers: HTTPFields in [[.origin: Self.other], [:], [.origin: "http://localhost:5173/"]] {
                let reply = try await app.request(.get, "/v1/projects", headers: headers)
                #expect(reply.status == .ok)
                #expect(reply.headers.contains { $0.name.canonicalName.hasPrefix("access-control-") } == false, "\(headers)")
            }
        }
    }

    @Test("preflights are never counted or refused by rate limits; a 429 to an allowed origin is readable by the page")
    func preflightsSkipRateLimits() async throws {
        let oneEach = RateLimitSettings(
            perCaller: RateLimitPolicy(name: "standard", quota: 1, window: 60), perAnonymousIP: RateLimitPolicy(name: "anonymous", quota: 1, window: 60))
        try await RateLimitServer.run("tracker", settings: oneEach) { app in
            for _ in 1...3 {
                let reply = try await Self.preflight(app.client, "/v1/projects", origin: Self.allowed)
                #expect(reply.status == .noContent)
                #expect(reply.headers[HeaderNames.standard.rateLimit] == nil)
            }
            let first = try await app.request(.get, "/v1/projects", headers: [.origin: Self.allowed])
            #expect(first.status == .ok)
            // Past the response checker: tracker declares no rate limits, so its document lists no 429.
            let headers: HTTPFields = [.origin: Self.allowed, TestAuthenticator.header: TestCaller.standard.headerValue!]
            let second = try await app.client.executeRequest(uri: "/v1/projects", method: .get, headers: headers, body: nil)
            #expect(second.status == .tooManyRequests)
            #expect(second.headers[.accessControlAllowOrigin] == Self.allowed)
            #expect(second.headers[.retryAfter] != nil)
        }
    }

    @Test("inline key reads keep requests without Origin and hand the others to Hummingbird, byte for byte the same answers")
    func inlineReads() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, bench in
            let app = Self.declaring(CORSSettings(origins: [Self.allowed], methods: ["GET"], maxAgeSeconds: 60), on: bench)
            let routes = LoomServer.buildRoutes(app: app, database: database.client, configuration: .init())
            #expect(routes.inlineReads.isEmpty == !database.client.readsKeysInline, "CORS leaves the inline path on where it was")
            let (inlineServer, plainServer) = InlineReadTests.servers(app: app, database: database.client)
            try await inlineServer.test(.live) { inlineClient in
                try await plainServer.test(.live) { plainClient in
                    let inline = try TestApp(client: inlineClient, app: app), plain = try TestApp(client: plainClient, app: app)
                    try await plain.create("/v1/items", #"{"name": "lamp", "price": 2.5}"#)
                    for headers: HTTPFields in [[:], [.origin: Self.allowed], [.origin: Self.other]] {
                        let fast = InlineReadTests.Seen(try await inline.request(.get, "/v1/items/1", headers: headers), keepRequestID: false)
                        let slow = InlineReadTests.Seen(try await plain.request(.get, "/v1/items/1", headers: headers), keepRequestID: false)
                        #expect(fast == slow, "\(headers)")
                    }
                    let allowed = try await inline.request(.get, "/v1/items/1", headers: [.origin: Self.allowed])
                    #expect(allowed.status == .ok && allowed.headers[.accessControlAllowOrigin] == Self.allowed)
                    let plainRead = try await inline.request(.get, "/v1/items/1")
                    #expect(plainRead.status == .ok && plainRead.headers[.accessControlAllowOrigin] == nil)
                    let preflight = try await Self.preflight(inlineClient, "/v1/items/1", origin: Self.allowed, method: "GET")
                    #expect(preflight.status == .noContent && preflight.headers[.accessControlAllowMethods] == "GET")
                    #expect(preflight.headers[.accessControlAllowCredentials] == nil)
                }
            }
        }
    }

    @Test("any origin (\"*\") is answered with *, without Vary")
    func anyOrigin() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, bench in
            let app = Self.declaring(CORSSettings(origins: ["*"], methods: ["GET", "POST"], exposedHeaders: ["X-Request-Id"], maxAgeSeconds: 0), on: bench)
            var configuration = LoomServer.Configuration(port: 0)
            configuration.inlineReads = false
            let server = LoomServer.buildApplication(app: app, database: database.client, configuration: configuration, logger: TestDatabase.logger)
            try await server.test(.router) { client in
                let reply = try await TestApp(client: client, app: app).request(.get, "/v1/items", headers: [.origin: Self.other])
                #expect(reply.headers[.accessControlAllowOrigin] == "*")
                #expect(reply.headers[.vary] == nil)
                #expect(reply.headers[.accessControlExposeHeaders] == "X-Request-Id")
                let preflight = try await Self.preflight(client, "/v1/items", origin: Self.other)
                #expect(preflight.status == .noContent && preflight.headers[.accessControlMaxAge] == "0")
            }
        }
    }
}
