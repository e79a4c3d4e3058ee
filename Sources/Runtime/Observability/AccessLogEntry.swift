/// One line of the access log: what was asked, how it was answered, by whom and from where.
/// Only bounded, non-secret facts: the route template (never the raw path or query), the
/// credential's kind and subject (never a token).
public struct AccessLogEntry: Sendable, Hashable {
    /// The request method.
    public var method: String
    /// The route template (`/v1/projects/{id}`), `NotFound` when no route matched.
    public var route: String
    /// The status answered.
    public var status: Int
    /// From the request reaching the log to its answer, in milliseconds.
    public var durationMilliseconds: Double
    /// The request id (`X-Request-Id`).
    public var requestID: String
    /// `<kind>:<subject>` of the caller's credentials, or `nil` when anonymous.
    public var identity: String?
    /// The caller's organization, when bound to one.
    public var organizationID: String?
    /// The client's IP address (`RequestClientAddress`).
    public var clientIP: String?
    /// Whether the inline key-read path answered (it skips the middleware).
    public var inline: Bool

    /// Creates an entry.
    public init(
        method: String, route: String, status: Int, durationMilliseconds: Double, requestID: String, identity: String?,
        organizationID: String?, clientIP: String?, inline: Bool
    ) {
        self.method = method
        self.route = route
        self.status = status
        self.durationMilliseconds = durationMilliseconds
        self.requestID = requestID
        self.identity = identity
        self.organizationID = organizationID
        self.clientIP = clientIP
        self.inline = inline
    }

    /// The `identity` text of a caller, `<kind>:<subject>`, on both paths.
    public static func identityText(_ identity: Identity) -> String {
        identity.kind + ":" + identity.subject
    }

    /// The line in `format`.
    public func line(_ format: AccessLogSettings.Format) -> String {
        switch format {
        case .json: return json
        case .text: return text
        }
    }

    /// One JSON object, members in a fixed order.
    var json: String {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.member("method", method)
        writer.member("route", route)
        writer.member("status", status)
        writer.member("duration_ms", (durationMilliseconds * 1000).rounded() / 1000)
        writer.member("request_id", requestID)
        writer.member("identity", identity)
        writer.member("organization_id", organizationID)
        writer.member("client_ip", clientIP)
        writer.member("inline", inline)
        writer.endObject()
        return writer.string
    }

    /// `key=value` pairs; values with spaces or quotes are quoted as JSON strings.
    var text: String {
        let pairs: [(String, String?)] = [
            ("method", method), ("route", route), ("status", String(status)),
            ("duration_ms", String(format: "%.3f", durationMilliseconds)), ("request_id", requestID), ("identity", identity),
            ("organization_id", organizationID), ("client_ip", clientIP), ("inline", String(inline)),
        ]
        return pairs.map { key, value in
            guard let value else { return key + "=-" }
            let plain = !value.isEmpty && value.allSatisfy { $0 != " " && $0 != "\"" && $0 != "=" && !$0.isNewline }
            if plain { return key + "=" + value }
            var writer = JSONWriter(capacity: value.utf8.count + 2)
            writer.value(value)
            return key + "=" + writer.string
        }.joined(separator: " ")
    }
}
