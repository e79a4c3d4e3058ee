import HTTPTypes
import NIOCore
import NIOHTTP1

/// The `GET /<table>/{id}` routes (and their `HEAD`) a connection may answer on the event
/// loop that read the request, without Hummingbird's per-request task, router and middleware
/// (see `InlineReadHandler`), decided once at start-up by `RouteRegistry.addTable` and
/// `LoomServer` (which drops the routes a configured middleware must see; `ServerMiddleware`).
///
/// Every table's item route is here when its database reads a key without leaving the calling
/// thread (`DatabaseClient.fetchByKeyInline`: SQLite's key reader; PostgreSQL has no such path).
/// A request carrying credentials is answered only when the app's authenticator can decide
/// them on the event loop (`RequestAuthenticator.authenticateInline`: a cached access token or
/// an API key, whose session or key row is read on every request, so revocation stays
/// immediate); the route then checks the operation's requirement and binds the caller into the
/// table's tenant and owner conditions, as the Hummingbird route does (`RouteRegistry.addTable`).
///
/// The inline answer is only ever the successful one, byte for byte what the route would have
/// sent through Hummingbird. Anything else (a query string, a conditional request, a credential
/// the authenticator cannot check inline or refuses, a caller lacking a scope or tenant,
/// HTTP/1.0, a malformed key, a missing or foreign row, a busy or failing database) returns
/// `nil` and the request goes through Hummingbird as usual, which renders errors in the app's
/// format.
///
/// Its head comes from `CommonResponseHeaders`, as every answer through `LoomMiddleware` does.
/// Keep in step with `TableHandlers.get`: anything it adds to a successful GET (a header, a
/// limit, a check) must be added here or make `answer` pass the request on;
/// `InlineReadTests` compares the two paths byte for byte.
public struct InlineReads: Sendable {
    /// One table's item route.
    struct Route: Sendable {
        /// `/<base>/<table>`.
        let collectionPath: String
        /// `/<base>/<table>/` as bytes.
        let prefix: [UInt8]
        /// `/<base>/<table>/{id}`, the route template Hummingbird reports for the same request.
        var template: String { collectionPath + "/{id}" }
        /// Reads the record with the key text for the caller (`nil`: anonymous); `nil` when the
        /// caller may not read it, there is none, or it cannot be read here.
        let read: @Sendable (Substring, Identity?) -> InlineRecord?
    }

    private(set) var routes: [Route] = []
    /// Lower-case names of the request headers that make a request go through Hummingbird:
    /// those that can change a GET's answer or the connection's handling, and the app
    /// authenticator's credential headers it cannot check inline.
    private(set) var passedOnHeaders: Set<String> = InlineReads.alteringHeaders
    /// The app's authenticator, when it checks some credentials inline.
    private(set) var authenticator: (any RequestAuthenticator)?
    /// Lower-case names of the headers it checks inline (`RequestAuthenticator.inlineCredentialHeaders`).
    private(set) var inlineCredentialHeaders: Set<String> = []
    /// Whether the app believes forwarded client addresses (`trustedProxies`): an inline
    /// authenticator is then given no client address (`InlineCredentials.clientAddress`).
    var trustsForwardedAddresses = false
    /// Writes the head fields every answer shares.
    var commonHeaders: CommonResponseHeaders
    /// Told about every inline answer (the access log), so answers that skip the middleware are
    /// still recorded; `nil` costs nothing.
    var observer: InlineReadObserver?
    /// The app's URL and header limits: a head over them goes through Hummingbird, whose
    /// `LoomMiddleware` refuses it (414, 431); inline answers never carry a query.
    var requestLimits = RequestLimits.standard
    /// Count each inline answer for the middleware that may be skipped because they do
    /// (`ServerMiddleware.inlineReadCounter`), and add their header fields; one refusing sends
    /// the request through Hummingbird.
    var counters: [any InlineReadCounter] = []

    /// A body, a condition, a range, `Connection` and `Expect` change a GET or its connection.
    static let alteringHeaders: Set<String> = [
        "content-length", "transfer-encoding", "if-none-match", "if-match", "if-modified-since", "if-unmodified-since",
        "if-range", "range", "connection", "expect",
    ]

    /// An empty table.
    /// `requestIDHeader` is the app's request id header (`headers.requestId`).
    public init(serverName: String? = LoomServer.serverName, requestIDHeader: HTTPField.Name = .requestID) {
        self.commonHeaders = CommonResponseHeaders(serverName: serverName, requestIDHeader: requestIDHeader)
    }

    /// Whether no route is answered inline.
    public var isEmpty: Bool { routes.isEmpty }

    /// Adds the item route of the collection at `collectionPath` (`/v1/items`).
    mutating func add(collectionPath: String, read: @escaping @Sendable (Substring, Identity?) -> InlineRecord?) {
        routes.append(Route(collectionPath: collectionPath, prefix: Array((collectionPath + "/").utf8), read: read))
    }

    /// The same routes; requests carrying a credential `authenticator` reads go through it,
    /// except those it can check inline (`inlineCredentialHeaders`), which it is asked about.
    func passingOn(credentialsOf authenticator: (any RequestAuthenticator)?) -> InlineReads {
        var copy = self
        guard let authenticator else { return copy }
        let inline = Set(authenticator.inlineCredentialHeaders.map(\.canonicalName))
        for name in authenticator.credentialHeaders where !inline.contains(name.canonicalName) {
            copy.passedOnHeaders.insert(name.canonicalName)
        }
        if !inline.isEmpty {
            copy.authenticator = authenticator
            copy.inlineCredentialHeaders = inline
        }
        return copy
    }

    /// The same routes; requests carrying one of `headers` go through Hummingbird.
    func passingOn(headers: [HTTPField.Name]) -> InlineReads {
        var copy = self
        for name in headers { copy.passedOnHeaders.insert(name.canonicalName) }
        return copy
    }

    /// The same routes less those a middleware with one of `policies` must see.
    func honouring(_ policies: [InlineReadPolicy]) -> InlineReads {
        var copy = self
        for policy in policies {
            switch policy {
            case .maySkip: continue
            case .maySkipAnonymous:
                copy.passedOnHeaders.formUnion(copy.inlineCredentialHeaders)
                copy.inlineCredentialHeaders = []
                copy.authenticator = nil
            case .mustRun: copy.routes = []
            case .mustRunUnder(let prefixes):
                copy.routes.removeAll { route in prefixes.contains { Self.itemPaths(of: route.collectionPath, overlap: $0) } }
            }
        }
        return copy
    }

    /// Whether some path `<collectionPath>/<key>` starts with the whole segments of `prefix`.
    static func itemPaths(of collectionPath: String, overlap prefix: String) -> Bool {
        let route = collectionPath.split(separator: "/")
        let scope = prefix.split(separator: "/")
        // The item path has one segment (the key, any text) after the collection's; a longer scope is deeper than it.
        guard scope.count <= route.count + 1 else { return false }
        return zip(route, scope).allSatisfy { $0 == $1 }
    }

    /// The whole HTTP response to `request` (status line, headers, body) when it can be
    /// answered here, with `date` as the `Date` header value, and what the observer is told of
    /// it (the caller, `nil` when anonymous). A `HEAD` gets the `GET`'s head alone.
    func answer(
        _ request: HTTPRequestHead, date: String, allocator: ByteBufferAllocator, clientAddress: String? = nil
    ) -> (response: ByteBuffer, route: String, requestID: String, identity: Identity?)? {
        guard request.method == .GET || request.method == .HEAD, request.version == .http1_1 else { return nil }
        var clientRequestID: String?
        var credentials: [(name: String, value: String)] = []
        guard request.uri.utf8.count <= requestLimits.maxURLBytes else { return nil }
        var headerBytes = 0
        for (name, value) in request.headers {
            headerBytes += name.utf8.count + value.utf8.count
            let lowercased = name.lowercased()
            if passedOnHeaders.contains(lowercased) { return nil }
            if lowercased == commonHeaders.requestIDHeader.canonicalName {
                // Hummingbird would join repeated values into one that is never a valid id.
                guard clientRequestID == nil else { return nil }
                clientRequestID = value
            } else if inlineCredentialHeaders.contains(lowercased) {
                // Repeated, Hummingbird would join the values into one: left to `authenticate`.
                guard !credentials.contains(where: { $0.name == lowercased }) else { return nil }
                credentials.append((lowercased, value))
            }
        }
        guard headerBytes <= requestLimits.maxHeaderBytes, let (route, key) = match(request.uri) else { return nil }
        var identity: Identity?
        if !credentials.isEmpty {
            let presented = InlineCredentials(
                fields: credentials, path: request.uri, clientAddress: trustsForwardedAddresses ? nil : clientAddress)
            guard let authenticated = authenticator?.authenticateInline(presented) else { return nil }
            identity = authenticated
        }
        guard let record = route.read(key, identity) else { return nil }
        var counted: [HTTPField] = []
        for counter in counters {
            guard let fields = counter.countInline(path: request.uri, identity: identity, clientAddress: clientAddress) else { return nil }
            counted.append(contentsOf: fields)
        }
        var head = HTTP1HeadBytes(buffer: allocator.buffer(capacity: 192 + record.bytes.count))
        head.buffer.writeStaticString("HTTP/1.1 200 OK\r\n")
        let requestID = RequestIdentifier.accepting(clientRequestID)
        commonHeaders.write(
            entityTag: record.tag, contentType: JSONResponse.contentType, contentLength: String(record.bytes.count),
            requestID: requestID, date: date, to: &head)
        for field in counted { head.append(field.name, field.value) }
        head.buffer.writeStaticString("\r\n")
        if request.method == .GET { head.buffer.writeBytes(record.bytes) }
        return (head.buffer, route.template, requestID, identity)
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
