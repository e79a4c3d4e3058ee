import HTTPTypes
import NIOCore
import NIOHTTP1

/// The `GET /<table>/{id}` routes a connection may answer on the event loop that read the
/// request, without Hummingbird's per-request task, router and middleware (see
/// `InlineReadHandler`), decided once at start-up by `RouteRegistry.addTable`.
///
/// A route is here only when its answer cannot depend on the caller: the operation is public
/// (no `auth` section, or `"public"` read permission) and the table has no tenant or owner
/// rule. Its database must read a key without leaving the calling thread
/// (`DatabaseClient.fetchByKeyInline`: SQLite's key reader; PostgreSQL has no such path).
///
/// The inline answer is only ever the successful one, byte for byte what the route would have
/// sent through Hummingbird. Anything else (a query string, a conditional or credentialed
/// request, HTTP/1.0, a malformed key, a missing row, a busy or failing database) returns `nil`
/// and the request goes through Hummingbird as usual, which renders errors in the app's format.
///
/// Keep in step with `LoomMiddleware` and `TableHandlers.get`: anything they add to a
/// successful GET (a header, a limit, a check) must be added here or make `answer` pass the
/// request on; `InlineReadTests` compares the two paths byte for byte.
public struct InlineReads: Sendable {
    /// One table's item route.
    struct Route: Sendable {
        /// `/<base>/<table>/` as bytes.
        let prefix: [UInt8]
        /// Reads the record with the key text; `nil` when there is none or it cannot be read here.
        let read: @Sendable (Substring) -> InlineRecord?
    }

    private(set) var routes: [Route] = []
    /// Lower-case names of the request headers that make a request go through Hummingbird:
    /// those that can change a GET's answer or the connection's handling, and the app
    /// authenticator's credential headers.
    private(set) var passedOnHeaders: Set<String> = InlineReads.alteringHeaders
    /// The `Server` header line, as Hummingbird sends it.
    let serverName: String?
    /// The request id header, as `LoomMiddleware` reads and writes it.
    private(set) var requestIDHeader = HTTPField.Name.requestID
    /// Its lower-case name, compared with request headers.
    private var requestIDHeaderLowercased = "x-request-id"

    /// A body, a condition, a range, `Connection` and `Expect` change a GET or its connection.
    static let alteringHeaders: Set<String> = [
        "content-length", "transfer-encoding", "if-none-match", "if-match", "if-modified-since", "if-unmodified-since",
        "if-range", "range", "connection", "expect",
    ]

    /// An empty table.
    public init(serverName: String? = LoomServer.serverName) {
        self.serverName = serverName
    }

    /// Whether no route is answered inline.
    public var isEmpty: Bool { routes.isEmpty }

    /// Adds the item route of the collection at `collectionPath` (`/v1/items`).
    mutating func add(collectionPath: String, read: @escaping @Sendable (Substring) -> InlineRecord?) {
        routes.append(Route(prefix: Array((collectionPath + "/").utf8), read: read))
    }

    /// The same routes; requests carrying a credential `authenticator` reads go through it.
    func passingOn(credentialsOf authenticator: (any RequestAuthenticator)?) -> InlineReads {
        var copy = self
        for name in authenticator?.credentialHeaders ?? [] { copy.passedOnHeaders.insert(name.canonicalName) }
        return copy
    }

    /// The same routes, with the app's request id header.
    func answering(requestIDHeader: HTTPField.Name) -> InlineReads {
        var copy = self
        copy.requestIDHeader = requestIDHeader
        copy.requestIDHeaderLowercased = requestIDHeader.canonicalName
        return copy
    }

    /// The whole HTTP response to `request` (status line, headers, body) when it can be
    /// answered here, with `date` as the `Date` header value.
    func answer(_ request: HTTPRequestHead, date: String, allocator: ByteBufferAllocator) -> ByteBuffer? {
        guard request.method == .GET, request.version == .http1_1 else { return nil }
        var clientRequestID: String?
        for (name, value) in request.headers {
            let lowercased = name.lowercased()
            if passedOnHeaders.contains(lowercased) { return nil }
            if lowercased == requestIDHeaderLowercased {
                // Hummingbird would join repeated values into one that is never a valid id.
                guard clientRequestID == nil else { return nil }
                clientRequestID = value
            }
        }
        guard let (route, key) = match(request.uri), let record = route.read(key) else { return nil }
        // The head LoomMiddleware, JSONResponse and Hummingbird's Application would write, in their order.
        let requestID = RequestIdentifier.accepting(clientRequestID)
        var buffer = allocator.buffer(capacity: 192 + record.bytes.count)
        buffer.writeStaticString("HTTP/1.1 200 OK\r\nETag: ")
        buffer.writeString(record.tag)
        buffer.writeStaticString("\r\nContent-Type: ")
        buffer.writeString(JSONResponse.contentType)
        buffer.writeStaticString("\r\nContent-Length: ")
        buffer.writeString(String(record.bytes.count))
        buffer.writeStaticString("\r\n")
        buffer.writeString(requestIDHeader.rawName)
        buffer.writeStaticString(": ")
        buffer.writeString(requestID)
        buffer.writeStaticString("\r\nDate: ")
        buffer.writeString(date)
        if let serverName {
            buffer.writeStaticString("\r\nServer: ")
            buffer.writeString(serverName)
        }
        buffer.writeStaticString("\r\n\r\n")
        buffer.writeBytes(record.bytes)
        return buffer
    }

    /// The route whose prefix `uri` starts with, and the rest as the key: one non-empty
    /// segment without a query, fragment, escape or further slash.
    private func match(_ uri: String) -> (Route, Substring)? {
        let bytes = uri.utf8
        for route in routes where bytes.count > route.prefix.count && bytes.starts(with: route.prefix) {
            let key = bytes[bytes.index(bytes.startIndex, offsetBy: route.prefix.count)...]
            let plain = key.allSatisfy { byte in
                byte != UInt8(ascii: "/") && byte != UInt8(ascii: "?") && byte != UInt8(ascii: "#") && byte != UInt8(ascii: "%")
            }
            return plain ? (route, Substring(key)) : nil
        }
        return nil
    }
}

/// A record read inline: its JSON and its entity tag.
struct InlineRecord: Sendable {
    let bytes: [UInt8]
    let tag: String
}
