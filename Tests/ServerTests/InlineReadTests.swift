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
    ]

    @Test("a server with inline reads answers every key read exactly as one without")
    func sameAnswers() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            let client = database.client
            // One cursor key for both, as instances sharing a secret have: list answers then match byte for byte.
            let cursors = CursorCodec(secret: "inline read test")
            let inlineServer = LoomServer.buildApplication(
                app: app, database: client, host: "127.0.0.1", port: 0, logger: TestDatabase.logger, inlineReads: true, cursors: cursors)
            let plainServer = LoomServer.buildApplication(
                app: app, database: client, host: "127.0.0.1", port: 0, logger: TestDatabase.logger, inlineReads: false, cursors: cursors)
            let routes = LoomServer.buildRoutes(app: app, database: database.client, hooks: [], auth: nil, cursors: .random())
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

    @Test("only public reads of tables without row rules are inline; tracker's need a caller")
    func eligibleRoutes() async throws {
        try await TestDatabase.with("tracker") { database in
            let app = try AppCatalog.app(named: "tracker", eventSettleInterval: 0)
            let routes = LoomServer.buildRoutes(app: app, database: database.client, hooks: [], auth: TestAuthenticator(), cursors: .random())
            #expect(routes.inlineReads.isEmpty)
        }
    }
}
