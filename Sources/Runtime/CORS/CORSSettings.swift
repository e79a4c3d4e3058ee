/// An app's `cors` section as the runtime uses it (the generator writes it from `app.json`;
/// `CORSRules` checked it): which browser origins may call the API, and what a preflight
/// allows and an answer exposes.
public struct CORSSettings: Sendable {
    /// Exact origins (`https://app.example.com`), or `["*"]` for any origin.
    public let origins: [String]
    /// Methods a preflight allows.
    public let methods: [String]
    /// Request headers a preflight allows; `nil`: `CrossOriginMiddleware`'s defaults from the
    /// app's header names.
    public let headers: [String]?
    /// Answer headers a page's script may read; `nil`: `CrossOriginMiddleware`'s defaults from
    /// the app's header names.
    public let exposedHeaders: [String]?
    /// Whether answers allow credentials (cookies, `Authorization`).
    public let credentials: Bool
    /// `Access-Control-Max-Age` of a preflight's answer, seconds.
    public let maxAgeSeconds: Int

    /// Creates the settings; `origins` never holds `*` with `credentials` (the generator refused it).
    public init(
        origins: [String], methods: [String], headers: [String]? = nil, exposedHeaders: [String]? = nil, credentials: Bool = false,
        maxAgeSeconds: Int
    ) {
        precondition(!(credentials && origins.contains("*")), "CORS: \"*\" with credentials was refused by the generator")
        self.origins = origins
        self.methods = methods
        self.headers = headers
        self.exposedHeaders = exposedHeaders
        self.credentials = credentials
        self.maxAgeSeconds = maxAgeSeconds
    }

    /// Whether any origin is allowed (`*`).
    public var allowsAnyOrigin: Bool { origins.contains("*") }
}
