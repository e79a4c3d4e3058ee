/// The `accessLog` section of `app.json`: the server writes one line per request (method, route
/// template, status, duration, request id, identity, client IP), inline key reads included.
public struct AccessLogConfig: Codable, Sendable, Hashable {
    /// How each line is written.
    public enum Format: String, Codable, Sendable, Hashable, CaseIterable {
        /// One JSON object per line, for log collectors.
        case json
        /// `key=value` pairs, for people reading a terminal.
        case text
    }

    /// `format`: `json` or `text` (default `json`).
    public var format: Format

    /// Creates the section.
    public init(format: Format = .json) {
        self.format = format
    }
}
