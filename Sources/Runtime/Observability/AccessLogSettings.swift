/// An app's `accessLog` section as the runtime uses it, generated from `app.json`: the server
/// then writes one line per request (`AccessLog`).
public struct AccessLogSettings: Sendable, Hashable {
    /// How each line is written.
    public enum Format: String, Sendable, Hashable {
        /// One JSON object per line.
        case json
        /// `key=value` pairs separated by spaces.
        case text
    }

    /// How each line is written.
    public let format: Format

    /// Creates the settings.
    public init(format: Format) {
        self.format = format
    }
}
