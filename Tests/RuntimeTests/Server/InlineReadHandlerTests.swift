import HTTPTypes
import Hummingbird
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import Runtime

/// `InlineReadHandler`: which requests the event loop answers itself, what it sends, and that
/// responses keep the order of their requests.
@Suite("Inline read handler")
struct InlineReadHandlerTests {
    /// Authenticates nothing; reads only `Authorization`.
    struct AuthorizationReader: RequestAuthenticator {
        func authenticate(_ request: Request, context: LoomRequestContext) async -> AuthenticationOutcome { .anonymous }
        var credentialHeaders: [HTTPField.Name] { [.authorization] }
    }

    static let record = InlineRecord(bytes: Array(#"{"id":7}"#.utf8), tag: #""abc""#)

    /// A channel whose handler answers `GET /v1/items/7` (and nothing else) inline.
    static func channel(authenticator: (any RequestAuthenticator)? = nil) throws -> EmbeddedChannel {
        var reads = InlineReads()
        reads.add(collectionPath: "/v1/items") { key, _ in key == "7" ? record : nil }
        let channel = EmbeddedChannel()
        let writer = InlineResponseWriter()
        try channel.pipeline.syncOperations.addHandler(writer)
        try channel.pipeline.syncOperations.addHandler(
            InlineReadHandler(reads: reads.passingOn(credentialsOf: authenticator), writer: writer))
        return channel
    }

    static func get(_ uri: String, _ headers: [(String, String)] = [], version: HTTPVersion = .http1_1) -> HTTPServerRequestPart {
        .head(HTTPRequestHead(version: version, method: .GET, uri: uri, headers: HTTPHeaders([("Host", "localhost")] + headers)))
    }

    /// Sends a whole request (head and end); returns the parts passed on to Hummingbird.
    static func send(_ channel: EmbeddedChannel, _ head: HTTPServerRequestPart) throws -> [HTTPServerRequestPart] {
        try channel.writeInbound(head)
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        var passed: [HTTPServerRequestPart] = []
        while let part = try channel.readInbound(as: HTTPServerRequestPart.self) { passed.append(part) }
        return passed
    }

    /// The inline responses written so far, as text.
    static func written(_ channel: EmbeddedChannel) throws -> [String] {
        var responses: [String] = []
        while let data = try channel.readOutbound(as: IOData.self) {
            guard case .byteBuffer(let buffer) = data else { continue }
            responses.append(String(buffer: buffer))
        }
        return responses
    }

    @Test("a plain GET of an existing record is answered inline with the route's head and body, in one write")
    func answersInline() throws {
        let channel = try Self.channel()
        let passed = try Self.send(channel, Self.get("/v1/items/7", [("X-Request-Id", "client-id-1")]))
        #expect(passed.isEmpty)
        let responses = try Self.written(channel)
        #expect(responses.count == 1)
        let lines = responses.first?.components(separatedBy: "\r\n") ?? []
        #expect(lines.count == 11)
        guard lines.count == 11 else { return }
        #expect(lines[0] == "HTTP/1.1 200 OK")
        #expect(lines[1] == #"ETag: "abc""#)
        #expect(lines[2] == "Content-Type: application/json")
        #expect(lines[3] == "Content-Length: 8")
        #expect(lines[4] == "X-Request-Id: client-id-1")
        #expect(lines[5].hasPrefix("Date: ") && lines[5].hasSuffix(" GMT"))
        #expect(lines[6] == "Server: loom")
        #expect(lines[7] == "X-Content-Type-Options: nosniff")
        #expect(lines[8] == "Referrer-Policy: no-referrer")
        #expect(lines[9] == "")
        #expect(lines[10] == #"{"id":7}"#)
    }

    @Test("HEAD is answered inline with the GET's head, Content-Length included, and no body")
    func head() throws {
        let channel = try Self.channel()
        let head = HTTPServerRequestPart.head(
            HTTPRequestHead(version: .http1_1, method: .HEAD, uri: "/v1/items/7", headers: ["X-Request-Id": "client-id-1"]))
        #expect(try Self.send(channel, head).isEmpty)
        #expect(try Self.send(channel, Self.get("/v1/items/7", [("X-Request-Id", "client-id-1")])).isEmpty)
        let responses = try Self.written(channel)
        #expect(responses.count == 2)
        guard responses.count == 2 else { return }
        #expect(responses[0].hasSuffix("\r\n\r\n") && responses[0].contains("Content-Length: 8\r\n"))
        #expect(Self.withoutDate(responses[0]) + #"{"id":7}"# == Self.withoutDate(responses[1]))
    }

    @Test("Origin and Accept-Encoding change nothing without a middleware that reads them: answered inline, alike")
    func originAndAcceptEncoding() throws {
        let channel = try Self.channel()
        let plain = Self.get("/v1/items/7", [("X-Request-Id", "r")])
        let decorated = Self.get("/v1/items/7", [("X-Request-Id", "r"), ("Origin", "https://example.com"), ("Accept-Encoding", "gzip, br")])
        #expect(try Self.send(channel, plain).isEmpty)
        #expect(try Self.send(channel, decorated).isEmpty)
        let responses = try Self.written(channel).map(Self.withoutDate)
        #expect(responses.count == 2 && responses.first == responses.last)
    }

    @Test("a middleware that must run, everywhere or over this table, leaves nothing to answer inline")
    func policies() {
        var reads = InlineReads()
        reads.add(collectionPath: "/v1/items") { _, _ in Self.record }
        reads.add(collectionPath: "/v1/orders") { _, _ in Self.record }
        #expect(reads.honouring([.maySkip]).routes.count == 2)
        #expect(reads.honouring([.maySkip, .mustRun]).isEmpty)
        #expect(reads.honouring([.mustRunUnder(["/v1/items"])]).routes.map(\.collectionPath) == ["/v1/orders"])
        #expect(reads.honouring([.mustRunUnder(["/v1/orders/1", "/v1/items/1/restore"])]).routes.map(\.collectionPath) == ["/v1/items"])
        #expect(reads.honouring([.mustRunUnder(["/"])]).isEmpty)
    }

    /// `response` with its `Date` line blanked.
    static func withoutDate(_ response: String) -> String {
        response.components(separatedBy: "\r\n").map { $0.hasPrefix("Date: ") ? "Date: -" : $0 }.joined(separator: "\r\n")
    }

    @Test("an invalid client request id is replaced, as LoomMiddleware does")
    func requestIdentifier() throws {
        let channel = try Self.channel()
        _ = try Self.send(channel, Self.get("/v1/items/7", [("X-Request-Id", "bad id with spaces")]))
        let line = try Self.written(channel).first?.components(separatedBy: "\r\n").first { $0.hasPrefix("X-Request-Id: ") }
        let identifier = String(line?.dropFirst("X-Request-Id: ".count) ?? "")
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
            ("If-None-Match", get("/v1/items/7", [("if-none-match", #""abc""#)])),
            ("Connection: close", get("/v1/items/7", [("Connection", "close")])),
            ("a body", get("/v1/items/7", [("Content-Length", "2")])),
            ("HTTP/1.0", get("/v1/items/7", version: .http1_0)),
            ("two request ids", get("/v1/items/7", [("X-Request-Id", "a"), ("x-request-id", "b")])),
            ("HEAD of a missing record", HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .HEAD, uri: "/v1/items/8"))),
            ("POST", HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/v1/items/7"))),
            ("DELETE", HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .DELETE, uri: "/v1/items/7"))),
        ])
    func passesOn(_ label: String, _ head: HTTPServerRequestPart) throws {
        let channel = try Self.channel()
        let passed = try Self.send(channel, head)
        #expect(passed.count == 2, "\(label): \(passed)")
        #expect(try Self.written(channel).isEmpty, "\(label) was answered inline")
    }

    @Test("a request carrying credentials the authenticator reads goes through it")
    func credentials() throws {
        let credentialed = try Self.channel(authenticator: AuthorizationReader())
        #expect(try Self.send(credentialed, Self.get("/v1/items/7", [("authorization", "Bearer x")])).count == 2)
        #expect(try Self.written(credentialed).isEmpty)
        // A header this authenticator does not read changes nothing.
        let other = try Self.channel(authenticator: AuthorizationReader())
        #expect(try Self.send(other, Self.get("/v1/items/7", [("Cookie", "a=b")])).isEmpty)
        #expect(try Self.written(other).count == 1)
    }

    /// Authenticates `Authorization: Bearer good` inline as one caller, refuses anything else
    /// inline; reads `Cookie` too, but only on the routed path. Remembers what it was given.
    final class InlineBearer: RequestAuthenticator, @unchecked Sendable {
        // @unchecked: `seen` is only touched on the EmbeddedChannel's thread, one test at a time.
        var seen: [InlineCredentials] = []
        static let caller = Identity(subject: "u1", kind: "user", scopes: ["items:read"], organizationID: "o1")
        func authenticate(_ request: Request, context: LoomRequestContext) async -> AuthenticationOutcome { .anonymous }
        var credentialHeaders: [HTTPField.Name] { [.authorization, .cookie] }
        var inlineCredentialHeaders: [HTTPField.Name] { [.authorization] }
        func authenticateInline(_ credentials: InlineCredentials) -> Identity? {
            seen.append(credentials)
            return credentials[.authorization] == "Bearer good" ? Self.caller : nil
        }
    }

    /// A channel answering `GET /v1/items/7` inline to `InlineBearer`'s caller only.
    static func callerChannel(_ authenticator: InlineBearer, trustsForwardedAddresses: Bool = false) throws -> EmbeddedChannel {
        var reads = InlineReads()
        reads.add(collectionPath: "/v1/items") { key, identity in key == "7" && identity == InlineBearer.caller ? record : nil }
        reads = reads.passingOn(credentialsOf: authenticator)
        reads.trustsForwardedAddresses = trustsForwardedAddresses
        let channel = EmbeddedChannel()
        let writer = InlineResponseWriter()
        try channel.pipeline.syncOperations.addHandler(writer)
        try channel.pipeline.syncOperations.addHandler(InlineReadHandler(reads: reads, writer: writer))
        return channel
    }

    @Test("credentials the authenticator checks inline: answered for its caller, passed on when it refuses, repeated, or beside a routed credential")
    func inlineCredentials() throws {
        let authenticator = InlineBearer()
        let channel = try Self.callerChannel(authenticator)
        #expect(try Self.send(channel, Self.get("/v1/items/7", [("Authorization", "Bearer good")])).isEmpty)
        #expect(try Self.written(channel).count == 1)
        let given = try #require(authenticator.seen.last)
        #expect(given.path == "/v1/items/7" && given[.authorization] == "Bearer good" && !given.isEmpty)
        for (label, headers) in [
            ("refused", [("Authorization", "Bearer bad")]),
            ("repeated", [("Authorization", "Bearer good"), ("authorization", "Bearer good")]),
            ("beside a cookie", [("Authorization", "Bearer good"), ("Cookie", "a=b")]),
            ("anonymous, and the route needs a caller", []),
        ] {
            #expect(try Self.send(channel, Self.get("/v1/items/7", headers)).count == 2, "\(label)")
            // Hummingbird's answer, so the next request may be answered inline again.
            try channel.writeOutbound(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .unauthorized)))
            try channel.writeOutbound(HTTPServerResponsePart.end(nil))
            while try channel.readOutbound(as: HTTPServerResponsePart.self) != nil {}
            #expect(try Self.written(channel).isEmpty, "\(label) was answered inline")
        }
        #expect(authenticator.seen.count == 2, "asked about the accepted and the refused request only")
    }

    @Test("a middleware that may skip anonymous reads only sends credentialed ones through Hummingbird; maySkip lets both be inline")
    func policiesForCredentials() throws {
        var reads = InlineReads()
        reads.add(collectionPath: "/v1/items") { key, identity in key == "7" && identity == InlineBearer.caller ? Self.record : nil }
        reads = reads.passingOn(credentialsOf: InlineBearer())
        for (policy, inline) in [(InlineReadPolicy.maySkip, true), (.maySkipAnonymous, false)] {
            let honoured = reads.honouring([policy])
            #expect(honoured.routes.count == 1, "\(policy): the route stays for anonymous reads")
            let channel = EmbeddedChannel()
            let writer = InlineResponseWriter()
            try channel.pipeline.syncOperations.addHandler(writer)
            try channel.pipeline.syncOperations.addHandler(InlineReadHandler(reads: honoured, writer: writer))
            let passed = try Self.send(channel, Self.get("/v1/items/7", [("Authorization", "Bearer good")]))
            #expect(passed.isEmpty == inline, "\(policy)")
            #expect(try Self.written(channel).count == (inline ? 1 : 0), "\(policy)")
        }
    }

    @Test("the authenticator gets the client's address only when the app believes no forwarded one")
    func inlineCredentialAddress() throws {
        for trusts in [false, true] {
            let authenticator = InlineBearer()
            let channel = try Self.callerChannel(authenticator, trustsForwardedAddresses: trusts)
            try channel.connect(to: try SocketAddress(ipAddress: "192.0.2.7", port: 4000)).wait()
            _ = try Self.send(channel, Self.get("/v1/items/7", [("Authorization", "Bearer good")]))
            #expect(authenticator.seen.last?.clientAddress == (trusts ? nil : "192.0.2.7"))
        }
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
            try channel.writeOutbound(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .ok)))
            try channel.writeOutbound(HTTPServerResponsePart.end(nil))
        }
        var passedThrough = 0
        while try channel.readOutbound(as: HTTPServerResponsePart.self) != nil { passedThrough += 1 }
        #expect(passedThrough == 4)
        #expect(try Self.send(channel, Self.get("/v1/items/7")).isEmpty)
        #expect(try Self.written(channel).count == 1)
    }

    @Test("the Date header is RFC 9110's IMF-fixdate")
    func dateFormat() {
        #expect(HTTPDateCache.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDateCache.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDateCache.format(1_795_478_399) == "Mon, 23 Nov 2026 23:59:59 GMT")
    }
}
