/// The `metrics` section of `app.json`: Prometheus `/metrics` served on a port of its own, apart
/// from the API (so no API client, token or rate limit is involved, and the port can be kept
/// off the public network). Absent: nothing is measured.
public struct MetricsConfig: Codable, Sendable, Hashable {
    /// The address the metrics listener binds when `host` is absent: this machine only.
    public static let defaultHost = "127.0.0.1"

    /// `host`: the address to listen on.
    public var host: String
    /// `port`: the port to listen on; 0 picks a free one (logged at start).
    public var port: Int

    /// Creates the section.
    public init(host: String = MetricsConfig.defaultHost, port: Int) {
        self.host = host
        self.port = port
    }
}
