import HTTPTypes

/// An error that is not (yet) an `APIError`, carrying header fields its answer must have:
/// `RateLimitMiddleware` wraps what it cannot annotate itself (Hummingbird's 404 for an unknown
/// path, a database failure) so the answer `LoomMiddleware` renders from it still carries the
/// rate-limit fields every limited answer has.
public struct ErrorWithHeaderFields: Error, Sendable {
    /// The error as thrown.
    public let error: any Error
    /// Fields added to the answer rendered from it.
    public let fields: HTTPFields

    /// Wraps `error` with `fields`.
    public init(error: any Error, fields: HTTPFields) {
        self.error = error
        self.fields = fields
    }
}
