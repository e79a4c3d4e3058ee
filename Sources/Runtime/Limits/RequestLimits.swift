import HTTPTypes
import Hummingbird
import NIOHTTP1

/// An app's request limits (`limits` of `app.json`): how long a request target and how large
/// its header fields may be, how many query parameters it may carry, and how long an operation
/// may run. Issue 14, "Limits, timeouts".
///
/// The numbers are declared once per app; the generator documents the answers they cause
/// (414, 431, 400, 504) on every operation from the same declaration, and the runtime enforces
/// them in three places: NIO's request decoder reads no more of a head than `decoderLimits`
/// allow (`HeadOverflowHandler` answers a head it gave up on), `LoomMiddleware` checks every
/// decoded head with `violation(of:)` before anything else runs, and `RouteRegistry.install`
/// gives each route its time budget (`TimeBudget`).
public struct RequestLimits: Sendable, Hashable {
    /// Longest request target (path and query) in bytes; longer: 414.
    public var maxURLBytes: Int
    /// Most bytes of header field names and values (the request line not counted); more: 431.
    public var maxHeaderBytes: Int
    /// Most query parameters (`&`-separated pieces); more: 400 naming the query.
    public var maxQueryParameters: Int
    /// Time budget of an operation; past it: 504.
    public var standardBudget: Duration
    /// Time budget of a batch operation (`POST <table>/batch`).
    public var batchBudget: Duration

    /// The limits of `reference/b2b-saas-api.md`: 8 KB URL, 32 KB of headers, 50 query
    /// parameters, 30 s per operation and 120 s per batch (what `app.json` defaults to).
    public static let standard = RequestLimits(
        maxURLBytes: 8_192, maxHeaderBytes: 32_768, maxQueryParameters: 50, standardBudget: .seconds(30), batchBudget: .seconds(120))

    /// Creates limits.
    public init(maxURLBytes: Int, maxHeaderBytes: Int, maxQueryParameters: Int, standardBudget: Duration, batchBudget: Duration) {
        self.maxURLBytes = maxURLBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxQueryParameters = maxQueryParameters
        self.standardBudget = standardBudget
        self.batchBudget = batchBudget
    }

    /// What NIO's decoder may read of one head: the target and the fields together (it counts
    /// both, and no more), so every head within both limits decodes and one past their sum is
    /// given up on without reading further.
    var decoderLimits: NIOHTTPDecoderLimitConfiguration {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderListSize = maxURLBytes + maxHeaderBytes
        limits.maxHeaderFieldSize = maxURLBytes + maxHeaderBytes
        return limits
    }

    /// The refusal a decoded request earns, or `nil`: a target over `maxURLBytes` (414), header
    /// fields over `maxHeaderBytes` (431), more than `maxQueryParameters` query parameters (400).
    /// Costs a length read per field; the query is scanned only when there is one.
    public func violation(of request: Request) -> APIError? {
        let target = request.head.path ?? ""
        if target.utf8.count > maxURLBytes { return .uriTooLong(limit: maxURLBytes) }
        var headerBytes = request.head.authority.map { 4 + $0.utf8.count } ?? 0
        for field in request.headers { headerBytes += field.name.rawName.utf8.count + field.value.utf8.count }
        if headerBytes > maxHeaderBytes { return .headerFieldsTooLarge(limit: maxHeaderBytes) }
        let count = Self.queryParameterCount(target)
        if count > maxQueryParameters { return .tooManyQueryParameters(count: count, limit: maxQueryParameters) }
        return nil
    }

    /// The non-empty `&`-separated pieces of `target`'s query (`?a=1&&b` has two).
    static func queryParameterCount(_ target: String) -> Int {
        let bytes = target.utf8
        guard let question = bytes.firstIndex(of: UInt8(ascii: "?")) else { return 0 }
        var count = 0
        var pieceIsEmpty = true
        for byte in bytes[bytes.index(after: question)...] {
            if byte == UInt8(ascii: "#") { break }
            if byte == UInt8(ascii: "&") {
                if !pieceIsEmpty { count += 1 }
                pieceIsEmpty = true
            } else {
                pieceIsEmpty = false
            }
        }
        return pieceIsEmpty ? count : count + 1
    }
}
