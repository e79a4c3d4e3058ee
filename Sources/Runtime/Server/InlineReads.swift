import HTTPTypes
import NIOCore

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
/// request, a malformed key, a missing row, a busy or failing database) returns `nil` and the
/// request goes through Hummingbird as usual, which renders errors in the app's format.
public struct InlineReads: Sendable {
    /// One table's item route.
    struct Route: Sendable {
        /// `/<base>/<table>/` as bytes.
        let prefix: [UInt8]
        /// Reads the record with the key text; `nil` when there is none or it cannot be read here.
        let read: @Sendable (Substring) -> InlineRecord?
    }

    private(set) var routes: [Route] = []
    /// The app's authenticator: a request carrying credentials it reads goes through it.
    let authenticator: (any RequestAuthenticator)?
    /// `Server` header value, as Hummingbird sends it.
    let serverName: String?

    /// An empty table.
    public init(authenticator: (any RequestAuthenticator)? = nil, serverName: String? = LoomServer.serverName) {
        self.authenticator = authenticator
        self.serverName = serverName
    }

    /// Whether no route is answered inline.
    public var isEmpty: Bool { routes.isEmpty }

    /// Adds the item route of the collection at `collectionPath` (`/v1/items`).
    mutating func add(collectionPath: String, read: @escaping @Sendable (Substring) -> InlineRecord?) {
        routes.append(Route(prefix: Array((collectionPath + "/").utf8), read: read))
    }

    /// The same table with another authenticator (the server's, set after the routes).
    func with(authenticator: (any RequestAuthenticator)?) -> InlineReads {
        var copy = InlineReads(authenticator: authenticator, serverName: serverName)
        copy.routes = routes
        return copy
    }

    /// The response to `request` when it can be answered here, with the `Date` header value to send.
    func answer(_ request: HTTPRequest, date: String) -> (head: HTTPResponse, body: ByteBuffer)? {
        guard request.method == .get, let path = request.path, Self.isPlain(request.headerFields) else { return nil }
        if let authenticator, authenticator.readsCredentials(in: request.headerFields) { return nil }
        guard let (route, key) = match(path) else { return nil }
        guard let record = route.read(key) else { return nil }
        var fields = HTTPFields()
        fields.reserveCapacity(6)
        fields[.eTag] = record.tag
        fields[.contentType] = JSONResponse.contentType
        fields[.contentLength] = String(record.bytes.count)
        fields[.requestID] = RequestIdentifier.accepting(request.headerFields[.requestID])
        fields[.date] = date
        if let serverName { fields[.server] = serverName }
        return (HTTPResponse(status: .ok, headerFields: fields), ByteBuffer(bytes: record.bytes))
    }

    /// The route whose prefix `path` starts with, and the rest as the key: one non-empty
    /// segment without a query, fragment, escape or further slash.
    private func match(_ path: String) -> (Route, Substring)? {
        let bytes = path.utf8
        for route in routes where bytes.count > route.prefix.count && bytes.starts(with: route.prefix) {
            let keyStart = bytes.index(bytes.startIndex, offsetBy: route.prefix.count)
            let key = bytes[keyStart...]
            guard !key.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "%") })
            else { return nil }
            return (route, Substring(key))
        }
        return nil
    }

    /// Whether the request has none of the headers that change a GET's answer or the
    /// connection's handling: a body, a condition, `Connection`, `Expect`.
    private static func isPlain(_ fields: HTTPFields) -> Bool {
        for field in fields {
            switch field.name {
            case .contentLength, .transferEncoding, .ifNoneMatch, .ifMatch, .ifModifiedSince, .ifUnmodifiedSince, .ifRange,
                .connection, .expect, .range:
                return false
            default:
                continue
            }
        }
        return true
    }
}

/// A record read inline: its JSON and its entity tag.
struct InlineRecord: Sendable {
    let bytes: [UInt8]
    let tag: String
}
