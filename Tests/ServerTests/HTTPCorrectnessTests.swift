import Auth
import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import Runtime
@testable import Server

/// What a third-party tester found about Loom's HTTP: `HEAD` beside every `GET`, 405s on a
/// literal segment beside `{id}`, and malformed chunked bodies.
@Suite("HTTP correctness")
struct HTTPCorrectnessTests {
    /// Every `GET` route the app registers (built-in, auth, tables, custom endpoints), with each
    /// `{parameter}` replaced by `1`.
    static func getPaths(of name: String, database: any DatabaseClient) async throws -> [String] {
        let app = try AppCatalog.app(named: name, eventSettleInterval: 0)
        var configuration = LoomServer.Configuration()
        configuration.auth = try await ServerAuth.start(
            app: app, database: database, logger: TestDatabase.logger,
            environment: app.auth.map { [$0.secretVariable: TestApp.jwtSecret] } ?? [:], options: AuthOptions(passwordHashCost: 4))
        let routes = LoomServer.registry(app: app, database: database, configuration: configuration).routes
        return routes.filter { $0.method == .get }.map { route in
            route.path.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("{") ? "1" : String($0) }.joined(separator: "/")
        }
    }

    @Test("HEAD answers every GET route with the GET's status and headers, Content-Length included, and no body",
          arguments: ["bench", "tracker", "eventflow"])
    func headEverywhere(name: String) async throws {
        // Usage statistics count every request, so `GET <base>/usage` would change between the GET and the HEAD.
        try await TestApp.run(name, configure: { $0.usage = nil }) { app in
            let paths = try await Self.getPaths(of: name, database: try #require(app.database))
            #expect(paths.contains("/health") && paths.contains("/docs") && paths.contains("/openapi.json"))
            for path in paths {
                let get = try await app.request(.get, path)
                let head = try await app.request(.head, path)
                #expect(head.status == get.status, "HEAD \(path)")
                #expect(head.bytes.isEmpty, "HEAD \(path) has a body")
                #expect(head.headers[.contentLength] == String(get.bytes.count), "HEAD \(path)")
                #expect(Self.comparable(head.headers) == Self.comparable(get.headers), "HEAD \(path)")
            }
        }
    }

    /// Header fields that must agree between two answers to the same request (not `Date` or a fresh request id).
    static func comparable(_ headers: HTTPFields) -> [String] {
        headers.filter { $0.name != .date && $0.name != .requestID }.map { "\($0.name): \($0.value)" }
    }

    @Test("a literal segment beside {id} answers 405 with only its own methods in Allow")
    func literalSegments() async throws {
        try await TestApp.run("bench") { app in
            let batch = try await app.request(.put, "/v1/items/batch", json: "{}")
            #expect(batch.status == .methodNotAllowed)
            #expect(batch.headers[.allow] == "POST")
            let item = try await app.request(.put, "/v1/items/7/x")
            #expect(item.status == .notFound)
            let collection = try await app.request(.delete, "/v1/items")
            #expect(collection.headers[.allow] == "GET, HEAD, POST")
        }
        try await TestApp.run("tracker") { app in
            for method in [HTTPRequest.Method.put, .delete] {
                let me = try await app.request(method, "/v1/platform/admin/me")
                #expect(me.status == .methodNotAllowed, "\(method) /v1/platform/admin/me")
                #expect(me.headers[.allow] == "GET, HEAD, PATCH", "\(method) /v1/platform/admin/me")
            }
        }
    }

    @Test("malformed chunked encoding is a 400 in the app's error format that closes the connection, never a 500",
          arguments: ["zz", "ffffffffffffffffff", "-1", "5\r\nab"])
    func malformedChunks(chunkSize: String) async throws {
        try await TestApp.run("bench", setup: .live) { app in
            let port = try #require(app.client.port)
            let request = "POST /v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "\(chunkSize)\r\n{}\r\n0\r\n\r\n"
            let reply = try await RawHTTPExchange.exchange(port: port, request)
            #expect(reply.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(reply)")
            #expect(reply.contains("Content-Type: application/problem+json\r\n"), "\(reply)")
            #expect(reply.contains("Connection: close\r\n"), "\(reply)")
            #expect(reply.contains(#""code":"BAD_REQUEST""#) && reply.contains(#""field":"body""#), "\(reply)")
        }
    }

    @Test("a request that is not HTTP/1.1 is a 400 in the app's error format with X-Request-Id that closes the connection",
          arguments: ["GARBAGE\r\n\r\n", "GET /v1/items HTTP/1.1\r\nHost: x\r\nX-Bad: a\u{01}b\r\n\r\n", "GET /v1/items HTTP/9.9\r\n\r\n"])
    func malformedRequests(request: String) async throws {
        try await TestApp.run("bench", setup: .live) { app in
            let port = try #require(app.client.port)
            let reply = try await RawHTTPExchange.exchange(port: port, request)
            #expect(reply.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(reply)")
            #expect(reply.contains("Content-Type: application/problem+json\r\n") && reply.contains("X-Request-Id: "), "\(reply)")
            #expect(reply.contains("Connection: close\r\n") && reply.contains(#""code":"BAD_REQUEST""#), "\(reply)")
        }
    }

    @Test("HEAD on the wire: the GET's head with its Content-Length, then nothing, for an item, a list and /docs")
    func headOnTheWire() async throws {
        try await TestApp.run("bench", setup: .live) { app in
            try await app.create("/v1/items", #"{"name": "mug", "price": 3}"#)
            let port = try #require(app.client.port)
            for path in ["/v1/items/1", "/v1/items?limit=5", "/docs", "/v1/items/404"] {
                let get = try await RawHTTPExchange.exchange(port: port, "GET \(path) HTTP/1.1\r\nHost: x\r\nX-Request-Id: r1\r\n\r\n")
                let head = try await RawHTTPExchange.exchange(
                    port: port, "HEAD \(path) HTTP/1.1\r\nHost: x\r\nX-Request-Id: r1\r\n\r\n", bodiless: true)
                let getHead = try #require(get.components(separatedBy: "\r\n\r\n").first)
                #expect(InlineReadTests.withoutDates(head) == InlineReadTests.withoutDates(getHead + "\r\n\r\n"), "HEAD \(path)")
            }
        }
    }
}
