import HTTPTypes
import Hummingbird
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import Runtime

/// `InlineReadHandler`: which requests the event loop answers itself, what it sends, and that
/// responses keep the order of their requests.
@Suite("Inline read handler")
struct InlineReadHandlerTests {
    /// Authenticates nothing; reads only `Authorization`.
    struct AuthorizationReader: RequestAuthenticator {
        func authenticate(_ request: Request, context: LoomRequestContext) async -> AuthenticationOutcome { .anonymous }
        func readsCredentials(in headers: HTTPFields) -> Bool { headers[.authorization] != nil }
    }

    static let record = InlineRecord(bytes: Array(#"{"id":7}"#.utf8), tag: #""abc""#)

    /// A channel whose handler answers `GET /v1/items/7` (and nothing else) inline.
    static func channel(authenticator: (any RequestAuthenticator)? = nil) throws -> EmbeddedChannel {
        var reads = InlineReads(authenticator: authenticator)
        reads.add(collectionPath: "/v1/items") { key in key == "7" ? record : nil }
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(InlineReadHandler(reads: reads))
        return channel
    }

    static func get(_ path: String, _ fields: HTTPFields = [:]) -> HTTPRequestPart {
        .head(HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: path, headerFields: fields))
    }

    /// Sends a whole request (head and end); returns the parts passed on to Hummingbird.
    static func send(_ channel: EmbeddedChannel, _ head: HTTPRequestPart) throws -> [HTTPRequestPart] {
        try channel.writeInbound(head)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        var passed: [HTTPRequestPart] = []
        while let part = try channel.readInbound(as: HTTPRequestPart.self) { passed.append(part) }
        return passed
    }

    /// The response parts written so far.
    static func written(_ channel: EmbeddedChannel) throws -> [HTTPResponsePart] {
        var parts: [HTTPResponsePart] = []
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) { parts.append(part) }
        return parts
    }

    @Test("a plain GET of an existing record is answered inline with the route's headers and body")
    func answersInline() throws {
        let channel = try Self.channel()
        let passed = try Self.send(channel, Self.get("/v1/items/7", [.requestID: "client-id-1"]))
        #expect(passed.isEmpty)
        let parts = try Self.written(channel)
        #expect(parts.count == 3)
        guard parts.count == 3, case .head(let head) = parts[0], case .body(let body) = parts[1], case .end(nil) = parts[2] else {
            Issue.record("expected head, body, end; got \(parts)")
            return
        }
        #expect(head.status == .ok)
        #expect(head.headerFields.map(\.name.canonicalName) == ["etag", "content-type", "content-length", "x-request-id", "date", "server"])
        #expect(head.headerFields[.eTag] == #""abc""#)
        #expect(head.headerFields[.contentType] == "application/json")
        #expect(head.headerFields[.contentLength] == "8")
        #expect(head.headerFields[.requestID] == "client-id-1")
        #expect(head.headerFields[.server] == "loom")
        #expect(head.headerFields[.date]?.hasSuffix(" GMT") == true)
        #expect(Array(buffer: body) == Array(#"{"id":7}"#.utf8))
    }

    @Test("an invalid client request id is replaced, as LoomMiddleware does")
    func requestIdentifier() throws {
        let channel = try Self.channel()
        _ = try Self.send(channel, Self.get("/v1/items/7", [.requestID: "bad id with spaces"]))
        guard case .head(let head) = try Self.written(channel).first else {
            Issue.record("no response")
            return
        }
        let identifier = head.headerFields[.requestID] ?? ""
        #expect(identifier != "bad id with spaces")
        #expect(RequestIdentifier.isValid(identifier))
    }

    @Test(
        "requests the route may answer differently go to Hummingbird untouched",
        arguments: [
            ("missing record", get("/v1/items/8")),
            ("query string", get("/v1/items/7?fields=id")),
            ("escaped key", get("/v1/items/%37")),
            ("deeper path", get("/v1/items/7/restore")),
            ("empty key", get("/v1/items/")),
            ("other table", get("/v1/orders/7")),
            ("If-None-Match", get("/v1/items/7", [.ifNoneMatch: #""abc""#])),
            ("Connection: close", get("/v1/items/7", [.connection: "close"])),
            ("a body", get("/v1/items/7", [.contentLength: "2"])),
            ("HEAD", HTTPRequestPart.head(HTTPRequest(method: .head, scheme: "http", authority: "localhost", path: "/v1/items/7"))),
            ("DELETE", HTTPRequestPart.head(HTTPRequest(method: .delete, scheme: "http", authority: "localhost", path: "/v1/items/7"))),
        ])
    func passesOn(_ label: String, _ head: HTTPRequestPart) throws {
        let channel = try Self.channel()
        let passed = try Self.send(channel, head)
        #expect(passed.count == 2, "\(label): \(passed)")
        #expect(try Self.written(channel).isEmpty, "\(label) was answered inline")
    }

    @Test("a request carrying credentials the authenticator reads goes through it")
    func credentials() throws {
        let credentialed = try Self.channel(authenticator: AuthorizationReader())
        #expect(try Self.send(credentialed, Self.get("/v1/items/7", [.authorization: "Bearer x"])).count == 2)
        #expect(try Self.written(credentialed).isEmpty)
        // A header this authenticator does not read changes nothing.
        let other = try Self.channel(authenticator: AuthorizationReader())
        #expect(try Self.send(other, Self.get("/v1/items/7", [.cookie: "a=b"])).isEmpty)
        #expect(try Self.written(other).count == 3)
    }

    @Test("while Hummingbird owes a response, later requests wait their turn behind it")
    func order() throws {
        let channel = try Self.channel()
        // Request 1 goes to Hummingbird; request 2 could be answered inline but must not overtake it.
        #expect(try Self.send(channel, Self.get("/v1/items/8")).count == 2)
        #expect(try Self.send(channel, Self.get("/v1/items/7")).count == 2)
        #expect(try Self.written(channel).isEmpty)
        // Hummingbird answers both; the next request is answered inline again.
        for _ in 0..<2 {
            try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
            try channel.writeOutbound(HTTPResponsePart.end(nil))
        }
        #expect(try Self.written(channel).count == 4)
        #expect(try Self.send(channel, Self.get("/v1/items/7")).isEmpty)
        #expect(try Self.written(channel).count == 3)
    }

    @Test("the Date header is RFC 9110's IMF-fixdate")
    func dateFormat() {
        #expect(HTTPDateCache.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDateCache.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDateCache.format(1_795_478_399) == "Mon, 23 Nov 2026 23:59:59 GMT")
    }
}
