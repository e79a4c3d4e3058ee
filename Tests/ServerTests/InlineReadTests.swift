import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Runtime
import Testing

@testable import Server

/// Public key reads answered on the event loop (`InlineReads`) are indistinguishable from the
/// same reads through Hummingbird: two live servers on one database, one with inline reads and
/// one without, answer every request alike. On PostgreSQL no route is inline, so both servers
/// take Hummingbird's path and the comparison still holds.
@Suite("Inline reads")
struct InlineReadTests {
    /// What a client sees, minus what differs on every request (`Date`, a generated request id).
    struct Seen: Equatable, CustomStringConvertible {
        let status: Int
        let headers: [String]
        let body: String

        init(_ reply: Reply, keepRequestID: Bool) {
            status = reply.status.code
            headers = reply.headers.compactMap { field in
                if field.name == .date || (field.name == .requestID && !keepRequestID) { return nil }
                return "\(field.name.canonicalName): \(field.value)"
            }
            let generated = keepRequestID ? nil : reply.headers[.requestID]
            body = generated.map { reply.text.replacingOccurrences(of: $0, with: "<request id>") } ?? reply.text
        }

        var description: String { "\(status) \(headers) \(body)" }
    }

    static let requests: [(uri: String, headers: HTTPFields)] = [
        ("/v1/items/1", [:]),
        ("/v1/items/2", [.requestID: "trace-42"]),
        ("/v1/items/3", [.requestID: "not valid!"]),
        ("/v1/items/404", [:]),
        ("/v1/items/abc", [:]),
        ("/v1/items/1?fields=name", [:]),
        ("/v1/items/%31", [:]),
        ("/v1/items/1/", [:]),
        ("/v1/items/-1", [:]),
        ("/v1/items/99999999999999999999", [:]),
        ("/v1/items/1", [.origin: "https://example.com"]),
        ("/v1/items/2", [.acceptEncoding: "gzip, deflate, br"]),
        ("/v1/items/3", [.origin: "https://example.com", .acceptEncoding: "br"]),
    ]

    /// Two live servers on `database`, one answering public key reads inline and one not.
    static func servers(
        app: GeneratedApp, database: any DatabaseClient, middleware: [any ServerMiddleware] = []
    ) -> (inline: some ApplicationProtocol, plain: some ApplicationProtocol) {
        var configuration = LoomServer.Configuration(port: 0)
        configuration.middleware = middleware
        let inline = LoomServer.buildApplication(app: app, database: database, configuration: configuration, logger: TestDatabase.logger)
        configuration.inlineReads = false
        let plain = LoomServer.buildApplication(app: app, database: database, configuration: configuration, logger: TestDatabase.logger)
        return (inline, plain)
    }

    @Test("a server with inline reads answers every key read exactly as one without")
    func sameAnswers() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            let (inlineServer, plainServer) = Self.servers(app: app, database: database.client)
            let routes = LoomServer.buildRoutes(app: app, database: database.client, configuration: .init())
            #expect(routes.inlineReads.isEmpty == !database.client.readsKeysInline, "bench's items are read inline on SQLite only")
            try await inlineServer.test(.live) { inlineClient in
                try await plainServer.test(.live) { plainClient in
                    let inline = try TestApp(client: inlineClient, app: app), plain = try TestApp(client: plainClient, app: app)
                    for index in 1...3 { try await plain.create("/v1/items", #"{"name": "item \#(index)", "price": \#(index).5}"#) }
                    for (uri, headers) in Self.requests {
                        let keepRequestID = headers[.requestID].map(RequestIdentifier.isValid) ?? false
                        let fast = Seen(try await inline.request(.get, uri, headers: headers), keepRequestID: keepRequestID)
                        let slow = Seen(try await plain.request(.get, uri, headers: headers), keepRequestID: keepRequestID)
                        #expect(fast == slow, "GET \(uri)")
                    }
                    // Byte for byte, pipelined: a Hummingbird answer, then inline ones, in request order.
                    let pipelined = "GET /v1/items?limit=1 HTTP/1.1\r\nHost: x\r\nX-Request-Id: r1\r\n\r\n"
                        + "GET /v1/items/2 HTTP/1.1\r\nHost: x\r\nX-Request-Id: r2\r\n\r\n"
                        + "GET /v1/items/3 HTTP/1.1\r\nHost: x\r\nX-Request-Id: r3\r\n\r\n"
                    let inlineBytes = try await RawHTTPExchange.exchange(port: try #require(inlineClient.port), pipelined, responseCount: 3)
                    let plainBytes = try await RawHTTPExchange.exchange(port: try #require(plainClient.port), pipelined, responseCount: 3)
                    #expect(Self.withoutDates(inlineBytes) == Self.withoutDates(plainBytes))
                    inline.checker.check(rawRequests: pipelined, rawResponses: inlineBytes)
                    plain.checker.check(rawRequests: pipelined, rawResponses: plainBytes)
                    #expect(inlineBytes.components(separatedBy: "X-Request-Id: ").dropFirst().map { $0.prefix(2) } == ["r1", "r2", "r3"])
                    // HEAD, byte for byte: the GET's head, Content-Length included, and no body, on either path.
                    for (uri, extra) in [("/v1/items/2", ""), ("/v1/items/404", ""), ("/v1/items/3", "Origin: https://example.com\r\nAccept-Encoding: gzip\r\n")] {
                        let head = "HEAD \(uri) HTTP/1.1\r\nHost: x\r\nX-Request-Id: h1\r\n\(extra)\r\n"
                        let fast = try await RawHTTPExchange.exchange(port: try #require(inlineClient.port), head, bodiless: true)
                        let slow = try await RawHTTPExchange.exchange(port: try #require(plainClient.port), head, bodiless: true)
                        #expect(Self.withoutDates(fast) == Self.withoutDates(slow), "HEAD \(uri)")
                        let get = try await RawHTTPExchange.exchange(port: try #require(inlineClient.port), "GET" + head.dropFirst(4))
                        #expect(Self.withoutDates(fast) == Self.withoutDates(String(get.prefix(fast.count))), "HEAD \(uri) is the GET's head")
                    }
                    // A conditional read with the tag of an inline answer: 304 either way.
                    let first = try await inline.request(.get, "/v1/items/1")
                    let tag = try #require(first.headers[.eTag])
                    #expect(try await inline.request(.get, "/v1/items/1", headers: [.ifNoneMatch: tag]).status == .notModified)
                    // A change through one server is read at once through the other's inline path.
                    #expect(try await plain.request(.patch, "/v1/items/1", json: #"{"price": 9}"#).status == .ok)
                    let changed = try await inline.request(.get, "/v1/items/1")
                    #expect(changed.object["price"] as? Double == 9)
                    #expect(changed.headers[.eTag] != tag)
                    #expect(try await plain.request(.delete, "/v1/items/1").status == .noContent)
                    #expect(try await inline.request(.get, "/v1/items/1").status == .notFound)
                }
            }
        }
    }

    /// `text` with every `Date` header value blanked (the two servers answer in different seconds).
    static func withoutDates(_ text: String) -> String {
        text.components(separatedBy: "\r\n").map { $0.hasPrefix("Date: ") ? "Date: -" : $0 }.joined(separator: "\r\n")
    }

    @Test("tables with row rules and scope requirements are inline too (each read checks its caller); credentials the authenticator cannot check inline are passed on")
    func eligibleRoutes() async throws {
        try await TestDatabase.with("tracker") { database in
            let app = try AppCatalog.app(named: "tracker", eventSettleInterval: 0)
            var configuration = LoomServer.Configuration()
            configuration.auth = TestAuthenticator()
            let routes = LoomServer.buildRoutes(app: app, database: database.client, configuration: configuration)
            #expect(routes.inlineReads.isEmpty == !database.client.readsKeysInline)
            #expect(routes.inlineReads.routes.contains { $0.collectionPath == "/v1/projects" } == database.client.readsKeysInline)
            // Without a real auth module, no credential is checked inline: the test identity header passes the request on.
            #expect(routes.inlineReads.passedOnHeaders.contains(TestAuthenticator.header.canonicalName))
            // An anonymous read of a project needs a caller: not answered inline (Hummingbird's 401).
            let anonymous = routes.inlineReads.routes.first { $0.collectionPath == "/v1/projects" }?.read("0b7d6f0e-8f4c-4b8e-9d41-6c1d0e2f3a4b", nil)
            #expect(anonymous == nil)
        }
    }

    @Test(
        "a middleware that must see every request turns inline reads off where it applies",
        arguments: [
            (InlineReadPolicy.maySkip, true), (.mustRun, false), (.mustRunUnder(["/v1/items"]), false),
            (.mustRunUnder(["/v1"]), false), (.mustRunUnder(["/v1/items/7"]), false), (.mustRunUnder(["/v1/other"]), true),
            (.mustRunUnder(["/v1/items/7/restore"]), true), (.mustRunUnder(["/v1/item"]), true),
        ])
    func middlewarePolicies(policy: InlineReadPolicy, staysInline: Bool) async throws {
        try await TestDatabase.with("bench") { database in
            let app = try AppCatalog.app(named: "bench", eventSettleInterval: 0)
            var configuration = LoomServer.Configuration()
            configuration.middleware = [DeclaredMiddleware(CORSMiddleware<LoomRequestContext>(), inlineReads: policy)]
            let routes = LoomServer.buildRoutes(app: app, database: database.client, configuration: configuration)
            #expect(routes.inlineReads.isEmpty == (!staysInline || !database.client.readsKeysInline), "\(policy)")
        }
    }

    @Test("with a CORS middleware that must run, an Origin read gets its CORS headers from either server")
    func corsOnKeyReads() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            let cors = DeclaredMiddleware(CORSMiddleware<LoomRequestContext>(allowOrigin: .originBased), inlineReads: .mustRun)
            let (inlineServer, plainServer) = Self.servers(app: app, database: database.client, middleware: [cors])
            try await inlineServer.test(.live) { inlineClient in
                try await plainServer.test(.live) { plainClient in
                    let inline = try TestApp(client: inlineClient, app: app), plain = try TestApp(client: plainClient, app: app)
                    try await plain.create("/v1/items", #"{"name": "item", "price": 1}"#)
                    let headers: HTTPFields = [.origin: "https://example.com", .requestID: "cors-1"]
                    let fast = try await inline.request(.get, "/v1/items/1", headers: headers)
                    let slow = try await plain.request(.get, "/v1/items/1", headers: headers)
                    #expect(fast.headers[.accessControlAllowOrigin] == "https://example.com")
                    #expect(Seen(fast, keepRequestID: true) == Seen(slow, keepRequestID: true))
                }
            }
        }
    }
}
