/// The `cors` section of `app.json`: which browser origins may call the API from their pages,
/// with which methods and request headers, which answer headers their scripts may read, whether
/// credentials (cookies, `Authorization`) go along, and how long a preflight may be cached.
/// Absent: no CORS header is ever sent, and browsers keep other origins' pages out.
public struct CORSConfig: Codable, Sendable, Hashable {
    /// Seconds a browser may cache a preflight's answer when `maxAgeSeconds` is absent.
    public static let defaultMaxAgeSeconds = 600
    /// Methods allowed when `methods` is absent: every method a Loom route answers.
    public static let defaultMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]

    /// `origins`: exact origins (`https://app.example.com`, scheme, host and port, no path),
    /// or the single entry `*` for any origin (never with `credentials`).
    public var origins: [String]
    /// `methods`: the methods a preflight allows.
    public var methods: [String]
    /// `headers`: request headers a preflight allows; `nil`: `Content-Type`, `Authorization` and
    /// the app's own request headers (API key, request id, idempotency key), decided by the runtime.
    public var headers: [String]?
    /// `exposedHeaders`: answer headers a page's script may read; `nil`: the request id, the
    /// rate-limit headers, `Retry-After`, `ETag`, `Location` and `Idempotent-Replayed`, under the app's names.
    public var exposedHeaders: [String]?
    /// `credentials`: whether answers say `Access-Control-Allow-Credentials: true`.
    public var credentials: Bool
    /// `maxAgeSeconds`: `Access-Control-Max-Age` of a preflight's answer.
    public var maxAgeSeconds: Int

    /// Creates the section; absent members take the defaults above.
    public init(
        origins: [String], methods: [String] = CORSConfig.defaultMethods, headers: [String]? = nil, exposedHeaders: [String]? = nil,
        credentials: Bool = false, maxAgeSeconds: Int = CORSConfig.defaultMaxAgeSeconds
    ) {
        self.origins = origins
        self.methods = methods
        self.headers = headers
        self.exposedHeaders = exposedHeaders
        self.credentials = credentials
        self.maxAgeSeconds = maxAgeSeconds
    }
}
