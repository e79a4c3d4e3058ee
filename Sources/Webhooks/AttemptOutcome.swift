/// What one delivery attempt came to, as the attempt log records it.
struct AttemptOutcome: Sendable {
    /// When it started, in milliseconds since 1970.
    let startedAt: Int64
    /// How long it took.
    let durationMilliseconds: Int64
    /// The response status, when an answer came.
    let status: Int?
    /// The first kilobyte of the response body, when there was one.
    let responseBody: String?
    /// Why no acceptable answer came (refused address, connection failure, time-out, status).
    let error: String?
    /// `Retry-After` in seconds, read on 429 and 503.
    let retryAfter: Int?

    /// Whether the receiver acknowledged the message (2xx only).
    var succeeded: Bool { status.map { (200..<300).contains($0) } ?? false }
}
