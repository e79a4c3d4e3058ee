/// An app's `metrics` section as the runtime uses it: where the Prometheus listener binds
/// (`MetricsServer`), apart from the API's own address.
public struct MetricsSettings: Sendable {
    /// Address to listen on (`127.0.0.1` unless the app says otherwise).
    public var host: String
    /// Port to listen on; 0 picks a free one.
    public var port: Int

    /// Creates the settings.
    public init(host: String = "127.0.0.1", port: Int) {
        self.host = host
        self.port = port
    }
}
