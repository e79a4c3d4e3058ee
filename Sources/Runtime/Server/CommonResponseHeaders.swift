import HTTPTypes
import Hummingbird

/// The header fields every Loom answer shares, written in one order by this one type for both
/// ways an answer leaves the server: through Hummingbird (`LoomMiddleware` rebuilds each
/// response's fields with `apply`) and inline on the event loop (`InlineReads` encodes its
/// head with `write`). A field added here appears on both paths, so they cannot drift;
/// `InlineReadTests` compares them byte for byte.
///
/// Order: `ETag`, `Content-Type`, `Content-Length` (each when the answer has one),
/// the request id (`X-Request-Id`), `Date`, `Server`, the security fields (`SecurityHeaders`),
/// then the route's own fields (`Location`, `Allow`, ...).
/// Hummingbird's `Application` sets `Date` again after the middleware, in place and to the
/// same second's text; Loom gives it no `serverName`, so `Server` comes from here alone.
public struct CommonResponseHeaders: Sendable {
    /// The `Server` value; `nil` sends none.
    public let serverName: String?
    /// The request id header (`X-Request-Id` unless the app's `headers.requestId` renames it).
    public let requestIDHeader: HTTPField.Name
    /// The security fields every answer carries, prepared once.
    let securityFields: [HTTPField]
    /// The fields with these names are written by `write`; the route's own fields of these names are replaced.
    let names: [HTTPField.Name]

    /// Creates the writer for a server calling itself `serverName`, with the app's `security` fields.
    public init(serverName: String?, requestIDHeader: HTTPField.Name = .requestID, security: SecurityHeaders = .standard) {
        self.serverName = serverName
        self.requestIDHeader = requestIDHeader
        self.securityFields = security.fields
        self.names = [.eTag, .contentType, .contentLength, requestIDHeader, .date, .server] + securityFields.map(\.name)
    }

    /// Writes the common fields of one answer to `sink`.
    func write<Sink: ResponseHeaderSink>(
        entityTag: String?, contentType: String?, contentLength: String?, requestID: String, date: String, to sink: inout Sink
    ) {
        if let entityTag { sink.append(.eTag, entityTag) }
        if let contentType { sink.append(.contentType, contentType) }
        if let contentLength { sink.append(.contentLength, contentLength) }
        sink.append(requestIDHeader, requestID)
        sink.append(.date, date)
        if let serverName { sink.append(.server, serverName) }
        for field in securityFields { sink.append(field.name, field.value) }
    }

    /// Rebuilds `response`'s fields: the common ones first (taking its entity tag, content type
    /// and length), then the rest of the route's own in their order.
    func apply(to response: inout Response, requestID: String, date: String) {
        let own = response.headers
        var fields = HTTPFields()
        fields.reserveCapacity(own.count + 3 + securityFields.count)
        write(
            entityTag: own[.eTag], contentType: own[.contentType], contentLength: own[.contentLength], requestID: requestID,
            date: date, to: &fields)
        for field in own where !names.contains(field.name) { fields.append(field) }
        response.headers = fields
    }
}
